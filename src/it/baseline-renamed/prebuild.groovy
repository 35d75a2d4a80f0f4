// The scenes are the plugin's own baseline fixtures (src/test/resources/baseline/before, written by
// src/test/python/make_baseline_fixtures.py); "renamed" is the same run with scene-2-town renamed scene-2-city.
def fixtures = new File(basedir, '../../../src/test/resources/baseline/before')
['before': [:], 'renamed': ['scene-2-town.pickle': 'scene-2-city.pickle']].each { copy, renames ->
    def target = new File(basedir, "snapshots/$copy")
    target.mkdirs()
    fixtures.eachFile { dump -> new File(target, renames.get(dump.name, dump.name)).bytes = dump.bytes }
}
return true
