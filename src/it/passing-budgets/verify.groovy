import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
def report = new File(basedir, 'target/site/memflame')

assert log.contains('BUILD SUCCESS')
assert log.contains('scene-3-battle.pickle: tracemalloc-pickle, 2,010 traces, 363.6 KiB')
assert log.contains('scene-2-town.json.gz: json-traces, ')
assert log.contains('Memory budget nearly used: client/ui (self) in scene-3-battle.pickle: 146.7 KiB of 160.0 KiB (91.7% of the limit)')
assert log.contains('Memory budget client/controller (self) in scene-3-battle.pickle: 177.6 KiB of 1.0 MiB (17.3%)')
assert log.contains('Memory budgets: 7 checks, 0 exceeded, 1 nearly used, 0 unmatched')
assert log.contains('Memory report: ' + new File(report, 'index.html').path)

def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.schema == 1
assert summary.result == 'passed'
assert summary.snapshots*.name == ['scene-2-town.json.gz', 'scene-3-battle.pickle']
def battle = summary.snapshots.find { it.name == 'scene-3-battle.pickle' }
assert battle.format == 'tracemalloc-pickle'
assert battle.traces == 2010
assert battle.totalBytes == 372322
assert summary.snapshots.find { it.name == 'scene-2-town.json.gz' }.totalBytes == 55458
assert battle.reports.path == 'scene-3-battle.pickle.path.svg'
assert battle.reports.stack == 'scene-3-battle.pickle.stack.svg'

def controller = summary.budgets.findAll { it.path == 'client/controller' }
assert controller*.snapshot == ['scene-2-town.json.gz', 'scene-3-battle.pickle']
assert controller*.actualBytes == [26476, 181840]
assert controller*.status == ['ok', 'ok']
assert controller[1].limitBytes == 1048576
def inclusive = summary.budgets.find { it.path == 'client' }
assert inclusive.scope == 'inclusive' && inclusive.snapshot == 'scene-3-battle.pickle' && inclusive.actualBytes == 332081
assert summary.budgets.find { it.path == 'client/ui' && it.snapshot == 'scene-3-battle.pickle' }.status == 'warning'

['index.html', 'scene-3-battle.pickle.path.svg', 'scene-3-battle.pickle.stack.svg',
 'scene-3-battle.pickle.path.folded.gz', 'scene-3-battle.pickle.stack.folded.gz',
 'scene-2-town.json.gz.path.svg', 'scene-2-town.json.gz.stack.svg'].each {
    assert new File(report, it).isFile() : "missing report file $it"
}
def folded = new java.util.zip.GZIPInputStream(new FileInputStream(new File(report, 'scene-3-battle.pickle.path.folded.gz')))
        .withCloseable { it.getText('UTF-8') }.readLines()
assert folded.sum { it.substring(it.lastIndexOf(' ') + 1) as long } == 372322
assert folded.every { it.startsWith('client;') || it.startsWith('net;') }
def index = new File(report, 'index.html').getText('UTF-8')
assert index.contains('scene-3-battle.pickle.path.svg')
return true
