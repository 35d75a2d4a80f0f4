// A careless configuration never costs the user a file. On the version before this guard,
// -Dmemflame.outputDirectory=${project.basedir} deleted pom.xml and src/ and the build passed; =docs wiped the docs;
// =snapshots deleted the dumps; memflame:baseline replaced any directory holding a memflame.json. Each of these now
// fails before reading a dump, naming the directory and what is in it, and every file of the project stays as it was.
// A report written by an earlier version (no .memflame-report marker) is replaced without fuss.
import java.security.MessageDigest
import java.util.concurrent.TimeUnit
import javax.xml.parsers.DocumentBuilderFactory

final long started = System.nanoTime()
def say = { String line -> println String.format('[output-guard %6.1fs] %s', (System.nanoTime() - started) / 1e9, line) }
final File work = new File(basedir.parentFile, basedir.name + '-work')
work.mkdirs()

def plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(basedir, 'pom.xml'))
        .getElementsByTagName('plugin').item(0)
def coordinate = { String tag -> plugin.getElementsByTagName(tag).item(0).textContent.trim() }
final String prefix = "${coordinate('groupId')}:${coordinate('artifactId')}:${coordinate('version')}"
final boolean windows = System.getProperty('os.name').toLowerCase(Locale.ROOT).contains('win')
final File mvn = new File(System.getProperty('maven.home'), 'bin/' + (windows ? 'mvn.cmd' : 'mvn'))
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
// Runs a child build of this project; its log.
def build = { List<String> arguments ->
    File log = new File(work, String.format('child-%02d.log', ++childCount))
    List<String> command = [mvn.path, '-B', '-ntp', '-s', settings.path, '-Dmaven.repo.local=' + localRepositoryPath,
                            '-f', new File(basedir, 'pom.xml').path] + arguments
    Process process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).redirectOutput(log).start()
    assert process.waitFor(240, TimeUnit.SECONDS) : "build $arguments did not end"
    [rc: process.exitValue(), text: log.getText('UTF-8'), log: log]
}

// Every file of the project (not target) with its digest.
def project = { ->
    Map<String, String> files = new TreeMap<>()
    basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
        String name = basedir.toPath().relativize(file.toPath()).toString().replace('\\', '/')
        if (!name.startsWith('target/') && name != 'build.log') {
            files[name] = MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
        }
    }
    files
}
final Map<String, String> before = project()
assert before.containsKey('pom.xml') && before.containsKey('src/main/python/client/game.py')

def refused = { List<String> arguments, String message ->
    def result = build(arguments)
    assert result.rc != 0 : "$arguments passed:\n${result.text}"
    assert result.text.contains('BUILD FAILURE')
    assert result.text.contains(message) : "$arguments: no '$message' in ${result.log}:\n${result.text}"
    assert !result.text.contains('scene-3-battle.pickle: tracemalloc-pickle') : "$arguments read a dump first"
    assert !result.text.contains('\tat ') : "$arguments: a stack trace in ${result.log}"
    assert project() == before : "$arguments changed the project's files"
    say "refused as it should: $arguments"
}
String base = basedir.canonicalPath
refused(['verify', '-Dmemflame.outputDirectory=${project.basedir}'],
        "Refusing to write the report to ${base} (outputDirectory): it is the project's base directory.")
refused(['verify', '-Dmemflame.outputDirectory=docs'],
        "Refusing to write the report to ${base}${File.separator}docs (outputDirectory): it holds 2 entries (guide.md, "
                + "index.html), and guide.md is not a file memflame writes into the report.")
refused(['verify', '-Dmemflame.outputDirectory=snapshots'],
        "Refusing to write the report to ${base}${File.separator}snapshots (outputDirectory): it is the snapshot directory.")
refused(['verify', '-Dmemflame.outputDirectory=src'],
        "Refusing to write the report to ${base}${File.separator}src (outputDirectory): it contains the source root ")

// ---- a report of an earlier version (no marker) is replaced; then memflame:baseline never replaces the sources ----
def first = build(['verify'])
assert first.rc == 0 : first.text
File report = new File(basedir, 'target/site/memflame')
assert new File(report, '.memflame-report').text.trim() == '{"kind": "report", "schema": 1}'
new File(report, '.memflame-report').delete()
new File(report, 'scene-0-left-from-an-older-run.pickle.path.svg').text = '<svg/>'
def upgraded = build(['verify'])
assert upgraded.rc == 0 : upgraded.text
assert new File(report, '.memflame-report').isFile()
assert !new File(report, 'scene-0-left-from-an-older-run.pickle.path.svg').exists()
say 'a report without the marker, of memflame files only, was replaced'

refused(["${prefix}:baseline".toString(), '-Dmemflame.baselineDirectory=src/main/python'],
        "Refusing to write the baseline to ${base}${File.separator}src${File.separator}main${File.separator}python "
                + "(baselineDirectory): it holds 1 entry (client/), and client/game.py is not a file memflame writes "
                + "into the baseline.")
return true
