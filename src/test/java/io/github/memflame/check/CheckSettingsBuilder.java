package io.github.memflame.check;

import io.github.memflame.budget.Budget;
import io.github.memflame.history.HistorySettings;
import io.github.memflame.output.ProjectDirectories;
import io.github.memflame.render.SvgOptions;
import io.github.memflame.run.RunChecks;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@link CheckSettings} for tests, with the goal's defaults for everything a test does not set:
 * {@code CheckSettingsBuilder.snapshots(dir).output(out).budgets(b).build()}.
 */
public final class CheckSettingsBuilder {
    private final Path snapshotDirectory;
    private Path outputDirectory;
    private List<String> includes = List.of();
    private List<String> excludes = List.of();
    private boolean failIfNoSnapshots = true;
    private boolean failOnUnreadable = true;
    private Charset fileNameEncoding = StandardCharsets.UTF_8;
    private long maxDecompressedBytes = 1L << 30;
    private List<String> stripPrefixes = List.of();
    private List<String> excludeFrames = List.of();
    private List<Budget> budgets = List.of();
    private int warnAtPercent;
    private SvgOptions svgOptions = SvgOptions.defaults();
    private List<Path> sourceRoots = List.of();
    private boolean foldedFunctionNames;
    private CiOutputs ciOutputs = CiOutputs.NONE;
    private Path baseline;
    private boolean failIfNoBaseline;
    private boolean failOnUnmatched = true;
    private Instant buildStart;
    private ProjectDirectories project;
    private RunChecks run = RunChecks.NONE;
    private HistorySettings history;
    // Two, so that every test run through the builder reads its dumps in parallel as a 2-core agent does.
    private int threads = 2;

    private CheckSettingsBuilder(Path snapshotDirectory) {
        this.snapshotDirectory = snapshotDirectory;
        this.outputDirectory = snapshotDirectory.resolveSibling("memflame");
    }

    public static CheckSettingsBuilder snapshots(Path snapshotDirectory) {
        return new CheckSettingsBuilder(snapshotDirectory);
    }

    public CheckSettingsBuilder output(Path directory) {
        outputDirectory = directory;
        return this;
    }

    public CheckSettingsBuilder includes(List<String> globs) {
        includes = globs;
        return this;
    }

    public CheckSettingsBuilder failOnUnreadable(boolean fail) {
        failOnUnreadable = fail;
        return this;
    }

    public CheckSettingsBuilder stripPrefixes(List<String> prefixes) {
        stripPrefixes = prefixes;
        return this;
    }

    public CheckSettingsBuilder budgets(List<Budget> configured) {
        budgets = configured;
        return this;
    }

    public CheckSettingsBuilder warnAtPercent(int percent) {
        warnAtPercent = percent;
        return this;
    }

    public CheckSettingsBuilder sourceRoots(List<Path> roots) {
        sourceRoots = roots;
        return this;
    }

    public CheckSettingsBuilder foldedFunctionNames(boolean withNames) {
        foldedFunctionNames = withNames;
        return this;
    }

    public CheckSettingsBuilder ciOutputs(CiOutputs outputs) {
        ciOutputs = outputs;
        return this;
    }

    public CheckSettingsBuilder baseline(Path reportOrSummary) {
        baseline = reportOrSummary;
        return this;
    }

    public CheckSettingsBuilder failIfNoBaseline(boolean fail) {
        failIfNoBaseline = fail;
        return this;
    }

    public CheckSettingsBuilder failOnUnmatched(boolean fail) {
        failOnUnmatched = fail;
        return this;
    }

    public CheckSettingsBuilder project(ProjectDirectories directories) {
        project = directories;
        return this;
    }

    public CheckSettingsBuilder excludes(List<String> globs) {
        excludes = globs;
        return this;
    }

    public CheckSettingsBuilder failIfNoSnapshots(boolean fail) {
        failIfNoSnapshots = fail;
        return this;
    }

    public CheckSettingsBuilder excludeFrames(List<String> globs) {
        excludeFrames = globs;
        return this;
    }

    /** When the build started: dumps older than it are warned of. */
    public CheckSettingsBuilder buildStart(Instant start) {
        buildStart = start;
        return this;
    }

    public CheckSettingsBuilder threads(int count) {
        threads = count;
        return this;
    }

    public CheckSettingsBuilder maxDecompressedBytes(long bytes) {
        maxDecompressedBytes = bytes;
        return this;
    }

    /** The run's order and what is checked across its snapshots. */
    public CheckSettingsBuilder run(RunChecks checks) {
        run = checks;
        return this;
    }

    /** Reads and writes a history as the goals do; none by default. */
    public CheckSettingsBuilder history(HistorySettings settings) {
        history = settings;
        return this;
    }

    public CheckSettings build() {
        return new CheckSettings(snapshotDirectory, includes, excludes, failIfNoSnapshots, failOnUnreadable,
                fileNameEncoding, maxDecompressedBytes, stripPrefixes, excludeFrames, budgets, warnAtPercent,
                outputDirectory, svgOptions, threads, sourceRoots,
                foldedFunctionNames, ciOutputs, baseline, failIfNoBaseline, failOnUnmatched, buildStart, project,
                run, history);
    }
}
