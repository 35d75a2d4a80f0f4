def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
assert log.contains('No memory snapshot found in ' + new File(basedir, 'snapshots').path + ' matching [**/*.pickle, **/*.json, **/*.folded, **/*.pickle.gz, **/*.json.gz, **/*.folded.gz]')
assert log.contains('failIfNoSnapshots=false')
assert !new File(basedir, 'target/site/memflame').exists()
return true
