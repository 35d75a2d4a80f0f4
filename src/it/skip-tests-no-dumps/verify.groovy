def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert log.contains('memflame: the tests were skipped (skipTests) and left no memory snapshot in '
        + new File(basedir, 'target/memory-snapshots').path + '; nothing to check')
assert !log.contains('No memory snapshot found')
assert !new File(basedir, 'target/site/memflame').exists()
return true
