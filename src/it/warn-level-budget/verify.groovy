def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert log.contains('[WARNING] Memory budget exceeded (level warn, the build goes on): client/controller (self) in '
        + 'scene-3-battle.pickle: 177.6 KiB > 100.0 KiB (+77.6 KiB, +77.6%)')
assert !log.contains('[ERROR]')
// The limit of the second budget came from -Dmemory.client.max=30MiB.
assert log.contains('Memory budget client (self) in scene-3-battle.pickle: ')
assert log.contains(' of 30.0 MiB (')
assert log.contains('Memory budgets: 2 checks, 1 exceeded (1 of them level warn, not failing the build), 0 nearly used, 0 unmatched')

def summary = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/site/memflame/memflame.json'))
assert summary.result == 'passed'
def controller = summary.budgets.find { it.path == 'client/controller' }
assert controller.status == 'exceeded' && controller.level == 'warn' && controller.actualBytes == 181840
def client = summary.budgets.find { it.path == 'client' }
assert client.status == 'ok' && client.level == 'fail' && client.limitBytes == 30L * 1024 * 1024
assert new File(basedir, 'target/site/memflame/index.html').getText('UTF-8').contains('level warn')
return true
