def log = new File(basedir, 'build.log').getText('UTF-8')
['memflame:check', 'memflame:report', 'memflame:report-aggregate', 'memflame:baseline', 'memflame:help'].each {
    assert log.contains(it) : "help does not list the goal $it"
}
['skip', 'snapshotDirectory', 'stripPrefixes', 'excludeFrames', 'budgets', 'failOnViolation', 'warnAtPercent',
 'outputDirectory', 'minFrameWidth', 'fileNameEncoding', 'baseline', 'failIfNoBaseline', 'baselineDirectory',
 'diffThreshold', 'junitReport', 'githubStepSummary'].each {
    assert log.contains(it) : "help does not document $it"
}
assert log.contains('User property: memflame.failOnViolation')
assert log.contains('User property: memflame.baseline')
assert log.contains('User property: memflame.baselineDirectory')
return true
