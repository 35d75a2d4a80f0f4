import groovy.json.JsonSlurper

// Two builds, one log: without stripPrefixes the budget fails naming the prefix; with it the budget passes.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert builds.size() == 2
def cpython = new JsonSlurper().parse(new File(basedir, '../../../src/it/it-path-figures.json'))

assert builds[0].contains('[ERROR] Memory budget client/ui (self) matched no allocation in any of the 2 snapshots it applies to\n')
assert builds[0].contains('[ERROR]   client/ui occurs further down in the recorded file names, e.g. '
        + '/ci/game/src/main/python/client/ui/hud.py: strip what is in front of it with '
        + '<stripPrefix>/ci/game/src/main/python</stripPrefix> in <stripPrefixes>\n')
assert builds[0].contains('[ERROR]   top-level paths holding memory today: ci\n')
assert builds[0].contains('BUILD FAILURE')

assert builds[1].contains('BUILD SUCCESS')
assert !builds[1].contains('matched no allocation')
def summary = new JsonSlurper().parse(new File(basedir, 'target/site/memflame/memflame.json'))
assert summary.result == 'passed'
['scene-2-town.pickle', 'scene-3-battle.pickle'].each { snapshot ->
    assert summary.budgets.find { it.snapshot == snapshot }.actualBytes == cpython[snapshot].self['client/ui']
}
return true
