// The builds are the plugin's own sequence fixtures (src/test/resources/history/sequence, written by
// src/test/python/make_history_fixtures.py).
def fixtures = new File(basedir, '../../../src/test/resources/history/sequence')
['build-01', 'build-07', 'build-08'].each { build ->
    def target = new File(basedir, "snapshots/$build")
    target.mkdirs()
    new File(fixtures, build).eachFile { dump -> new File(target, dump.name).bytes = dump.bytes }
}
return true
