import groovy.json.JsonSlurper

// Town, battle, town again: the client holds 112.7 KiB more on the second visit, 100.1 KiB of it on
// client/ui/bag_panel.py:31 (CPython's compare_to: src/test/resources/run/oracle.json), over the 64 KiB allowed.
def log = new File(basedir, 'build.log').getText('UTF-8')
def report = new File(basedir, 'target/site/memflame')
def fromBytes = 566240
def toBytes = 681633
assert log.contains('[ERROR] Memory comparison exceeded: client (self) from scene-1-town.pickle to scene-3-town.pickle: '
        + '+112.7 KiB (+20.4%) > allowed +64.0 KiB\n'
        + '[ERROR]   before 566,240 bytes, after 681,633 bytes, delta +115,393 bytes, allowed 65,536 bytes (configured as '
        + '\'64 KiB\')\n'
        + '[ERROR]   lines that grew most:\n'
        + '[ERROR]     +100.1 KiB  client/ui/bag_panel.py:31 (100.1 KiB -> 200.2 KiB)\n')
def diff = new File(report, 'run/scene-1-town.pickle-to-scene-3-town.pickle.path.diff.svg')
assert log.contains('[ERROR]   differential flame graph: ' + diff.path + '\n')
assert log.contains('1 memory comparison exceeded (see the lines above); report: ' + new File(report, 'index.html').path)
assert log.contains('BUILD FAILURE')

assert diff.isFile()
assert diff.getText('UTF-8').contains('path view since scene-1-town.pickle')
assert new File(report, 'run/scene-1-town.pickle-to-scene-3-town.pickle.stack.diff.svg').isFile()

def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'failed'
def comparison = summary.comparisons[0]
assert comparison.from == 'scene-1-town.pickle'
assert comparison.to == 'scene-3-town.pickle'
assert comparison.fromBytes == fromBytes
assert comparison.toBytes == toBytes
assert comparison.growth.deltaBytes == toBytes - fromBytes
assert comparison.status == 'exceeded'
assert comparison.failsBuild
assert comparison.growth.topChanges[0].site == 'client/ui/bag_panel.py:31'

def junit = new File(basedir, 'target/memflame-reports/TEST-memflame.xml').getText('UTF-8')
assert junit.contains('<testcase classname="memory comparison" name="client (self) scene-1-town.pickle -&gt; '
        + 'scene-3-town.pickle" time="0">')
assert junit.contains('type="memory comparison exceeded"')
assert new File(report, 'memflame.md').getText('UTF-8').contains('| `client` | self | `scene-1-town.pickle` | '
        + '`scene-3-town.pickle` | 553.0 KiB | 665.7 KiB | +112.7 KiB | 64 KiB | \u274c **exceeded** |')
