// File errors reach the user with what was being done, on which path, and why; never a bare path
// ("memflame could not read snapshots or write its report: <path>" before). Each case is a real build of this project:
// a read-only target/site, an unreadable dump (failing, and left out with failOnUnreadable=false), an unwritable
// job summary (a warning: the check stands), a read-only old report, and snapshotDirectory=/.
//
// Permissions do not bind root, as many CI containers run: there the child builds run without the capabilities that
// override them (setpriv --bounding-set -dac_override,-dac_read_search), as a user meets them.
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit

final long started = System.nanoTime()
def say = { String line -> println String.format('[file-errors %6.1fs] %s', (System.nanoTime() - started) / 1e9, line) }
final File work = new File(basedir.parentFile, basedir.name + '-work')
work.mkdirs()

boolean root = ['id', '-u'].execute().text.trim() == '0'
List<String> asUser = []
if (root) {
    def probe = ['setpriv', '--bounding-set=-dac_override,-dac_read_search', 'true'].execute()
    probe.waitFor()
    if (probe.exitValue() != 0) {
        say 'running as root without setpriv: permissions would not bind the builds; the permission cases are skipped'
        return true
    }
    asUser = ['setpriv', '--bounding-set=-dac_override,-dac_read_search']
}

final File mvn = new File(System.getProperty('maven.home'), 'bin/mvn')
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
def build = { List<String> arguments, Map<String, String> environment = [:] ->
    File log = new File(work, String.format('child-%02d.log', ++childCount))
    List<String> command = asUser + [mvn.path, '-B', '-ntp', '-s', settings.path,
                                     '-Dmaven.repo.local=' + localRepositoryPath, '-f', new File(basedir, 'pom.xml').path] + arguments
    ProcessBuilder builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).redirectOutput(log)
    builder.environment().putAll(environment)
    Process process = builder.start()
    assert process.waitFor(240, TimeUnit.SECONDS) : "build $arguments did not end"
    [rc: process.exitValue(), text: log.getText('UTF-8'), log: log]
}
def chmod = { File file, String permissions -> Files.setPosixFilePermissions(file.toPath(), PosixFilePermissions.fromString(permissions)) }
def failed = { result, String message ->
    assert result.rc != 0 : "the build passed:\n${result.text}"
    assert result.text.contains(message) : "no '$message' in ${result.log}:\n${result.text}"
    assert !result.text.contains('memflame could not read snapshots or write its report')
    assert !result.text.contains('\tat ') : "a stack trace in ${result.log}"
}
final File target = new File(basedir, 'target')
final File site = new File(target, 'site')
final File report = new File(site, 'memflame')
final File dump = new File(basedir, 'snapshots/scene-3-battle.pickle')

// ---- a read-only target/site ----
site.mkdirs()
chmod(site, 'r-xr-xr-x')
def readOnlySite = build(['verify'])
chmod(site, 'rwxr-xr-x')
failed(readOnlySite, "Cannot write the report to ${report.path} (outputDirectory): ${site.path} is read-only, and "
        + 'memflame writes the report next to its place first; nothing was read or written.')
say 'read-only target/site: named, with why'

// ---- an unreadable dump: failing by default, left out like a corrupt one with failOnUnreadable=false ----
chmod(dump, '---------')
def unreadable = build(['verify'])
def tolerated = build(['verify', '-Dmemflame.failOnUnreadable=false'])
chmod(dump, 'rw-r--r--')
failed(unreadable, "Cannot read memory snapshot ${dump.path}: cannot read the file: ${dump.path}: permission denied")
assert tolerated.rc == 0 : tolerated.text
assert tolerated.text.contains("[WARNING] Memory snapshot scene-3-battle.pickle is unreadable and left out of every total "
        + "and budget (failOnUnreadable is false): ${dump.path}: cannot read the file: ${dump.path}: permission denied")
assert tolerated.text.contains('scene-2-town.json.gz: json-traces')
say 'unreadable dump: named with why; left out under failOnUnreadable=false'

// ---- an unwritable job summary is a warning ----
File stepSummary = new File(work, 'step_summary.md')
stepSummary.text = '## an earlier step\n'
chmod(stepSummary, 'r--r--r--')
def summary = build(['verify'], [GITHUB_STEP_SUMMARY: stepSummary.path])
chmod(stepSummary, 'rw-r--r--')
assert summary.rc == 0 : summary.text
assert summary.text.contains("[WARNING] memflame could not append its summary to the GitHub job summary "
        + "(GITHUB_STEP_SUMMARY): cannot write ${stepSummary.path}: permission denied; the check's result stands")
assert stepSummary.text == '## an earlier step\n'
say 'unwritable job summary: a warning, the check passed'

// ---- a read-only old report ----
chmod(report, 'r-xr-xr-x')
def oldReport = build(['verify'])
chmod(report, 'rwxr-xr-x')
failed(oldReport, "Cannot replace the report in ${report.path} (outputDirectory): ${report.path} is read-only, and "
        + 'memflame deletes the previous report once the new one is in place; nothing was read or written. Make it '
        + 'writable, or delete it.')
assert new File(report, 'index.html').isFile() : 'the previous report is kept'
say 'read-only old report: named, with why, and kept'

// ---- snapshotDirectory=/ ----
def slash = build(['verify', '-Dmemflame.snapshotDirectory=/'])
failed(slash, 'snapshotDirectory is /, the root of a file system: memflame would read every file of the machine.')
assert !slash.text.contains('AccessDeniedException')
say 'snapshotDirectory=/: a clear message'
return true
