// Two builds of one project at the same moment (an IDE build and a terminal one) never mix their outputs: each
// report, and the JUnit file, is whole and is one build's, and both builds pass. Run A reads snapshots-a (a-00 ..
// a-03), run B snapshots-b (b-00 .. b-02); every frame of run A starts with runA/, of run B with runB/.
//
// First a build is made to wait: this script holds the lock file memflame takes in target and starts a build, which
// must say that it waits and write nothing until the lock is released (a lock memflame holds also names the process
// holding it; this one is held by the script, which writes no process id). Then rounds of two real builds started
// together; whichever finishes last, target/site/memflame and target/memflame-reports/TEST-memflame.xml are that
// build's, complete.
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
    names[run].each { n -> ['path.svg', 'stack.svg', 'path.folded.gz', 'stack.folded.gz'].each { expected << "${n}.${it}".toString() } }
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

// ---- a build that finds the lock taken waits, says so, and writes nothing until it is free ----
File lockFile = new File(target, '.memflame.lock')
target.mkdirs()
FileChannel held = FileChannel.open(lockFile.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)
def lock = held.lock()
def waiting = start('A')
long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240)
while (!waiting.log.getText('UTF-8').contains('memflame: waiting for another build')) {
    assert waiting.process.alive : "the build did not wait for the lock:\n${waiting.log.getText('UTF-8')}"
    assert System.nanoTime() < deadline : 'the build never said that it waits'
    Thread.sleep(50)
}
Thread.sleep(1500)
assert waiting.process.alive : 'the build went on while the lock was held'
assert !output.exists() && !junit.exists() : 'the build wrote while another held the lock'
lock.release()
held.close()
String log = finish(waiting)
assert log =~ /memflame: waiting for another build that is writing the report .*memflame; lock file .*\.memflame\.lock/
assert log.contains('memflame: done waiting after ')
assert reportRun() == 'A' && junitRun() == 'A'
say 'a build waited for the lock, said so, and wrote its outputs once it was free'

// ---- rounds of two builds at the same moment ----
int waits = 0
(1..3).each { round ->
    def first = start(round % 2 == 1 ? 'A' : 'B')
    def second = start(round % 2 == 1 ? 'B' : 'A')
    String firstLog = finish(first)
    String secondLog = finish(second)
    waits += [firstLog, secondLog].count { it.contains('memflame: waiting for another build') }
    String report = reportRun()
    String tests = junitRun()
    assert report == tests : "round $round: the report is run $report's but the JUnit report run $tests's"
    assert leftovers().isEmpty() : "round $round left ${leftovers()}"
    say "round $round: both builds passed; the report and the JUnit report are both run ${report}'s, whole"
}
say "the concurrent builds waited for each other ${waits} times in 3 rounds"
return true
