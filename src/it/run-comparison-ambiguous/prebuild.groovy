// The run is the plugin's own fixture (src/test/resources/run/revisit, written by
// src/test/python/make_run_fixtures.py): town, battle, town again, client/ui/bag_panel.py:31 keeping 100 KiB more
// on the second visit.
def fixtures = new File(basedir, '../../../src/test/resources/run/revisit')
def target = new File(basedir, 'snapshots')
target.mkdirs()
fixtures.eachFile { dump -> new File(target, dump.name).bytes = dump.bytes }
return true
