// The two runs of the scenes are the plugin's own baseline fixtures (src/test/resources/baseline, written by
// src/test/python/make_baseline_fixtures.py): one copy for the unit tests and this build.
def fixtures = new File(basedir, '../../../src/test/resources/baseline')
['before', 'after'].each { run ->
    def target = new File(basedir, "snapshots/$run")
    target.mkdirs()
    new File(fixtures, run).eachFile { dump -> new File(target, dump.name).bytes = dump.bytes }
}
return true
