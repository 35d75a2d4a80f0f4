def log = new File(basedir, 'build.log').getText('UTF-8')
def site = new File(basedir, 'target/site')
assert log.contains('BUILD SUCCESS')
assert log.contains(':3.21.0:site (default-site)') : 'the site plugin the project pins runs'
// <reporting> gets none of the build's configuration; the site links the report check just wrote, budgets and all.
assert log.contains('memflame: the site links the Memory report check wrote: '
        + new File(basedir, 'target/site/memflame/index.html').path)

// The menu page of the category lists the report and links to the external page.
def reports = new File(site, 'project-reports.html')
assert reports.isFile() : 'the site has no project-reports.html'
def listing = reports.getText('UTF-8')
assert listing =~ /<a href="memflame\/index.html"[^>]*>Memory<\/a>/
assert listing.contains('Memory flame graphs and budgets')

// The page is the report check writes: index, summary and graphs.
def report = new File(site, 'memflame')
['index.html', 'memflame.json', 'scene-3-battle.pickle.path.svg', 'scene-3-battle.pickle.stack.svg'].each {
    assert new File(report, it).isFile() : "missing report file $it"
}
def summary = new groovy.json.JsonSlurper().parse(new File(report, 'memflame.json'))
assert summary.result == 'passed'
assert summary.snapshots*.name == ['scene-3-battle.pickle']
assert summary.budgets[0].actualBytes == 181840

// The site shows the run's timeline as the report does: the chart is part of the page, no script is fetched.
def page = new File(report, 'index.html').getText('UTF-8')
assert page.contains('<section id="run">') : 'the site report has no run timeline'
assert page =~ /<svg class="timeline"/
assert page.contains('scene-3-battle.pickle')
assert !(page =~ /<script[^>]+src=/) : 'the site report fetches a script'
return true
