import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def report = new File(basedir, 'target/site/memflame')
assert log.contains('BUILD SUCCESS')
assert log =~ /\[WARNING\] Memory snapshot scene-3-battle\.pickle is unreadable and left out of every total and budget \(failOnUnreadable is false\): .*scene-3-battle\.pickle: at byte \d+: expected /

def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.snapshots*.name == ['scene-2-town.json.gz']
assert summary.unreadable*.name == ['scene-3-battle.pickle']
assert summary.unreadable[0].status == 'unreadable'
assert summary.budgets*.snapshot == ['scene-2-town.json.gz']
def index = new File(report, 'index.html').getText('UTF-8')
assert index.contains('id="unreadable"') && index.contains('1 unreadable, left out of every total')
return true
