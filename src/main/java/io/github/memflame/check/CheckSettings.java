package io.github.memflame.check;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetChecker;
import io.github.memflame.history.HistorySettings;
import io.github.memflame.output.OutputDirectory;
import io.github.memflame.output.OutputKind;
import io.github.memflame.output.ProjectDirectories;
import io.github.memflame.output.ProtectedDirectory;
import io.github.memflame.render.SvgOptions;
import io.github.memflame.run.RunChecks;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code check} run needs, as plain values: the mojo's configuration after validation. The
 * values check themselves ({@link Budget}, {@link SvgOptions}, {@code warnAtPercent} here).
 *
 * @param snapshotDirectory where the test run left its dumps
 * @param includes globs of dumps to read, relative to the snapshot directory; empty for the defaults
 * @param excludes globs of dumps to skip
 * @param failIfNoSnapshots whether finding no dump is an error
 * @param failOnUnreadable whether a dump that cannot be read is an error; otherwise it is left out and listed
 * @param fileNameEncoding the encoding of Python 2 byte-string file names
 * @param maxDecompressedBytes the most one gzip dump may expand to
 * @param stripPrefixes install roots removed from file names
 * @param excludeFrames globs of allocating files whose traces are left out
 * @param budgets the budgets to check
 * @param warnAtPercent share of a limit that makes a warning; 0 for none
 * @param outputDirectory where the report goes
 * @param svgOptions how flame graphs are drawn
 * @param threads how many dumps are read and folded at once, at least 1; with more than one, each snapshot's two
 *                views are also drawn at once
 * @param sourceRoots where the game's Python sources are, to name the function of each frame; empty for none
 * @param foldedFunctionNames whether the folded-stack exports carry function names too
 * @param ciOutputs the JUnit report and job summary to write besides the report
 * @param baseline an earlier run's report directory or its {@code memflame.json} to measure growth against, or
 *                 {@code null} for none
 * @param failIfNoBaseline whether a configured baseline that is not there is an error rather than a warning
 * @param failOnUnmatched whether a budget that matches nothing, or applies to no snapshot, fails the run (a budget
 *                        of level {@code warn} only warns)
 * @param buildStart when the build started: dumps written before it are named in a warning; {@code null} for no
 *                   such check
 * @param project the directories of the project the check runs in (what the report must never replace, where lock
 *                files go), or {@code null} outside a project
 * @param run the order of the run's snapshots, and what is checked across them
 * @param history how the check remembers builds (the earlier builds' directory, the window, this build's label),
 *                or {@code null} for a run that neither reads nor writes a history ({@code view})
 */
public record CheckSettings(
        Path snapshotDirectory,
        List<String> includes,
        List<String> excludes,
        boolean failIfNoSnapshots,
        boolean failOnUnreadable,
        Charset fileNameEncoding,
        long maxDecompressedBytes,
        List<String> stripPrefixes,
        List<String> excludeFrames,
        List<Budget> budgets,
        int warnAtPercent,
        Path outputDirectory,
        SvgOptions svgOptions,
        int threads,
        List<Path> sourceRoots,
        boolean foldedFunctionNames,
        CiOutputs ciOutputs,
        Path baseline,
        boolean failIfNoBaseline,
        boolean failOnUnmatched,
        Instant buildStart,
        ProjectDirectories project,
        RunChecks run,
        HistorySettings history) {

    /** @throws IllegalArgumentException when {@code warnAtPercent} or {@code threads} is out of range */
    public CheckSettings {
        Objects.requireNonNull(ciOutputs, "ciOutputs");
        Objects.requireNonNull(run, "run");
        BudgetChecker.checkWarnAtPercent(warnAtPercent);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 (leave it out for one per processor); was "
                    + threads);
        }
    }

    /** Settings of a run that checks nothing across its snapshots and has no history. */
    public CheckSettings(Path snapshotDirectory, List<String> includes, List<String> excludes,
                         boolean failIfNoSnapshots, boolean failOnUnreadable, Charset fileNameEncoding,
                         long maxDecompressedBytes, List<String> stripPrefixes, List<String> excludeFrames,
                         List<Budget> budgets, int warnAtPercent, Path outputDirectory, SvgOptions svgOptions,
                         int threads, List<Path> sourceRoots, boolean foldedFunctionNames, CiOutputs ciOutputs,
                         Path baseline, boolean failIfNoBaseline, boolean failOnUnmatched, Instant buildStart,
                         ProjectDirectories project) {
        this(snapshotDirectory, includes, excludes, failIfNoSnapshots, failOnUnreadable, fileNameEncoding,
                maxDecompressedBytes, stripPrefixes, excludeFrames, budgets, warnAtPercent, outputDirectory,
                svgOptions, threads, sourceRoots, foldedFunctionNames, ciOutputs, baseline, failIfNoBaseline,
                failOnUnmatched, buildStart, project, RunChecks.NONE, null);
    }

    /**
     * The report directory with what it must never be or contain: the project's directories, the snapshot
     * directory, the source roots and the baseline.
     */
    public OutputDirectory reportOutput() {
        List<ProtectedDirectory> guarded = new ArrayList<>(project == null ? List.of() : project.protectedDirectories());
        if (snapshotDirectory != null) {
            guarded.add(new ProtectedDirectory("the snapshot directory", snapshotDirectory));
        }
        sourceRoots.forEach(root -> guarded.add(new ProtectedDirectory("the source root", root)));
        if (baseline != null) {
            guarded.add(new ProtectedDirectory("the baseline", baseline));
        }
        // A history inside the report is the report's own (read whole before the report is replaced).
        if (history != null && history.directory() != null && !history.directory().toAbsolutePath().normalize()
                .startsWith(outputDirectory.toAbsolutePath().normalize())) {
            guarded.add(new ProtectedDirectory("the history", history.directory()));
        }
        return new OutputDirectory(outputDirectory, OutputKind.REPORT, guarded,
                project == null ? null : project.lockDirectory());
    }
}
