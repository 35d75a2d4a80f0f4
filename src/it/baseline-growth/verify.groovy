import groovy.json.JsonSlurper
import java.util.zip.GZIPInputStream
import javax.xml.parsers.DocumentBuilderFactory

// Three builds, one log: the first green build (no baseline yet, then memflame:baseline), the same scenes again
// (nothing grew), then the scenes of a run that leaks 8 KiB per battle round (the growth budget fails).
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert builds.size() == 3
def report = new File(basedir, 'target/site/memflame')
def committed = new File(basedir, 'src/test/memflame-baseline')

// 1. No baseline yet: a warning, growth-only budgets not checked; memflame:baseline keeps the summary and the
// folded stacks only, never the graphs or the dumps, and writes each snapshot's lines as text for review.
assert builds[0].contains('[WARNING] No baseline at ' + committed.path)
assert builds[0].contains('growth not checked')
assert builds[0].contains('[INFO] Memory budgets: 9 checks, 0 exceeded, 0 nearly used, 0 unmatched, 6 not checked '
        + '(growth only, no baseline figure)')
assert builds[0].contains('[INFO] memflame: baseline of 3 snapshots (10 files) written to ' + committed.path)
assert builds[0].contains('BUILD SUCCESS')
def names = ['scene-1-login.pickle', 'scene-2-town.pickle', 'scene-3-battle.pickle']
def expected = ['.memflame-report', 'memflame.json'] + names.collectMany { n ->
    ["${n}.path.folded.gz", "${n}.stack.folded.gz", "${n}.lines.txt"]*.toString() }
assert committed.list().sort() == expected.sort()

// 2. The same dumps against that baseline: every figure is unchanged and the build passes.
assert builds[1].contains('[INFO] Baseline: ' + new File(committed, 'memflame.json').path + ', 3 of 3 snapshots compared')
assert builds[1].contains('[INFO] scene-3-battle.pickle: 2.2 MiB, 0 B since baseline (was 2.2 MiB)')
assert builds[1].contains('[INFO] Memory budget client/controller (self) in scene-3-battle.pickle: 1.7 MiB of 5.0 MiB '
        + '(34.2%), 0 B since baseline (0.0%, allowed +10% of the baseline (175.1 KiB))')
assert builds[1].contains('[INFO] Memory budgets: 9 checks, 0 exceeded, 0 nearly used, 0 unmatched\n')
assert builds[1].contains('BUILD SUCCESS')

// 3. The leak: CPython's figures for the two runs (src/test/resources/baseline/oracle.json) are client/controller
// 1,793,282 -> 2,040,976 bytes allocated there, battle_controller.py:37 739,246 -> 986,972, the whole battle
// snapshot 2,336,032 -> 2,583,723.
def leak = builds[2]
assert leak.contains('[INFO] scene-3-battle.pickle: 2.5 MiB, +241.9 KiB since baseline (was 2.2 MiB)')
assert leak.contains('[ERROR] Memory growth exceeded: client/controller (self) in scene-3-battle.pickle: +241.9 KiB '
        + 'since baseline (+13.8%) > allowed +10% of the baseline (175.1 KiB)\n'
        + '[ERROR]   before 1,793,282 bytes, after 2,040,976 bytes, delta +247,694 bytes, allowed 179,328 bytes '
        + '(configured as \'10%\')\n'
        + '[ERROR]   lines that grew most:\n'
        + '[ERROR]     +241.9 KiB  client/controller/battle_controller.py:37 (721.9 KiB -> 963.8 KiB)\n'
        + '[ERROR]   differential flame graph: ' + new File(report, 'scene-3-battle.pickle.path.diff.svg').path + '\n')
assert leak.contains('[WARNING] Memory growth exceeded (level warn, the build goes on): (whole snapshot) (inclusive) '
        + 'in scene-3-battle.pickle: +241.9 KiB since baseline (+10.6%) > allowed +5% of the baseline (114.1 KiB)')
assert leak.contains('[WARNING]   before 2,336,032 bytes, after 2,583,723 bytes, delta +247,691 bytes')
assert leak.contains('[INFO] Memory budget net (self) in scene-3-battle.pickle: 118.8 KiB, 0 B since baseline '
        + '(0.0%, allowed +64.0 KiB)')
assert leak.contains('[INFO] Memory budgets: 9 checks, 2 exceeded (1 of them level warn, not failing the build), '
        + '0 nearly used, 0 unmatched')
assert leak.contains('1 memory budget exceeded (see the lines above); report: ' + new File(report, 'index.html').path)
assert leak.contains('BUILD FAILURE')

def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'failed'
assert summary.baselineFormat == 2
assert summary.baseline.source == committed.path
assert summary.baseline.missingSnapshots == []
assert summary.snapshots*.baselineTotalBytes == [187081, 818758, 2336032]
def controller = summary.budgets.find { it.path == 'client/controller' && it.snapshot == 'scene-3-battle.pickle' }
assert controller.status == 'exceeded'
assert controller.growth.baselineBytes == 1793282
assert controller.growth.deltaBytes == 247694
assert controller.growth.limitBytes == 179328
assert controller.growth.status == 'exceeded'
assert controller.growth.topChanges[0].site == 'client/controller/battle_controller.py:37'
def net = summary.budgets.find { it.path == 'net' && it.snapshot == 'scene-3-battle.pickle' }
assert net.limitBytes == null && net.growth.deltaBytes == 0 && net.status == 'ok'

// The differential graphs and the index's "Since baseline" section.
names.each { n -> ['path', 'stack'].each { assert new File(report, "${n}.${it}.diff.svg").isFile() } }
def pathDiff = new File(report, 'scene-3-battle.pickle.path.diff.svg').getText('UTF-8')
assert pathDiff.contains('data-diff="true"')
assert pathDiff.contains('id="diff-widths"')
def index = new File(report, 'index.html').getText('UTF-8')
assert index.contains('id="since-baseline"')
assert index.contains('scene-3-battle.pickle.path.diff.svg')

// The folded exports are gzip text, as the baseline and flamegraph.pl read them.
def folded = new GZIPInputStream(new FileInputStream(new File(report, 'scene-3-battle.pickle.stack.folded.gz')))
        .getText('UTF-8')
assert folded.readLines().collect { it.substring(it.lastIndexOf(' ') + 1) as long }.sum() == 2583723

// JUnit XML: one case per dump and per budget x snapshot; the growth failure carries the log's lines.
def junit = new File(basedir, 'target/memflame-reports/TEST-memflame.xml')
def document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit)
def suite = document.getElementsByTagName('testsuite').item(0)
assert suite.getAttribute('tests') == '12'
assert suite.getAttribute('failures') == '1'
def failures = document.getElementsByTagName('failure')
assert failures.length == 1
def failedCase = failures.item(0).parentNode
assert failedCase.getAttribute('classname') == 'scene-3-battle.pickle'
assert failedCase.getAttribute('name') == 'client/controller (self)'
assert failures.item(0).getAttribute('type') == 'memory growth exceeded'
assert failures.item(0).textContent.contains('+241.9 KiB  client/controller/battle_controller.py:37 (721.9 KiB -> 963.8 KiB)')

// memflame.md: the result, the budgets with before/after, the lines that grew; names are code spans.
def markdown = new File(report, 'memflame.md').getText('UTF-8')
assert markdown.contains('memflame: FAILED')
assert markdown.contains('| `client/controller` | self | `scene-3-battle.pickle` | 1.7 MiB | 1.9 MiB | +241.9 KiB, +13.8% | '
        + '5.0 MiB | 10% (175.1 KiB) | \u274c **growth exceeded** |')
assert markdown.contains('| `net` | self | `scene-3-battle.pickle` | 118.8 KiB | 118.8 KiB | 0 B, 0.0% | \u2014 | 64 KiB |')
assert markdown.contains('### Since baseline')
assert markdown.contains('| `client/controller/battle_controller.py:37` | 721.9 KiB | 963.8 KiB | +241.9 KiB |')
return true
