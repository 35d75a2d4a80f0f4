import groovy.json.JsonSlurper

// Three builds, one log: no baseline where one is configured (then memflame:baseline keeps this run), a scene
// renamed since the baseline, and failIfNoBaseline with a baseline that is not there.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert builds.size() == 3
def report = new File(basedir, 'target/site/memflame')
def green = new File(basedir, 'target/green-baseline')

// 1. A configured baseline that is not there (an empty CI cache): a warning, and the build goes on.
assert builds[0].contains('[WARNING] No baseline at ' + green.path + ' (not found): growth not checked. '
        + 'Set failIfNoBaseline=true to make this an error.')
assert builds[0].contains('[INFO] Memory budget client/controller (self) in scene-3-battle.pickle: 1.7 MiB; growth '
        + 'not checked: no baseline figure for this snapshot')
assert builds[0].contains('BUILD SUCCESS')

// 2. scene-2-town is now scene-2-city: the new name is reported as new, the old one as missing.
def renamed = builds[1]
assert renamed.contains('[INFO] Baseline: ' + new File(green, 'memflame.json').path + ', 2 of 3 snapshots compared')
assert renamed.contains('[INFO] Snapshot scene-2-city.pickle is new since the baseline: its growth is not checked')
assert renamed.contains('[WARNING] Snapshot scene-2-town.pickle is in the baseline but not in this run (renamed, or '
        + 'no longer written?): it is not compared')
assert renamed.contains('[INFO] Memory budget client/controller (self) in scene-3-battle.pickle: 1.7 MiB, 0 B since '
        + 'baseline (0.0%, allowed +10% of the baseline (175.1 KiB))')
assert renamed.contains('BUILD SUCCESS')
def summary = new JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'passed'
assert summary.baseline.missingSnapshots == ['scene-2-town.pickle']
def city = summary.snapshots.find { it.name == 'scene-2-city.pickle' }
assert city.new == true && city.baselineTotalBytes == null
assert summary.snapshots.find { it.name == 'scene-3-battle.pickle' }.baselineTotalBytes == 2336032
assert summary.budgets.find { it.snapshot == 'scene-2-city.pickle' }.status == 'not-checked'
// A new snapshot has nothing to be compared with: no differential graph.
assert !new File(report, 'scene-2-city.pickle.path.diff.svg').exists()
assert new File(report, 'scene-3-battle.pickle.path.diff.svg').isFile()

// 3. failIfNoBaseline: the same missing baseline fails the build, saying what to do.
assert builds[2].contains('No baseline at ' + new File(basedir, 'target/no-such-baseline').path + ' (not found): '
        + 'growth not checked, and failIfNoBaseline is true. Restore the last green build\'s report there, or set '
        + 'baseline to where it is.')
assert builds[2].contains('BUILD FAILURE')
return true
