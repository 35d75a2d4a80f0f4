def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert log.contains('memflame: skipped (memflame.skip)')
assert !new File(basedir, 'target/site/memflame').exists()
return true
