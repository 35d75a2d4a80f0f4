import groovy.json.JsonSlurper

// Three builds, one log; CPython's figures of battle_controller.py (oracle.json): build-01 1,476,765 bytes,
// build-07 1,765,259, build-08 1,818,179. The drift limit is 20% of build-01's: 295,353 bytes.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert builds.size() == 3
def history = new File(basedir, 'target/site/memflame/history')
def where = 'client/controller/battle_controller.py (self) in scene-3-battle.pickle: '

// 1. No history yet: this build starts one, its drift is not checked.
assert builds[0].contains('[WARNING] No history at ' + history.path + ' (not found): this build starts one; drift '
        + 'is not checked in this build: client/controller/battle_controller.py (maxDrift 20%).')
assert builds[0].contains('drift not checked: no green build in the history has a figure for this snapshot')
assert builds[0].contains('BUILD SUCCESS')

// 2. build-07: measured from build-01, within the limit.
assert builds[1].contains('[INFO] History: 1 earlier build read from ' + history.path + ' (window of 100 builds)')
assert builds[1].contains('[INFO] Memory budget ' + where + '1.7 MiB of 3.0 MiB (56.1%), +281.7 KiB since build '
        + "build-01 (+19.5%, allowed +20% of build build-01's figure (288.4 KiB))")
assert builds[1].contains('BUILD SUCCESS')

// 3. build-08: past 20%, the build fails naming the reference build, its figure, now, the drift and the limit.
def failed = builds[2]
assert failed.contains('[ERROR] Memory drift exceeded: ' + where + '+333.4 KiB since build build-01 (+23.1%) > '
        + "allowed +20% of build build-01's figure (288.4 KiB)\n"
        + '[ERROR]   reference build build-01 1,476,765 bytes, now 1,818,179 bytes, drift +341,414 bytes, allowed '
        + "295,353 bytes (configured as '20%')\n"
        + '[ERROR]   builds that added most:\n'
        + '[ERROR]     +281.7 KiB  build build-07 (1.4 MiB -> 1.7 MiB)\n'
        + '[ERROR]      +51.7 KiB  build build-08 (1.7 MiB -> 1.7 MiB)\n')
assert failed.contains('BUILD FAILURE')

// The history the next build restores: all three, the failed one kept and marked.
def entries = history.listFiles().findAll { it.name.endsWith('.history.json') }.sort { it.name }
assert entries*.name == ['build-000001.history.json', 'build-000002.history.json', 'build-000003.history.json']
def json = entries.collect { new JsonSlurper().parse(it) }
assert json*.build == ['build-01', 'build-07', 'build-08']
assert json*.result == ['passed', 'passed', 'failed']
assert json.collect { it.historyFormat } == [2, 2, 2]
// [snapshot, bytes, status]: the budget's figure in the entry's first snapshot.
assert json.collect { it.budgets[0].figures[0][1] } == [1476765, 1765259, 1818179]

// What CI shows: the JUnit case, the trends on the page, memflame.json's drift.
def junit = new File(basedir, 'target/memflame-reports/TEST-memflame.xml').getText('UTF-8')
assert junit.contains('type="memory drift exceeded"')
def index = new File(basedir, 'target/site/memflame/index.html').getText('UTF-8')
assert index.contains('<section id="trends">')
assert index.contains('data-points="3"')
def summary = new JsonSlurper().parse(new File(basedir, 'target/site/memflame/memflame.json'))
assert summary.budgets[0].maxDrift == '20%'
assert summary.budgets[0].drift.referenceBuild == 'build-01'
assert summary.budgets[0].drift.status == 'exceeded'
return true
