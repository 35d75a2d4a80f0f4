import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// A budget whose <snapshots> glob matches no snapshot is reported and fails the build; it never disappears. The
// login scene was dumped after tracemalloc.start() without a depth, and a growth budget has no baseline: one
// warning each.
def log = new File(basedir, 'build.log').getText('UTF-8')
def report = new File(basedir, 'target/site/memflame')

assert log.contains('BUILD FAILURE')
assert log.contains('[ERROR] Memory budget client/combat (self) applies to no snapshot: <snapshots>**/*raid*</snapshots> '
        + 'matches none of the 3 snapshots read\n')
assert log.contains('[ERROR]   snapshots read: scene-1-login.pickle, scene-2-town.pickle, scene-3-battle.pickle\n')
assert log.contains('[WARNING] 1 of 3 snapshots record one frame per trace (scene-1-login.pickle): the stack view is '
        + 'flat, and an inclusive budget counts only the allocating file. tracemalloc.start() records one frame; '
        + 'tracemalloc.start(25) records call stacks of up to 25 frames.\n')
assert log.count('record one frame per trace') == 1
assert log.contains('[WARNING] 1 budget has a maxGrowth, but no baseline is configured, so no growth is checked in '
        + 'this build: common (maxGrowth 10%). Set baseline to an earlier run\'s report, e.g. '
        + '-Dmemflame.baseline=last-green/memflame.\n')
assert log.count('but no baseline is configured') == 1
assert log.contains('[INFO] Memory budgets: 7 checks, 0 exceeded, 0 nearly used, 1 unmatched (1 budget, failing the '
        + 'build), 3 not checked (growth only, no baseline figure)\n')
assert log.contains('1 memory budget matched nothing (see the lines above); report: ')

def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'failed'
def raid = summary.budgets.findAll { it.path == 'client/combat' }
assert raid.size() == 1
assert raid[0].snapshot == null && raid[0].snapshotsGlob == '**/*raid*'
assert raid[0].status == 'unmatched' && raid[0].failsBuild

def markdown = new File(report, 'memflame.md').getText('UTF-8')
assert !markdown.contains('No budgets are configured')
assert markdown.contains('| `client/combat` | self | none matches `**/*raid*` | 0 B | 1.0 MiB | \u274c **unmatched** |')

def junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/memflame-reports/TEST-memflame.xml'))
def cases = junit.getElementsByTagName('testcase')
def raidCase = (0..<cases.length).collect { cases.item(it) }.find { it.getAttribute('classname') == '(no snapshot)' }
assert raidCase.getAttribute('name') == 'client/combat (self)'
assert raidCase.getElementsByTagName('failure').item(0).getAttribute('message').contains('applies to no snapshot')
return true
