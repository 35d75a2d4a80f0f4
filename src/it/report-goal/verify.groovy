def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert log.contains('[WARNING] Memory budget exceeded: client/controller (self) in scene-3-battle.pickle: 177.6 KiB > 100.0 KiB')
assert log.contains('[WARNING] memflame: 1 memory budget check(s) exceeded; the report goal does not fail the build, the check goal does')
assert !log.contains('[ERROR]')
def report = new File(basedir, 'target/site/memflame')
def summary = new groovy.json.JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'failed'
assert summary.budgets[0].status == 'exceeded'
assert new File(report, 'index.html').isFile()
assert new File(report, 'scene-3-battle.pickle.path.svg').isFile()
return true
