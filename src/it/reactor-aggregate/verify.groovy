import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert log.contains('memflame: module client: passed, 1 snapshot, 363.6 KiB; budgets: 1 check, 0 exceeded, 0 warnings, 0 unmatched')
assert log.contains('memflame: module server: passed, 1 snapshot, 54.2 KiB; budgets: 1 check, 1 exceeded, 0 warnings, 0 unmatched')

// Both ways write the same modules: the aggregate module (its dependencies) and the root (every module).
[new File(basedir, 'memory-report/target/site/memflame-aggregate'),
 new File(basedir, 'target/site/memflame-aggregate')].each { aggregate ->
    def index = new File(aggregate, 'index.html')
    assert index.isFile() : "no aggregate report in $aggregate"
    assert log.contains('Memory aggregate report: ' + index.path)
    def page = index.getText('UTF-8')
    assert page.contains('client/scene-3-battle.pickle')
    assert page.contains('server/scene-2-town.json.gz')
    assert page.contains('level warn')

    def summary = new JsonSlurper().parse(new File(aggregate, 'memflame.json'))
    assert summary.schema == 1 && summary.result == 'passed'
    assert summary.modules*.module == ['client', 'server']
    assert summary.modules*.totalBytes == [372322, 55458]
    assert summary.modules[0].snapshots*.name == ['client/scene-3-battle.pickle']
    // Each snapshot's bytes by top-level directory, as CPython counts them (src/it/it-snapshot-figures.json), and
    // each module's run chart stacked by them.
    assert summary.modules[0].snapshots[0].topLevelPaths.collect { [it.path, it.bytes] } == [['client', 332081], ['net', 40241]]
    assert summary.modules[1].snapshots[0].topLevelPaths.collect { [it.path, it.bytes] } == [['client', 49217], ['net', 6241]]
    def layers = (page =~ /<rect class="tl-layer"[^>]* data-layer="([^"]+)" data-bytes="(\d+)"/).collect { it[1] + ' ' + it[2] }
    assert layers == ['client 332081', 'net 40241', 'client 49217', 'net 6241']
    def serverBudget = summary.modules[1].budgets[0]
    assert serverBudget.snapshot == 'server/scene-2-town.json.gz'
    assert serverBudget.status == 'exceeded' && serverBudget.level == 'warn' && serverBudget.actualBytes == 26476
    // Every link leads to a file of the module's own report.
    summary.modules.each { module ->
        assert new File(aggregate, module.report).isFile()
        module.snapshots.each { snapshot ->
            snapshot.reports.values().each { assert new File(aggregate, it).isFile() : "broken link $it" }
        }
    }
    def hrefs = (page =~ /href="([^"#]+)"/).collect { it[1] }.findAll { !it.startsWith('memflame.json') }
    assert hrefs.size() >= 6
    hrefs.each { assert new File(aggregate, URLDecoder.decode(it, 'UTF-8')).isFile() : "broken link $it" }
}
assert log.contains('memflame: module memory-report has no memory report')
return true
