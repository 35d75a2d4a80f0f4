package io.github.memflame;

import io.github.memflame.budget.Budget;
import io.github.memflame.check.CheckFailure;
import io.github.memflame.check.CheckListener;
import io.github.memflame.check.CheckSettings;
import io.github.memflame.check.CiOutputs;
import io.github.memflame.check.Defaults;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.check.SnapshotFiles;
import io.github.memflame.history.BuildLabel;
import io.github.memflame.history.HistorySettings;
import io.github.memflame.render.SvgOptions;
import io.github.memflame.run.Comparison;
import io.github.memflame.run.LeakCheck;
import io.github.memflame.run.RunChecks;
import io.github.memflame.run.RunOrder;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code check} and {@code report} share: the parameters that say where the dumps are and the report goes, how
 * dumps are folded, which budgets apply and how the report is drawn, and their translation into
 * {@link CheckSettings} for the Maven-free {@link MemflameCheck}.
 */
public abstract class AbstractMemflameMojo extends DumpReadingMojo {
    /**
     * Where the report goes: {@code index.html}, {@code memflame.json}, and per snapshot two flame graphs
     * ({@code NAME.path.svg}, {@code NAME.stack.svg}) and their gzip-compressed folded stacks
     * ({@code NAME.path.folded.gz}, {@code NAME.stack.folded.gz}). The directory is replaced as a whole once the new
     * report is complete, so it must be missing, empty or a report memflame wrote (its {@code .memflame-report}
     * marker says so), and must not be or contain the project, a source root, the snapshot directory or the
     * baseline: otherwise the goal fails before reading any dump, naming what is in the way. {@code baseline} and
     * {@code report-aggregate} find the report here: they read this parameter from the POM (for the plugin or in an
     * execution) or {@code -Dmemflame.outputDirectory}.
     * <pre>&lt;outputDirectory&gt;${project.reporting.outputDirectory}/memflame&lt;/outputDirectory&gt;</pre>
     */
    @Parameter(property = "memflame.outputDirectory", defaultValue = Defaults.OUTPUT_DIRECTORY)
    protected File outputDirectory;

    /**
     * The directory where the test run leaves its snapshot dumps. A snapshot's name in reports and in
     * {@code <snapshots>} of a budget is its path relative to this directory.
     * <pre>&lt;snapshotDirectory&gt;${project.build.directory}/memory-snapshots&lt;/snapshotDirectory&gt;</pre>
     */
    @Parameter(property = "memflame.snapshotDirectory", defaultValue = "${project.build.directory}/memory-snapshots")
    protected File snapshotDirectory;

    /**
     * Globs of dumps to read, relative to {@code snapshotDirectory} ({@code **} spans directories). Default:
     * {@code **}{@code /*.pickle}, {@code **}{@code /*.json}, {@code **}{@code /*.folded}, {@code **}{@code /*.dump},
     * {@code **}{@code /*.snapshot}, {@code **}{@code /*.tracemalloc} and the same with {@code .gz}. The format is
     * recognized from the content, not from the name. Files no include matches are named in one log line; a file
     * an include picks that is no dump fails the check, naming the include and the {@code <excludes>} line that
     * leaves it out.
     * <pre>{@code
     * <includes>
     *   <include>scenes/**}{@code /*.pickle</include>
     * </includes>
     * }</pre>
     */
    @Parameter(property = "memflame.includes")
    private List<String> includes;

    /**
     * Globs of dumps not to read, relative to {@code snapshotDirectory}.
     * <pre>{@code
     * <excludes>
     *   <exclude>**}{@code /warmup-*</exclude>
     * </excludes>
     * }</pre>
     */
    @Parameter(property = "memflame.excludes")
    private List<String> excludes;

    /**
     * Fails the build when a dump cannot be read (truncated, corrupt, not a tracemalloc dump). With
     * {@code false} such a dump gives a warning and an {@code unreadable} row in the report and summary, and is
     * left out of every total and budget, so a smaller total never goes unexplained.
     * <pre>{@code <failOnUnreadable>false</failOnUnreadable>}</pre>
     */
    @Parameter(property = "memflame.failOnUnreadable", defaultValue = "true")
    private boolean failOnUnreadable;

    /**
     * Globs of normalized file paths: a trace allocated in a matching file is left out, as
     * {@code tracemalloc.Filter(False, pattern)} does. The bytes left out are shown in the log and the summary.
     * <pre>{@code
     * <excludeFrames>
     *   <excludeFrame>**}{@code /tracemalloc.py</excludeFrame>
     *   <excludeFrame>**}{@code /site-packages/**}{@code </excludeFrame>
     * </excludeFrames>
     * }</pre>
     */
    @Parameter(property = "memflame.excludeFrames")
    private List<String> excludeFrames;

    /**
     * The memory budgets. {@code path} is a directory or file prefix of normalized paths, matched whole component
     * by component ({@code client/ui} does not match {@code client/ui2}), or a glob when it contains {@code *};
     * empty or {@code /} is the whole snapshot. {@code max} is bytes with an optional unit: {@code B}, SI
     * {@code kB KB MB GB} (powers of 1000) or IEC {@code KiB MiB GiB} (powers of 1024). {@code scope} is
     * {@code self} (bytes allocated in files under the path, the default) or {@code inclusive} (bytes of traces
     * with any frame under the path, each trace once). {@code snapshots} is a glob of snapshot names the budget
     * applies to (all when absent). {@code level} is {@code fail} (the default) or {@code warn}: an exceeded
     * budget of level {@code warn} is logged as a warning and does not fail the build, for budgets being
     * introduced. {@code maxGrowth}, next to {@code max} or instead of it, limits how much the figure may grow since
     * the {@code baseline}: bytes with the same units, or a percentage of the baseline's figure ({@code 10%}); a
     * budget needs {@code max}, {@code maxGrowth} or both. {@code maxDrift} limits how much the figure may grow since
     * the drift reference build of the {@code history} (bytes, or a percentage of that build's figure): the creep
     * of many small steps that each pass {@code maxGrowth}. A limit can come from a property, e.g.
     * <code>&lt;max&gt;${memory.client.max}&lt;/max&gt;</code> set with {@code -Dmemory.client.max=30MiB}.
     * <pre>{@code
     * <budgets>
     *   <budget><path>client/controller</path><max>20 MiB</max></budget>
     *   <budget>
     *     <path>common/data/skill_table.py</path><max>16MB</max>
     *     <scope>inclusive</scope><snapshots>**}{@code /*battle*</snapshots>
     *   </budget>
     *   <budget><path>**}{@code /net/**}{@code </path><max>512 KiB</max></budget>
     *   <budget><path>client/ui</path><max>2 MiB</max><level>warn</level></budget>
     *   <budget><path>client/controller</path><maxGrowth>10%</maxGrowth></budget>
     *   <budget><path>client/net</path><maxDrift>20%</maxDrift></budget>
     * </budgets>
     * }</pre>
     */
    @Parameter
    private List<BudgetConfig> budgets;

    /**
     * Fails the build when a budget matches nothing: its path holds no allocation in any snapshot it applies to
     * (a typo, or a {@code stripPrefix} that does not fit the recorded file names), or its {@code snapshots} glob
     * matches no snapshot. The log says what to change: the nearest paths that do hold memory
     * ({@code did you mean client/combat?}), and the {@code stripPrefix} that would make the path match when it
     * occurs further down in the recorded file names. A budget of level {@code warn} only warns; with
     * {@code false} every unmatched budget only warns, for budgets of code not every test run reaches. When no
     * snapshot was read at all, {@code failIfNoSnapshots} decides alone. The {@code report} goal never fails.
     * <pre>{@code <failOnUnmatched>false</failOnUnmatched>}</pre>
     */
    @Parameter(property = "memflame.failOnUnmatched", defaultValue = "true")
    private boolean failOnUnmatched;

    /**
     * Logs a warning for a budget that uses at least this percentage of its limit, before it fails: from 1 to
     * 100, or 0 to turn warnings off.
     * <pre>{@code <warnAtPercent>90</warnAtPercent>}</pre>
     */
    @Parameter(property = "memflame.warnAtPercent", defaultValue = "0")
    private int warnAtPercent;

    /**
     * The heading of every flame graph; the snapshot name and the view are added to it.
     * <pre>{@code <title>Battle client memory</title>}</pre>
     */
    @Parameter(property = "memflame.title", defaultValue = "Memory flame graph")
    private String title;

    /**
     * The width of flame graphs in pixels, at least 100.
     * <pre>{@code <width>1600</width>}</pre>
     */
    @Parameter(property = "memflame.width", defaultValue = "1200")
    private int width;

    /**
     * Frames narrower than this many pixels are not drawn (their bytes stay in their parent), which keeps the
     * graph of a million-trace snapshot small. At least 0.
     * <pre>{@code <minFrameWidth>0.5</minFrameWidth>}</pre>
     */
    @Parameter(property = "memflame.minFrameWidth", defaultValue = "0.1")
    private double minFrameWidth;

    /**
     * Draws icicle graphs: the root at the top, callees below.
     * <pre>{@code <inverted>true</inverted>}</pre>
     */
    @Parameter(property = "memflame.inverted", defaultValue = "false")
    private boolean inverted;

    /**
     * In the differential flame graphs drawn against a {@code baseline}, a frame whose bytes changed by less than
     * this percentage of its baseline bytes is drawn neutral (grey) rather than red (grew) or blue (shrank). From 0
     * to 100; 0 colors every change.
     * <pre>{@code <diffThreshold>5</diffThreshold>}</pre>
     */
    @Parameter(property = "memflame.diffThreshold", defaultValue = "1")
    private double diffThreshold;

    /**
     * The height of one frame in pixels, at least 4.
     * <pre>{@code <frameHeight>18</frameHeight>}</pre>
     */
    @Parameter(property = "memflame.frameHeight", defaultValue = "16")
    private int frameHeight;

    /**
     * The font size of frame labels in pixels, at least 4.
     * <pre>{@code <fontSize>13</fontSize>}</pre>
     */
    @Parameter(property = "memflame.fontSize", defaultValue = "12")
    private int fontSize;

    /**
     * How many dumps are read and folded at once; the default is the number of processors. With more than one, each
     * snapshot's path and stack views are also drawn at once, a large folded export is compressed on as many
     * threads, and with fewer dumps than threads each dump is parsed on a thread of its own while it is folded.
     * Each dump being read needs its own memory, so a build with a small heap and several very large dumps sets
     * {@code 1}. The report is the same whatever the number.
     * <pre>{@code <threads>2</threads>}</pre>
     */
    @Parameter(property = "memflame.threads")
    private Integer threads;

    /**
     * Also writes folded-stack exports whose frames carry function names, {@code path:line Class.method}
     * ({@code NAME.path.named.folded.gz}, {@code NAME.stack.named.folded.gz}), beside the plain ones
     * ({@code NAME.path.folded.gz}, {@code NAME.stack.folded.gz}), which always keep the {@code path:line} frames
     * {@code flamegraph.pl} and a baseline need. Off by default.
     * <pre>{@code <foldedFunctionNames>true</foldedFunctionNames>}</pre>
     */
    @Parameter(property = "memflame.foldedFunctionNames", defaultValue = "false")
    private boolean foldedFunctionNames;

    /**
     * An earlier run's report to measure growth against: its directory (typically the last green build's
     * {@code target/site/memflame}, restored by CI from an artifact or a cache, or a baseline committed with
     * {@code memflame:baseline}) or its {@code memflame.json}. Snapshots are matched by name; each budget's figure
     * is compared with the baseline's for the same path, scope and snapshot, and {@code maxGrowth} limits the
     * growth. A baseline that is not there gives a warning (growth not checked), or fails {@code check} with
     * {@code failIfNoBaseline}; one that is there but broken or of another format version fails. Relative paths are
     * resolved against the project's base directory.
     * <pre>&lt;baseline&gt;${project.basedir}/src/test/memflame-baseline&lt;/baseline&gt;</pre>
     * or on the command line: {@code mvn verify -Dmemflame.baseline=last-green/memflame}
     */
    @Parameter(property = "memflame.baseline")
    private File baseline;

    /**
     * The order of the run's snapshots in every table, chart and check across them: {@code name} (natural order of
     * the names: {@code scene-2} before {@code scene-10}) or {@code modified} (the time each dump was written,
     * the oldest first).
     * <pre>{@code <runOrder>modified</runOrder>}</pre>
     */
    @Parameter(property = "memflame.runOrder", defaultValue = "name")
    private String runOrder;

    /**
     * Comparisons of two snapshots of one run, e.g. the town before and after a battle: how much the bytes under
     * {@code path} may grow from the snapshot {@code from} matches to the one {@code to} matches. The snapshots of
     * one directory are one run; {@code from} and {@code to} are globs over the snapshots' names within their run,
     * and in every run where either matches, each must match exactly one snapshot, or the check fails naming what
     * they matched. {@code path} and {@code scope} count as a budget's do; {@code maxGrowth} is bytes or a
     * percentage of the figure in {@code from}; {@code level} is {@code fail} (the default) or {@code warn};
     * {@code warnAtPercent} applies to the growth allowed. Each comparison is logged, gets its differential flame
     * graphs {@code run/NAME.path.diff.svg} and {@code run/NAME.stack.diff.svg} ({@code name} defaults to
     * {@code FROM-to-TO}), a JUnit case, a row in {@code memflame.md} and an entry in {@code memflame.json}; with a
     * {@code baseline}, the same comparison between the baseline's snapshots is reported beside it.
     * <pre>
     * &lt;comparisons&gt;
     *   &lt;comparison&gt;
     *     &lt;from&gt;scene-2-town*&lt;/from&gt;
     *     &lt;to&gt;scene-5-town*&lt;/to&gt;
     *     &lt;path&gt;client&lt;/path&gt;
     *     &lt;scope&gt;self&lt;/scope&gt;
     *     &lt;maxGrowth&gt;256 KiB&lt;/maxGrowth&gt;
     *   &lt;/comparison&gt;
     * &lt;/comparisons&gt;
     * </pre>
     */
    @Parameter
    private List<ComparisonConfig> comparisons;

    /**
     * Leak checks over repeated rounds of one run (battle round after battle round): the snapshots of a run that
     * {@code snapshots} matches, in run order, are its rounds. The first {@code warmup} rounds are skipped (caches
     * fill there; none by default); the growth per round is the least-squares slope of the figure of {@code path}
     * (counted with {@code scope}, as a budget's) over the other rounds, and may be at most
     * {@code maxGrowthPerRound}. At least 3 measured rounds are needed, or the check says why it cannot decide and
     * fails (only warns with {@code level} {@code warn}). The log lists each round's figure, the slope, and the
     * lines that grew in every measured round, the leak suspects, largest first; the differential flame graphs
     * {@code run/NAME.path.diff.svg} and {@code run/NAME.stack.diff.svg} go from the first measured round to the
     * last.
     * <pre>
     * &lt;leakChecks&gt;
     *   &lt;leakCheck&gt;
     *     &lt;snapshots&gt;battle-round-*&lt;/snapshots&gt;
     *     &lt;warmup&gt;1&lt;/warmup&gt;
     *     &lt;path&gt;client&lt;/path&gt;
     *     &lt;maxGrowthPerRound&gt;64 KiB&lt;/maxGrowthPerRound&gt;
     *   &lt;/leakCheck&gt;
     * &lt;/leakChecks&gt;
     * </pre>
     */
    @Parameter
    private List<LeakCheckConfig> leakChecks;

    /**
     * The history of earlier builds: the {@code history} directory of the last build's report (its
     * {@code target/site/memflame/history}), restored by CI from a cache or an artifact, or a directory committed.
     * The check reads it, measures each budget's {@code maxDrift} against it, draws its trend charts, and writes
     * the earlier builds plus this one to {@code history} in its own report, for CI to save for the next build. A
     * failed build's entry is kept and marked failed. A history that is not there starts with this build; without
     * {@code history} no history is read or written. Relative paths are resolved against the project's base
     * directory.
     * <pre>&lt;history&gt;${project.basedir}/last-build/memflame/history&lt;/history&gt;</pre>
     * or on the command line: {@code mvn verify -Dmemflame.history=last-build/memflame/history}
     */
    @Parameter(property = "memflame.history")
    private File history;

    /**
     * How many builds the history keeps, this one included, from 2 to 10000; the oldest drop out.
     * <pre>{@code <historySize>50</historySize>}</pre>
     */
    @Parameter(property = "memflame.historySize", defaultValue = "100")
    private int historySize;

    /**
     * This build's label in the history, its charts and drift messages. Default: the first of the environment
     * variables {@code GITHUB_SHA}, {@code CI_COMMIT_SHA}, {@code GIT_COMMIT}, {@code BUILD_NUMBER} that is set,
     * else the commit the project's {@code .git/HEAD} names (read from Git's files), else the time.
     * <pre>{@code <buildLabel>nightly-42</buildLabel>}</pre>
     */
    @Parameter(property = "memflame.buildLabel")
    private String buildLabel;

    /**
     * The build a {@code maxDrift} is measured from: the label of a green build in the history, e.g. the last
     * release's commit. Default: the oldest green build of the window that has the figure. A label that names no
     * green build of the window fails the check.
     * <pre>{@code <driftReference>v2.4.0</driftReference>}</pre>
     */
    @Parameter(property = "memflame.driftReference")
    private String driftReference;

    /** The configuration as plain values, validated; a bad value fails naming the parameter or budget. */
    protected CheckSettings settings(boolean failIfNoSnapshots) throws MojoFailureException {
        return settings(failIfNoSnapshots, false);
    }

    /**
     * The configuration as plain values, validated; a bad value fails naming the parameter or budget.
     *
     * @param failIfNoBaseline whether a configured baseline that is not there fails the run
     */
    protected CheckSettings settings(boolean failIfNoSnapshots, boolean failIfNoBaseline) throws MojoFailureException {
        try {
            return new CheckSettings(
                    snapshotDirectory.toPath(),
                    orEmpty(includes),
                    orEmpty(excludes),
                    failIfNoSnapshots,
                    failOnUnreadable,
                    fileNameCharset(),
                    maxDecompressedBytes(),
                    stripPrefixList(),
                    orEmpty(excludeFrames),
                    budgets(),
                    warnAtPercent,
                    outputDirectory.toPath(),
                    new SvgOptions(title, width, minFrameWidth, inverted, frameHeight, fontSize, diffThreshold),
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                    sourceRootPaths(),
                    foldedFunctionNames,
                    ciOutputs(),
                    baseline == null ? null : baseline.toPath(),
                    failIfNoBaseline,
                    failOnUnmatched,
                    buildStart(),
                    projectDirectories(),
                    runChecks(),
                    new HistorySettings(history == null ? null : history.toPath(), historySize, buildLabel(),
                            driftReference));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("memflame: " + e.getMessage());
        }
    }

    /**
     * The configured label, else, when a history is kept, the one CI's variables or Git's files give; without a
     * history no build is recorded, and nothing of the environment is read for it.
     */
    private String buildLabel() {
        if (buildLabel != null && !buildLabel.isBlank()) {
            return buildLabel;
        }
        return history == null ? null : BuildLabel.of(System.getenv(), basedir.toPath(), Instant.now());
    }

    /** The run's order and what is checked across its snapshots, validated. */
    private RunChecks runChecks() {
        List<Comparison> parsed = new ArrayList<>();
        for (int i = 0; comparisons != null && i < comparisons.size(); i++) {
            ComparisonConfig config = comparisons.get(i);
            parsed.add(Comparison.parse(i + 1, config.getName(), config.getFrom(), config.getTo(), config.getPath(),
                    config.getScope(), config.getMaxGrowth(), config.getLevel()));
        }
        List<LeakCheck> leaks = new ArrayList<>();
        for (int i = 0; leakChecks != null && i < leakChecks.size(); i++) {
            LeakCheckConfig config = leakChecks.get(i);
            leaks.add(LeakCheck.parse(i + 1, config.getName(), config.getSnapshots(), config.getWarmup(),
                    config.getPath(), config.getScope(), config.getMaxGrowthPerRound(), config.getLevel()));
        }
        return new RunChecks(RunOrder.parse(runOrder), parsed, leaks);
    }

    /** When this Maven build started, or {@code null} when the session does not say. */
    private Instant buildStart() {
        MavenSession session = session();
        Date start = session == null || session.getRequest() == null ? null : session.getRequest().getStartTime();
        return start == null ? null : start.toInstant();
    }

    /** The JUnit report and job summary this goal writes besides the report; none but for {@code check}. */
    protected CiOutputs ciOutputs() {
        return CiOutputs.NONE;
    }

    private List<Budget> budgets() {
        List<Budget> result = new ArrayList<>();
        for (int i = 0; budgets != null && i < budgets.size(); i++) {
            BudgetConfig config = budgets.get(i);
            String name = "budget " + (i + 1) + " (path '" + (config.getPath() == null ? "" : config.getPath()) + "')";
            result.add(Budget.parse(name, config.getPath(), config.getMax(), config.getMaxGrowth(),
                    config.getMaxDrift(), config.getScope(), config.getSnapshots(), config.getLevel()));
        }
        return result;
    }

    /** The dumps the configured includes and excludes select; none when the directory is missing. */
    protected List<SnapshotFiles.Dump> dumps() throws CheckFailure, IOException {
        return SnapshotFiles.list(snapshotDirectory.toPath(), orEmpty(includes), orEmpty(excludes)).dumps();
    }

    /** Maven's log as the core's listener; with {@code errorsAsWarnings} budget violations become warnings. */
    static final class LogListener implements CheckListener {
        private final Log log;
        private final boolean errorsAsWarnings;

        LogListener(Log log, boolean errorsAsWarnings) {
            this.log = log;
            this.errorsAsWarnings = errorsAsWarnings;
        }

        @Override
        public void info(String line) {
            log.info(line);
        }

        @Override
        public void warning(String line) {
            log.warn(line);
        }

        @Override
        public void error(String line) {
            if (errorsAsWarnings) {
                log.warn(line);
            } else {
                log.error(line);
            }
        }
    }
}
