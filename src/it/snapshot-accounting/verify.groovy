def log = new File(basedir, 'build.log').getText('UTF-8')
def snapshots = new File(basedir, 'snapshots')
assert log.contains('BUILD FAILURE')
assert log.contains('[INFO] memflame: 1 entry in ' + snapshots.path + ' is not read: 1 matches no include (run-notes.txt)')
def report = new File(snapshots, 'coverage/report.json').path
assert log.contains('Cannot read memory snapshot ' + report + ': at $.tool (line 1, column 10): expected only "traces" '
        + '(an array, once) and "traceback_limit" (an integer), found the string "coverage" for "tool". It was read')
assert log.contains('. It was read because the include **/*.json picks it; if it is not a memory snapshot, leave it '
        + 'out with <excludes><exclude>coverage/report.json</exclude></excludes> (or '
        + '-Dmemflame.excludes=coverage/report.json)')
assert !log.contains('Exception in thread')
assert !new File(basedir, 'target/site/memflame').exists() : 'no report from a check that stopped'
return true
