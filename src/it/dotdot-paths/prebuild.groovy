// The dumps as a build that skipped its tests finds them: written three hours before this build started.
def written = System.currentTimeMillis() - 3L * 3600 * 1000
new File(basedir, 'snapshots').eachFile { it.setLastModified(written) }
return true
