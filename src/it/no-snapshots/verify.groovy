def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
assert log.contains('No memory snapshot found in ' + new File(basedir, 'snapshots').path + ' matching [**/*.pickle, '
        + '**/*.json, **/*.folded, **/*.dump, **/*.snapshot, **/*.tracemalloc, **/*.pickle.gz, **/*.json.gz, '
        + '**/*.folded.gz, **/*.dump.gz, **/*.snapshot.gz, **/*.tracemalloc.gz]: it holds 1 file, none of them read: '
        + 'README.txt.')
assert log.contains('failIfNoSnapshots=false')
assert !new File(basedir, 'target/site/memflame').exists()
return true
