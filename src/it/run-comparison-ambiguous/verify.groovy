// <from>scene-*-town*</from> matches both town visits: the check stops before writing a report, naming them.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Memory comparison 1 (client, scene-*-town* -> scene-3-town*): <from>scene-*-town*</from> matches '
        + '2 snapshots (scene-1-town.pickle, scene-3-town.pickle) and <to>scene-3-town*</to> matches 1 snapshot '
        + '(scene-3-town.pickle) of the run (3 snapshots: scene-1-town.pickle, scene-2-battle.pickle, '
        + 'scene-3-town.pickle); each must match exactly one snapshot of a run.')
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/site/memflame/index.html').exists()
def junit = new File(basedir, 'target/memflame-reports/TEST-memflame.xml').getText('UTF-8')
assert junit.contains('<error message="Memory comparison 1 (client, scene-*-town* -&gt; scene-3-town*)')
