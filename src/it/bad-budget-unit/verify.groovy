def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
assert log.contains("memflame: budget 1 (path 'client/controller'): '20 MiBs' is not a byte size; expected a number with an optional unit: B, kB, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)")
assert !new File(basedir, 'target/site/memflame').exists()
return true
