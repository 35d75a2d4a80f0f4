// Kills real builds while they write the report and checks that target/site/memflame is then either exactly the
// previous complete report, exactly the new complete report, or absent: never a mix, never a half-written file.
// Then checks that an uninterrupted build succeeds and removes what the killed ones left next to the report.
//
// Two runs write different reports: run A reads snapshots-a (a-00 .. a-05), run B reads snapshots-b (b-00 .. b-04);
// every frame of run A starts with runA/, of run B with runB/. Each child build runs the check goal of this
// project with the Maven running this script, on the invoker's local repository.
import groovy.json.JsonSlurper
import groovy.io.FileType
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import java.util.zip.GZIPInputStream
import javax.xml.parsers.DocumentBuilderFactory

final long started = System.nanoTime()
final File site = new File(basedir, 'target/site')
final File output = new File(site, 'memflame')
// ReportWriter's hidden siblings of the report directory: .memflame.staging-* and .memflame.old-*
final String staging = '.memflame.staging-'
final String old = '.memflame.old-'
final File work = new File(basedir, 'interrupt-work')
work.mkdirs()
final File journal = new File(basedir, 'interrupts.log')
journal.text = ''
def say = { String line ->
    String stamped = String.format('[interrupted-report %6.1fs] %s', (System.nanoTime() - started) / 1e9, line)
    println stamped
    journal << stamped + '\n'
}

// ---- the snapshots: many distinct stacks, so that writing the folded files and flame graphs takes a while ----
final Map<String, List<String>> names = [A: (0..5).collect { String.format('a-%02d.folded', it) },
                                         B: (0..4).collect { String.format('b-%02d.folded', it) }]
final int stacks = 3000
names.each { run, files ->
    File dir = new File(basedir, 'snapshots-' + run.toLowerCase())
    dir.mkdirs()
    files.eachWithIndex { name, i ->
        new File(dir, name).withWriter('UTF-8') { out ->
            for (int j = 0; j < stacks; j++) {
                out << "run${run}/game/scene${i}/mod${j % 37}.py:${j % 90 + 1};run${run}/pkg${j % 53}/sub${j % 101}" \
                        + "/leaf${j}.py:${j % 1000 + 1} ${64 + (j * 7919) % 4096}\n"
            }
        }
    }
}

// ---- the child build ----
def plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, 'pom.xml'))
        .getElementsByTagName('plugin').item(0)
def coordinate = { String tag -> plugin.getElementsByTagName(tag).item(0).textContent.trim() }
final String goal = "${coordinate('groupId')}:${coordinate('artifactId')}:${coordinate('version')}:check"
final boolean windows = System.getProperty('os.name').toLowerCase(Locale.ROOT).contains('win')
final File mvn = new File(System.getProperty('maven.home'), 'bin/' + (windows ? 'mvn.cmd' : 'mvn'))
assert mvn.isFile() : "no Maven to start at $mvn"
// With the repository id of src/it/settings.xml: the resolver remembers which repository each artifact of the local
// repository came from and offers it only to builds that know that repository. Not offline: the parents of the
// plugin's dependencies import BOMs that invoker:install does not copy, and on a fresh machine no other IT may
// have fetched them yet.
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
    [process: builder.start(), log: log]
}
def kill = { Process process ->
    // SIGKILL on Unix; the descendants too, in case the mvn launcher does not exec the JVM (mvn.cmd on Windows)
    List<ProcessHandle> descendants = process.toHandle().descendants().toList()
    process.destroyForcibly()
    descendants.each { it.destroyForcibly() }
    assert process.waitFor(60, TimeUnit.SECONDS) : 'a killed build did not end'
    descendants.each { it.onExit().get(60, TimeUnit.SECONDS) }
}
def hidden = { -> (site.list() ?: new String[0]).findAll { it.startsWith(staging) || it.startsWith(old) } as Set }
final long childTimeoutNanos = TimeUnit.SECONDS.toNanos(240)

// ---- what the report directory holds ----
def digest = { File file ->
    MessageDigest sha = MessageDigest.getInstance('SHA-256')
    file.withInputStream { input ->
        byte[] buffer = new byte[1 << 16]
        int n
        while ((n = input.read(buffer)) > 0) {
            sha.update(buffer, 0, n)
        }
    }
    sha.digest().encodeHex().toString()
}
// relative path -> SHA-256 of every file under the report directory; null when there is no report directory
def contents = { ->
    if (!output.exists()) {
        return null
    }
    assert output.isDirectory()
    Map<String, String> files = new TreeMap<>()
    output.eachFileRecurse(FileType.FILES) { files[output.toPath().relativize(it.toPath()).toString().replace('\\', '/')] = digest(it) }
    files
}
// A report file as text; the folded exports are gzip files (a truncated one fails to decompress).
def textOf = { File file ->
    file.name.endsWith('.gz') ? new GZIPInputStream(new FileInputStream(file)).withCloseable { it.getText('UTF-8') }
            : file.getText('UTF-8')
}
// A complete report of one run, checked file by file; returns its contents.
def checkComplete = { String run ->
    String other = run == 'A' ? 'B' : 'A'
    Map<String, String> files = contents()
    assert files != null : "run $run wrote no report"
    Set<String> expected = ['.memflame-report', 'index.html', 'memflame.json', 'memflame.md'] as Set
    names[run].each { n -> ['path.svg', 'stack.svg', 'path.folded.gz', 'stack.folded.gz', 'lines.txt'].each { expected << "${n}.${it}".toString() } }
    assert files.keySet() == expected : "the report of run $run has the files ${files.keySet()}"
    def summary = new JsonSlurper().parse(new File(output, 'memflame.json'))
    assert summary.result == 'passed'
    assert summary.snapshots*.name == names[run]
    summary.snapshots.each { s ->
        [s.reports.path, s.reports.stack, s.folded.path, s.folded.stack].each { assert new File(output, it).isFile() }
        long sum = 0
        textOf(new File(output, s.folded.path)).eachLine { line ->
            assert line ==~ /run${run}[;\/]\S* \d+/
            sum += line.substring(line.lastIndexOf(' ') + 1) as long
        }
        assert sum == s.totalBytes : "${s.folded.path} does not add up to the total of ${s.name}"
    }
    String index = new File(output, 'index.html').getText('UTF-8')
    assert index.trim().endsWith('</html>')
    names[run].each { assert index.contains(it) }
    expected.each { name ->
        String text = textOf(new File(output, name))
        if (name.endsWith('.svg')) {
            assert text.trim().endsWith('</svg>') : "$name is cut short"
            assert text.contains("run${run}")
        }
        assert !text.contains("run${other}") && !names[other].any { text.contains(it) } : "$name mentions run $other"
    }
    files
}

// ---- one interruption: start the run the report is not of, wait for the trigger and the delay, kill, check ----
// The report directory must then hold exactly the previous complete report, exactly the new one, or nothing.
Map<String, Map<String, String>> reference = [:]  // run -> the contents of its complete report
Map<String, Integer> outcomes = new TreeMap<>()
String current = null  // the run whose complete report target/site/memflame holds, null when there is none
long window = 0        // how long writing takes, measured by the calibration runs
int kills = 0
def interrupt = { String trigger, double fraction ->
    String run = current == 'A' ? 'B' : 'A'
    Set<String> before = hidden()
    def child = start(run)
    long deadline = System.nanoTime() + childTimeoutNanos
    boolean triggered = false
    while (!triggered && child.process.alive) {
        assert System.nanoTime() < deadline : "build ${child.log} never got to $trigger"
        if (trigger == 'staging' || trigger == 'old') {
            String prefix = trigger == 'staging' ? staging : old
            triggered = (hidden() - before).any { it.startsWith(prefix) }
        } else {
            triggered = child.log.getText('UTF-8').contains(names[run][0] + ': folded')
        }
        if (!triggered) {
            Thread.sleep(trigger == 'read' ? 5 : 1)
        }
    }
    long delay = (long) (fraction * window)
    if (triggered && delay > 0) {
        Thread.sleep(delay)
    }
    boolean finished = !child.process.alive
    kill(child.process)
    if (finished) {
        assert child.process.exitValue() == 0 : "run $run failed, see ${child.log}"
    }

    Map<String, String> now = contents()
    Set<String> left = hidden() - before
    String holds
    if (now != null) {
        holds = reference.find { it.value == now }?.key
        if (holds == null) {
            Map<String, String> like = (reference[run] ?: [:]).keySet().intersect(now.keySet()) ? reference[run]
                    : (reference[current] ?: [:])
            def missing = like.keySet() - now.keySet()
            def extra = now.keySet() - like.keySet()
            def changed = now.keySet().intersect(like.keySet()).findAll { now[it] != like[it] }
            assert false : "after killing run $run (${child.log.name}) the report is not a complete report of one run: " \
                    + "missing $missing, extra $extra, different $changed"
        }
    }
    String moment
    if (holds == run) {
        moment = left.any { it.startsWith(old) } ? 'swap (deleting the old report)' : 'after completion'
    } else if (holds == null) {
        assert current == null || left.any { it.startsWith(old) } :
                "after killing run $run the previous report $current is gone and was not renamed away"
        moment = left.any { it.startsWith(old) } ? 'swap (between the renames)'
                : left.any { it.startsWith(staging) } ? 'staging (no previous report)' : 'before writing (no previous report)'
    } else {
        assert holds == current : "after killing run $run the report is run $holds's, but run $current's was there"
        moment = left.any { it.startsWith(old) } ? 'swap (before the renames)'
                : left.any { it.startsWith(staging) } ? 'staging' : 'before writing'
    }
    outcomes[moment] = (outcomes[moment] ?: 0) + 1
    say String.format('kill %2d: run %s, %s + %4d ms: report %s, new hidden %s -> %s', ++kills, run, trigger, delay,
            holds ?: 'absent', left.sort(), moment)
    current = holds
}

// Killed while writing the first report ever: no report, a staging directory left for the next run to remove.
interrupt('staging', 0d)
assert current == null

// ---- calibration: two uninterrupted builds give the two complete reports and how long writing takes ----
def runToEnd = { String run ->
    Set<String> before = hidden()
    def child = start(run)
    long stagingSeen = 0, stagingGone = 0
    while (child.process.alive) {
        boolean present = (hidden() - before).any { it.startsWith(staging) }
        if (present && stagingSeen == 0) {
            stagingSeen = System.nanoTime()
        } else if (!present && stagingSeen != 0 && stagingGone == 0) {
            stagingGone = System.nanoTime()
        }
        Thread.sleep(2)
    }
    assert child.process.exitValue() == 0 : "run $run failed, see ${child.log}"
    assert child.log.getText('UTF-8').contains('BUILD SUCCESS')
    assert stagingSeen != 0 && stagingGone != 0 : "never saw the staging directory of run $run: nothing to interrupt"
    [log: child.log, writeMillis: (stagingGone - stagingSeen) / 1e6 as long]
}
List<Long> writeMillis = []
['A', 'B'].each { run ->
    def result = runToEnd(run)
    reference[run] = checkComplete(run)
    assert hidden().isEmpty() : "run $run left or did not remove ${hidden()}"
    writeMillis << result.writeMillis
    say "uninterrupted run $run: the staging directory existed for ${result.writeMillis} ms"
}
window = Math.max(50L, writeMillis.max())
current = 'B'

// ---- the interruptions ----
// [what to wait for, then which fraction of the measured writing time to wait]: the first snapshot logged (reading,
// before anything is written); the staging directory appearing (writing); an old directory appearing (the swap).
List<List> plan = [['read', 0d], ['read', 0d]] + [0d, 0.1d, 0.25d, 0.4d, 0.55d, 0.7d, 0.85d].collect { ['staging', it] } \
        + [['old', 0d], ['old', 0d], ['staging', 1.2d]]
plan.each { step -> interrupt(step[0], step[1]) }
say "kills by moment: $outcomes"
assert outcomes.findAll { it.key.startsWith('staging') }.values().sum(0) >= 3 :
        "fewer than 3 kills landed while the staging directory existed: $outcomes; the IT proves little, tune its sizes"

// ---- an uninterrupted build afterwards succeeds and removes every leftover ----
String last = current == 'A' ? 'B' : 'A'
runToEnd(last)
checkComplete(last)
assert contents() == reference[last]
assert hidden().isEmpty() : "the uninterrupted build left ${hidden()} next to the report"
assert (site.list() as List) == ['memflame']
say "the uninterrupted run $last afterwards wrote its complete report and left nothing behind"
return true
