import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def report = new File(basedir, 'target/site/memflame')

assert log.contains('BUILD FAILURE')
assert log.contains('[ERROR] Memory budget exceeded: client/controller (self) in scene-3-battle.pickle: 177.6 KiB > 100.0 KiB (+77.6 KiB, +77.6%)')
assert log.contains('[ERROR]   actual 181,840 bytes, limit 102,400 bytes (configured as \'100 KiB\')')
// The function comes from the sources under sourceRoots; net/ is not there, so its frames keep file:line.
assert log.contains('[ERROR]      177.4 KiB  client/controller/battle_controller.py:4 run')
assert log.contains('[INFO] Function names: 4 of 10 frames named from sourceRoots; 6 frames in 2 files keep file:line: '
        + 'work/main/src/it/make_it_snapshots.py (not found under any source root), '
        + 'net/socket_pool.py (not found under any source root)')
assert log.contains('[ERROR]   flame graph: ' + new File(report, 'scene-3-battle.pickle.path.svg').path)
assert log.contains('1 memory budget exceeded (see the lines above); report: ' + new File(report, 'index.html').path)
assert !log.contains('Memory budget exceeded: net')

def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'failed'
assert summary.budgets*.status == ['exceeded', 'ok']
assert summary.budgets[0].topSites[0].site == 'client/controller/battle_controller.py:4'
assert summary.budgets[0].topSites[0].function == 'run'
assert summary.budgets[1].topSites[0].function == null
assert summary.functionNames.resolved > 0
assert new File(report, 'scene-3-battle.pickle.path.svg').isFile()
return true
