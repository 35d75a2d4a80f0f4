def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('memflame:check')
['skip', 'snapshotDirectory', 'stripPrefixes', 'excludeFrames', 'budgets', 'failOnViolation', 'warnAtPercent',
 'outputDirectory', 'minFrameWidth', 'fileNameEncoding'].each {
    assert log.contains(it) : "help does not document $it"
}
assert log.contains('User property: memflame.failOnViolation')
return true
