import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def report = new File(basedir, 'target/site/memflame')

assert log.contains('BUILD FAILURE')
assert log.contains('[ERROR] Memory budget exceeded: client/controller (self) in scene-3-battle.pickle: 177.6 KiB > 100.0 KiB (+77.6 KiB, +77.6%)')
assert log.contains('[ERROR]   actual 181,840 bytes, limit 102,400 bytes (configured as \'100 KiB\')')
assert log =~ /\[ERROR\]\s+177\.4 KiB  client\/controller\/battle_controller\.py:4/
assert log.contains('[ERROR]   flame graph: ' + new File(report, 'scene-3-battle.pickle.path.svg').path)
assert log.contains('1 memory budget exceeded (see the lines above); report: ' + new File(report, 'index.html').path)
assert !log.contains('Memory budget exceeded: net')

def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'failed'
assert summary.budgets*.status == ['exceeded', 'ok']
assert new File(report, 'scene-3-battle.pickle.path.svg').isFile()
return true
