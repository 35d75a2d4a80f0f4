// Five builds, one log: a first baseline, a leak that fails the growth budget, memflame:baseline refusing that
// failed report, -Dmemflame.updateBaseline accepting the growth, and a plain build that then passes.
// CPython's figures for the two runs (src/test/resources/baseline/oracle.json): the battle snapshot
// 2,336,032 -> 2,583,723 bytes, client/controller 1,793,282 -> 2,040,976 bytes.
def log = new File(basedir, 'build.log').getText('UTF-8')
def builds = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert builds.size() == 5
def committed = new File(basedir, 'src/test/memflame-baseline')
def names = ['scene-1-login.pickle', 'scene-2-town.pickle', 'scene-3-battle.pickle']

// 1. The baseline holds, per snapshot, its data and its lines as text for review.
assert builds[0].contains('[INFO] memflame: baseline of 3 snapshots (10 files) written to ' + committed.path)
names.each { assert new File(committed, "${it}.lines.txt").isFile() }

// 2. The growth failure ends with how to accept it, and which directory to commit.
def accept = 'To accept this growth as the new baseline: mvn verify -Dmemflame.updateBaseline, then commit ' + committed.path
assert builds[1] =~ /\[ERROR\]   differential flame graph: .*\n\[ERROR\]   \Q${accept}\E\n/
assert builds[1].contains('BUILD FAILURE')
assert builds[1].contains('1 memory budget exceeded (see the lines above); report: ')
assert builds[1].contains('. ' + accept)

// 3. memflame:baseline does not take a failed report.
assert builds[2].contains('is of a check that failed')
assert builds[2].contains('to take this report anyway, add -Dmemflame.baselineFromFailed')
assert builds[2].contains('BUILD FAILURE')

// 4. -Dmemflame.updateBaseline: the growth is measured and shown, does not fail, and becomes the baseline.
def update = builds[3]
assert update.contains('[INFO] Memory budget client/controller (self) in scene-3-battle.pickle: 1.9 MiB of 5.0 MiB')
assert update =~ /\[INFO\] Baseline updated: scene-3-battle\.pickle: 2\.2 MiB -> 2\.5 MiB \(2,336,032 -> 2,583,723 bytes\), \d+ rows of scene-3-battle\.pickle\.lines\.txt changed/
assert update.contains('[INFO] Baseline written to ' + committed.path + ': commit it')
assert update.contains('BUILD SUCCESS')
def accepted = new File(committed, 'scene-3-battle.pickle.lines.txt').getText('UTF-8')
assert accepted.startsWith('# memflame lines of scene-3-battle.pickle: bytes, traces, allocating line, function; '
        + 'sorted by path and line\n')
// battle_controller.py:37 holds 986,972 bytes in 122 traces after the leak (CPython's statistics('lineno')).
assert accepted.contains('\n      986972      122  client/controller/battle_controller.py:37  -\n')

// 5. The next plain build passes against it.
assert builds[4].contains('[INFO] scene-3-battle.pickle: 2.5 MiB, 0 B since baseline (was 2.5 MiB)')
assert builds[4].contains('BUILD SUCCESS')
return true
