// The rounds are the plugin's own fixture (src/test/resources/run/rounds, written by
// src/test/python/make_run_fixtures.py): five battle rounds, client/controller/battle_controller.py:30 keeping
// 40 KiB more every round, line 27 filling a 200 KiB sprite cache in round 1 only.
def fixtures = new File(basedir, '../../../src/test/resources/run/rounds')
def target = new File(basedir, 'snapshots')
target.mkdirs()
fixtures.eachFile { dump -> new File(target, dump.name).bytes = dump.bytes }
return true
