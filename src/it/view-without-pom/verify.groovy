import groovy.json.JsonSlurper

// One build.log holds the three runs, in order.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert !new File(basedir, 'pom.xml').exists()

// 1. Both dumps, from two directories, under their file names: the whole report in ./memflame-report, and the log
//    ends with the path of index.html. The figures are CPython's (src/it/it-snapshot-figures.json).
def report = new File(basedir, 'memflame-report')
assert log.contains('scene-3-battle.pickle.gz: tracemalloc-pickle, 2,010 traces, 363.6 KiB')
assert log.contains('scene-2-town.json.gz: json-traces, ')
assert log.contains('[INFO] Memory report: ' + new File(report, 'index.html').path)
def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'passed'
assert summary.budgets == []
assert summary.snapshots*.name == ['scene-3-battle.pickle.gz', 'scene-2-town.json.gz']
assert summary.snapshots*.totalBytes == [372322, 55458]
['scene-3-battle.pickle.gz', 'scene-2-town.json.gz'].each { name ->
    ['.path.svg', '.stack.svg', '.path.folded.gz', '.stack.folded.gz'].each {
        assert new File(report, name + it).isFile() : name + it
    }
}
def index = new File(report, 'index.html').getText('UTF-8')
// stripPrefixes and sourceRoots given on the command line are honoured.
assert index.contains('<code>client/controller/battle_controller.py:4 run</code>')
assert !index.contains('I:/G1')
assert summary.functionNames.resolved > 0

// 2. By the plugin prefix, into memflame.outputDirectory.
assert log.contains('[INFO] Memory report: ' + new File(basedir, 'town-report/index.html').path)
assert new File(basedir, 'town-report/scene-2-town.json.gz.stack.svg').isFile()

// 3. A truncated dump is refused as check refuses it: the file, the byte and what was expected; no stack trace, no
//    report.
def truncated = new File(basedir, 'qa/truncated.pickle').path
assert log =~ java.util.regex.Pattern.quote('Cannot read memory snapshot ' + truncated + ': at byte ') + /\d+: expected .+, found .+/
assert log.contains('BUILD FAILURE')
// The goal's own failure with the message (a MojoFailureException), not an exception it let through.
assert log.contains('[ERROR] Failed to execute goal io.github.memflame:memflame-maven-plugin:0.1.0-SNAPSHOT:view '
        + '(default-cli) on project standalone-pom: Cannot read memory snapshot ' + truncated)
assert !log.contains('Exception in thread')
assert !new File(basedir, 'broken-report').exists()

// 4. help documents the goal and its properties.
assert log.contains('memflame:view')
assert log.contains('User property: dumps')
assert log.contains('<dump>qa/device-7/scene-3-battle.pickle</dump>')
assert log.contains('-Ddumps=a.pickle,qa/b.pickle.gz')
return true
