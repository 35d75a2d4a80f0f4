import groovy.json.JsonSlurper
import java.util.zip.GZIPInputStream

// The scenes import the game through '..' (/ci/game/src/test/python/../../main/python/client/ui/hud.py), and
// hud.py once more through PYTHONPATH: every figure is CPython's own, summed under the normalized path.
def log = new File(basedir, 'build.log').getText('UTF-8')
def report = new File(basedir, 'target/site/memflame')
def cpython = new JsonSlurper().parse(new File(basedir, '../../../src/it/it-path-figures.json'))

assert log.contains('BUILD SUCCESS')
assert !log.contains('matched no allocation')
assert log.contains('[INFO] Memory budget common (self) in scene-3-battle.pickle: ')
assert log =~ /\[WARNING\] All 2 memory snapshots were written 3 h \d+ min before this build started \(scene-2-town\.pickle, scene-3-battle\.pickle\): left from an earlier run, e\.g\. -DskipTests without clean\?/

def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'passed'
['scene-2-town.pickle', 'scene-3-battle.pickle'].each { snapshot ->
    def figures = cpython[snapshot]
    def budget = { path, scope -> summary.budgets.find { it.path == path && it.scope == scope && it.snapshot == snapshot } }
    assert budget('client/ui', 'self').actualBytes == figures.self['client/ui']
    assert budget('client/ui/hud.py', 'self').actualBytes == figures.self['client/ui/hud.py']
    assert budget('client/combat', 'self').actualBytes == figures.self['client/combat']
    // Configured as ./client//combat/ and client/ui/../../common: normalized as recorded names are.
    assert budget('client/combat', 'inclusive').actualBytes == figures.inclusive['client/combat']
    assert budget('common', 'self').actualBytes == figures.self['common']
    assert summary.snapshots.find { it.name == snapshot }.totalBytes == figures.total
}
// Both spellings of hud.py are one file, holding the bytes CPython lists under each.
def battle = cpython['scene-3-battle.pickle']
assert summary.budgets.find { it.path == 'client/ui/hud.py' && it.snapshot == 'scene-3-battle.pickle' }.actualBytes ==
        battle.byRecordedFile['/ci/game/src/test/python/../../main/python/client/ui/hud.py'] +
        battle.byRecordedFile['/ci/game/src/main/python/client/ui/hud.py']

['path', 'stack'].each { view ->
    def folded = new GZIPInputStream(new FileInputStream(new File(report, "scene-3-battle.pickle.${view}.folded.gz")))
            .withCloseable { it.getText('UTF-8') }.readLines()
    assert folded.sum { it.substring(it.lastIndexOf(' ') + 1) as long } == battle.total
    assert folded.every { !it.contains('..') } : "a folded $view frame kept '..'"
}
def stack = new GZIPInputStream(new FileInputStream(new File(report, 'scene-3-battle.pickle.stack.folded.gz')))
        .withCloseable { it.getText('UTF-8') }
assert stack.contains('ci/game/src/test/python/run_scenes.py:14;client/combat/skill.py:3 ')
return true
