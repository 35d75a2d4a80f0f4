def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Apache Maven 3.9.')
assert log.contains('BUILD SUCCESS')
assert log.contains('Memory budgets: 1 check, 0 exceeded, 0 nearly used, 0 unmatched')
assert log.contains('Memory aggregate report: ' + new File(basedir, 'target/site/memflame-aggregate/index.html').path)
// Maven 3.9 lists plugin validation issues (deprecated parameters, Maven artifacts in the wrong scope, ...).
assert !log.contains('Plugin validation issues') : 'Maven 3.9 reported plugin validation issues'
assert !log.contains('Plugin issue') : 'Maven 3.9 reported plugin validation issues'
assert !(log =~ /(?m)^\[WARNING\].*memflame-maven-plugin/) : 'Maven 3.9 warned about the plugin'
return true
