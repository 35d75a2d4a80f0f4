// Two builds of one project at the same moment (an IDE build and a terminal one) never mix their outputs: each
// report, and the JUnit file, is whole and is one build's (whichever finished last), and both builds pass. Run A
// reads snapshots-a (a-00 .. a-03), run B snapshots-b (b-00 .. b-02); every frame of run A starts with runA/, of
// run B with runB/.
//
// Round 1: this script holds the lock file memflame takes in target and starts two builds, which must both say that
// they wait and write nothing until the lock is released (a lock memflame holds also names the process holding it;
// this one is held by the script, which writes no process id); then they take turns. Rounds 2 and 3: two builds
// started together. After each round target/site/memflame and target/memflame-reports/TEST-memflame.xml are
// complete and of the same run.
import groovy.json.JsonSlurper
import groovy.io.FileType
import java.nio.channels.FileChannel
import java.nio.file.StandardOpenOption
import java.util.concurrent.TimeUnit
import java.util.zip.GZIPInputStream
import javax.xml.parsers.DocumentBuilderFactory

final long started = System.nanoTime()
final File target = new File(basedir, 'target')
final File output = new File(target, 'site/memflame')
final File junit = new File(target, 'memflame-reports/TEST-memflame.xml')
final File work = new File(basedir, 'concurrent-work')
work.mkdirs()
def say = { String line -> println String.format('[concurrent-builds %6.1fs] %s', (System.nanoTime() - started) / 1e9, line) }

// ---- the snapshots: enough distinct stacks that reading and writing take a while ----
final Map<String, List<String>> names = [A: (0..3).collect { String.format('a-%02d.folded', it) },
                                         B: (0..2).collect { String.format('b-%02d.folded', it) }]
names.each { run, files ->
    File dir = new File(basedir, 'snapshots-' + run.toLowerCase())
    dir.mkdirs()
    files.eachWithIndex { name, i ->
        new File(dir, name).withWriter('UTF-8') { out ->
            for (int j = 0; j < 1200; j++) {
                out << "run${run}/game/scene${i}/mod${j % 37}.py:${j % 90 + 1};run${run}/pkg${j % 53}/leaf${j}.py:" \
                        + "${j % 1000 + 1} ${64 + (j * 7919) % 4096}\n"
            }
        }
    }
}

// ---- the child builds ----
def plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, 'pom.xml'))
        .getElementsByTagName('plugin').item(0)
def coordinate = { String tag -> plugin.getElementsByTagName(tag).item(0).textContent.trim() }
final String goal = "${coordinate('groupId')}:${coordinate('artifactId')}:${coordinate('version')}:check"
final boolean windows = System.getProperty('os.name').toLowerCase(Locale.ROOT).contains('win')
final File mvn = new File(System.getProperty('maven.home'), 'bin/' + (windows ? 'mvn.cmd' : 'mvn'))
assert mvn.isFile() : "no Maven to start at $mvn"
// With the repository id of src/it/settings.xml, as interrupted-report explains.
final File settings = new File(work, 'settings.xml')
final String repoUrl = new File(localRepositoryPath.toString()).toURI().toString()
settings.text = """<settings>
  <profiles><profile><id>it-repo</id><activation><activeByDefault>true</activeByDefault></activation>
    <repositories><repository><id>local.central</id><url>${repoUrl}</url></repository></repositories>
    <pluginRepositories><pluginRepository><id>local.central</id><url>${repoUrl}</url></pluginRepository></pluginRepositories>
  </profile></profiles>
</settings>
"""
int childCount = 0
def start = { String run ->
    File log = new File(work, String.format('child-%02d-%s.log', ++childCount, run))
    ProcessBuilder builder = new ProcessBuilder(mvn.path, '-B', '-ntp', '-s', settings.path,
            '-Dmaven.repo.local=' + localRepositoryPath, '-f', new File(basedir, 'pom.xml').path, goal,
            '-Dmemflame.snapshotDirectory=' + new File(basedir, 'snapshots-' + run.toLowerCase()).path)
    builder.directory(basedir).redirectErrorStream(true).redirectOutput(log)
    [run: run, process: builder.start(), log: log]
}
def finish = { child ->
    assert child.process.waitFor(240, TimeUnit.SECONDS) : "build ${child.log} did not end"
    assert child.process.exitValue() == 0 : "run ${child.run} failed, see ${child.log}:\n${child.log.getText('UTF-8')}"
    child.log.getText('UTF-8')
}

// ---- what a complete output of one run is ----
def textOf = { File file ->
    file.name.endsWith('.gz') ? new GZIPInputStream(new FileInputStream(file)).withCloseable { it.getText('UTF-8') }
            : file.getText('UTF-8')
}
// The run whose complete report target/site/memflame is; fails on a mix or a missing or cut file.
def reportRun = { ->
    assert output.isDirectory() : 'no report'
    Set<String> files = [] as Set
    output.eachFileRecurse(FileType.FILES) { files << output.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
    String run = files.any { it.startsWith('a-') } ? 'A' : 'B'
    String other = run == 'A' ? 'B' : 'A'
    Set<String> expected = ['.memflame-report', 'index.html', 'memflame.json', 'memflame.md'] as Set
    names[run].each { n -> ['path.svg', 'stack.svg', 'path.folded.gz', 'stack.folded.gz', 'lines.txt'].each { expected << "${n}.${it}".toString() } }
    assert files == expected : "the report is not one complete report of run $run: ${files}"
    def summary = new JsonSlurper().parse(new File(output, 'memflame.json'))
    assert summary.snapshots*.name == names[run]
    expected.each { name ->
        String text = textOf(new File(output, name))
        if (name.endsWith('.svg')) {
            assert text.trim().endsWith('</svg>') : "$name is cut short"
        }
        assert !text.contains("run${other}") && !names[other].any { text.contains(it) } : "$name mentions run $other"
    }
    assert new File(output, 'index.html').getText('UTF-8').trim().endsWith('</html>')
    run
}
// The run whose complete JUnit report the file is.
def junitRun = { ->
    def suites = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit)
    def cases = suites.getElementsByTagName('testcase')
    Set<String> classnames = (0..<cases.length).collect { cases.item(it).getAttribute('classname') } as Set
    String run = classnames.any { it.startsWith('a-') } ? 'A' : 'B'
    assert classnames == names[run] as Set : "the JUnit report is not run $run's alone: $classnames"
    assert cases.length == 2 * names[run].size() : 'a dump-read case and a budget case per snapshot'
    run
}
def leftovers = { ->
    [output.parentFile, junit.parentFile].collectMany { dir -> (dir.list() ?: new String[0]).findAll { it.startsWith('.') && !it.endsWith('.lock') } }
}

def checkRound = { int round, String firstLog, String secondLog ->
    String report = reportRun()
    String tests = junitRun()
    assert report == tests : "round $round: the report is run $report's but the JUnit report run $tests's"
    assert leftovers().isEmpty() : "round $round left ${leftovers()}"
    say "round $round: both builds passed; the report and the JUnit report are both run ${report}'s, whole"
}

// ---- round 1: the lock is taken; both builds wait, say so, and write nothing until it is free ----
File lockFile = new File(target, '.memflame.lock')
target.mkdirs()
FileChannel held = FileChannel.open(lockFile.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)
def lock = held.lock()
def first = start('A')
def second = start('B')
long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240)
def waitingSaid = { child -> child.log.getText('UTF-8').contains('memflame: waiting for another build') }
while (!waitingSaid(first) || !waitingSaid(second)) {
    [first, second].each { child ->
        assert child.process.alive || waitingSaid(child) : "a build did not wait for the lock:\n${child.log.getText('UTF-8')}"
    }
    assert System.nanoTime() < deadline : 'the builds never said that they wait'
    Thread.sleep(50)
}
Thread.sleep(1000)
assert first.process.alive && second.process.alive : 'a build went on while the lock was held'
assert !output.exists() && !junit.exists() : 'a build wrote while another held the lock'
lock.release()
held.close()
List<String> logs = [finish(first), finish(second)]
logs.each { log ->
    assert log =~ /memflame: waiting for another build that is writing the report .*memflame; lock file .*\.memflame\.lock/
}
assert logs.any { it.contains('memflame: done waiting after ') }
checkRound(1, logs[0], logs[1])

// ---- rounds 2 and 3: two builds started at the same moment ----
int waits = 0
(2..3).each { round ->
    def one = start(round % 2 == 0 ? 'B' : 'A')
    def other = start(round % 2 == 0 ? 'A' : 'B')
    String oneLog = finish(one)
    String otherLog = finish(other)
    waits += [oneLog, otherLog].count { it.contains('memflame: waiting for another build') }
    checkRound(round, oneLog, otherLog)
}
say "in rounds 2 and 3 the builds waited for each other ${waits} times"
return true
