import groovy.json.JsonSlurper

// Five battle rounds, the first a warm-up: client (self) holds 1,233,322 -> 1,274,323 -> 1,315,324 -> 1,356,357
// bytes in the measured rounds (CPython's figures: src/test/resources/run/oracle.json), a least-squares slope of
// 41,010.6 bytes per round, over the 32 KiB allowed. Only the leaking line grew in every measured round; the sprite
// cache filled in round 1 is no suspect.
def log = new File(basedir, 'build.log').getText('UTF-8')
def report = new File(basedir, 'target/site/memflame')
def diff = new File(report, 'run/battle-round-2.pickle-to-battle-round-5.pickle.path.diff.svg')
assert log.contains('[ERROR] Memory leak check exceeded: client (self) in battle-round-*: +40.0 KiB per round > allowed '
        + '+32.0 KiB per round\n'
        + '[ERROR]   rounds:\n'
        + '[ERROR]           1,188,209 bytes  battle-round-1.pickle (warm-up, not measured)\n'
        + '[ERROR]           1,233,322 bytes  battle-round-2.pickle\n'
        + '[ERROR]           1,274,323 bytes  battle-round-3.pickle\n'
        + '[ERROR]           1,315,324 bytes  battle-round-4.pickle\n'
        + '[ERROR]           1,356,357 bytes  battle-round-5.pickle\n'
        + '[ERROR]   slope +41,010.6 bytes per round (least squares over 4 measured rounds), allowed 32,768 bytes per '
        + 'round (configured as \'32 KiB\')\n'
        + '[ERROR]   lines that grew in every measured round (leak suspects):\n'
        + '[ERROR]     +120.2 KiB  client/controller/battle_controller.py:30 BattleController.enter: 82,146 -> 123,163 '
        + '-> 164,180 -> 205,229 bytes\n'
        + '[ERROR]   differential flame graph: ' + diff.path + '\n')
assert log.contains('1 memory leak check failed (see the lines above); report: ' + new File(report, 'index.html').path)
assert log.contains('BUILD FAILURE')
assert diff.isFile()
assert diff.getText('UTF-8').contains('path view since battle-round-2.pickle')

def check = new JsonSlurper().parse(new File(report, 'memflame.json')).leakChecks[0]
assert check.status == 'exceeded'
assert check.failsBuild
assert Math.abs(check.slopeBytesPerRound - 41010.6) < 1e-6
assert check.rounds*.bytes == [1188209, 1233322, 1274323, 1315324, 1356357]
assert check.rounds*.warmup == [true, false, false, false, false]
assert check.suspects.size() == 1
assert check.suspects[0].site == 'client/controller/battle_controller.py:30'
assert check.suspects[0].function == 'BattleController.enter'
assert check.suspects[0].bytes == [82146, 123163, 164180, 205229]

def junit = new File(basedir, 'target/memflame-reports/TEST-memflame.xml').getText('UTF-8')
assert junit.contains('<testcase classname="memory leak check" name="client (self) battle-round-*" time="0">')
assert junit.contains('type="memory leak check exceeded"')
