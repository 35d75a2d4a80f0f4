import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

// A typo in a budget's path: it matches nothing, fails the build and says which path was meant.
def log = new File(basedir, 'build.log').getText('UTF-8')
def report = new File(basedir, 'target/site/memflame')

assert log.contains('BUILD FAILURE')
assert log.contains('[ERROR] Memory budget client/combt (self) matched no allocation in any of the 2 snapshots it applies to\n')
assert log.contains('[ERROR]   did you mean client/combat?\n')
assert log.contains('[ERROR]   top-level paths holding memory: ci, client, common\n')
assert log.contains('[INFO] Memory budgets: 4 checks, 0 exceeded, 0 nearly used, 2 unmatched (1 budget, failing the build)\n')
assert log.contains('1 memory budget matched nothing (see the lines above); report: ' + new File(report, 'index.html').path)

def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'failed'
def typo = summary.budgets.findAll { it.path == 'client/combt' }
assert typo*.snapshot == ['scene-2-town.pickle', 'scene-3-battle.pickle']
assert typo.every { it.status == 'unmatched' && it.failsBuild && it.actualBytes == 0 }
assert summary.budgets.findAll { it.path == 'client/ui' }.every { it.status == 'ok' && !it.failsBuild }

def junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/memflame-reports/TEST-memflame.xml'))
def failures = junit.getElementsByTagName('failure')
assert failures.length == 2
assert failures.item(0).getAttribute('type') == 'memory budget unmatched'
assert failures.item(0).textContent.contains('  did you mean client/combat?')
assert new File(report, 'index.html').isFile()
return true
