// The dumps must be newer than the sources, as ones written by a test run are: a checkout or a copy gives files
// arbitrary modification times, and memflame does not trust a source modified after the dump.
assert !new File(basedir, 'pom.xml').exists() : 'view is tested without a POM'
def dumpTime = System.currentTimeMillis()
new File(basedir, 'src/main/python').eachFileRecurse { it.setLastModified(dumpTime - 3_600_000) }
['qa/device-7/scene-3-battle.pickle.gz', 'downloads/scene-2-town.json.gz'].each {
    new File(basedir, it).setLastModified(dumpTime)
}

// "mvn memflame:view" finds the plugin through the group's prefix metadata, which "mvn install" and Maven Central
// have; invoker:install copies the plugin to the ITs' repository without it, so it is written here as install does.
def group = new File(localRepositoryPath, 'io/github/memflame')
def metadata = new File(group, 'maven-metadata-local.xml')
if (!metadata.exists()) {
    group.mkdirs()
    metadata.setText('''<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <plugins>
    <plugin>
      <name>memflame Maven Plugin</name>
      <prefix>memflame</prefix>
      <artifactId>memflame-maven-plugin</artifactId>
    </plugin>
  </plugins>
</metadata>
''', 'UTF-8')
}
return true
