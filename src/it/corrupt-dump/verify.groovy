def log = new File(basedir, 'build.log').getText('UTF-8')
def dump = new File(basedir, 'snapshots/scene-3-battle.pickle').path
assert log.contains('BUILD FAILURE')
assert log =~ java.util.regex.Pattern.quote('Cannot read memory snapshot ' + dump + ': at byte ') + /\d+: expected .+, found .+/
assert !log.contains('Exception in thread')
assert !new File(basedir, 'target/site/memflame').exists() : 'a corrupt dump must not leave a half-written report'
return true
