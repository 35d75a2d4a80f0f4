package io.github.memflame.check;

import io.github.memflame.baseline.Baseline;
import io.github.memflame.baseline.BaselineCopier;
import io.github.memflame.baseline.BaselineException;
import io.github.memflame.baseline.BaselineReader;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetChecker;
import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Scope;
import io.github.memflame.budget.UnmatchedBudget;
import io.github.memflame.files.FileErrors;
import io.github.memflame.files.RelativeName;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FrameIdentity;
import io.github.memflame.fold.FrameMatcher;
import io.github.memflame.fold.PathGlob;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.format.Numbers;
import io.github.memflame.history.HistoryFormat;
import io.github.memflame.history.HistoryWindow;
import io.github.memflame.output.DirectoryLock;
import io.github.memflame.output.OutputDirectory;
import io.github.memflame.output.OutputKind;
import io.github.memflame.output.OutputRefusedException;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.DumpLoader;
import io.github.memflame.summary.BaselineUsed;
import io.github.memflame.render.Beside;
import io.github.memflame.render.CheckReport;
import io.github.memflame.render.JunitReport;
import io.github.memflame.render.MarkdownSummary;
import io.github.memflame.render.ReportWriter;
import io.github.memflame.render.SnapshotReport;
import io.github.memflame.run.ComparisonChecker;
import io.github.memflame.run.ComparisonMessages;
import io.github.memflame.run.ComparisonResult;
import io.github.memflame.run.LeakCheckResult;
import io.github.memflame.run.LeakChecker;
import io.github.memflame.run.LeakMessages;
import io.github.memflame.run.RunCheckException;
import io.github.memflame.run.RunDiff;
import io.github.memflame.run.RunChecks;
import io.github.memflame.run.RunOrder;
import io.github.memflame.run.RunResults;
import io.github.memflame.summary.UnreadableSnapshot;
import io.github.memflame.source.FunctionNameResolver;
import io.github.memflame.source.ResolutionSummary;
import io.github.memflame.summary.LinesFile;
import io.github.memflame.summary.ReportFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code check} run without Maven: find the dumps, read and fold each, check the budgets, write the report.
 * Every dump is read before anything is written, so a bad dump leaves the previous report as it was.
 */
public final class MemflameCheck {
    /** How many names a warning about several snapshots lists; the rest are counted. */
    private static final int FEW = 5;
    /** The coarsest modification times file systems keep (FAT: two seconds). */
    private static final Duration MTIME_GRANULARITY = Duration.ofSeconds(2);
    /** How many warnings about entries of the snapshot directory that cannot be dumps are logged one by one. */
    private static final int MAX_LISTING_WARNINGS = 20;
    /** How the readers say that a dump ends early. */
    private static final Pattern TRUNCATED = Pattern.compile("truncated|end-of-input|end of the data|cut short",
            Pattern.CASE_INSENSITIVE);

    private final CheckSettings settings;
    /** The dumps by snapshot name when given one by one ({@code view}); {@code null} when found in the directory. */
    private final Map<String, Path> givenDumps;
    private final CheckListener listener;
    /** The committed baseline's directory and whether this run accepts its figures; {@code null} when not known. */
    private final BaselineUpdate baselineUpdate;

    public MemflameCheck(CheckSettings settings, CheckListener listener) {
        this(settings, (Map<String, Path>) null, listener);
    }

    /**
     * A check that knows where the project's committed baseline is: a growth failure ends saying how to accept it
     * there, and with {@link BaselineUpdate#accept()} this run's figures become that baseline.
     */
    public MemflameCheck(CheckSettings settings, BaselineUpdate baselineUpdate, CheckListener listener) {
        this.settings = settings;
        this.givenDumps = null;
        this.listener = LogText.printable(listener);
        this.baselineUpdate = Objects.requireNonNull(baselineUpdate, "baselineUpdate");
    }

    /**
     * A run over dumps given one by one, wherever they are, each under its snapshot name, in the order given; the
     * snapshot directory and its includes and excludes are not used.
     */
    MemflameCheck(CheckSettings settings, Map<String, Path> dumps, CheckListener listener) {
        this.settings = settings;
        this.givenDumps = dumps == null ? null : new LinkedHashMap<>(dumps);
        this.listener = LogText.printable(listener);
        this.baselineUpdate = null;
    }

    /**
     * Checks and writes the report, then the CI outputs; a run that stops without a verdict still writes its JUnit
     * report (one error) and job summary, so that CI shows why. The run holds its output directory's lock
     * throughout, so that a build writing the same report at the same moment waits (saying so) rather than mixing
     * its outputs with this one's; and before anything is read it makes sure the report may replace what is in the
     * output directory.
     *
     * @throws CheckFailure when there is no verdict (no dump, an unreadable one), or when the output directory or
     *                      the JUnit report may not be replaced (then nothing is read or written)
     */
    public CheckOutcome run() throws CheckFailure, IOException {
        long start = System.nanoTime();
        OutputDirectory output = settings.reportOutput();
        try (DirectoryLock lock = output.lock(listener::info)) {
            try {
                output.checkReplaceable();
                if (settings.ciOutputs().junitReport() != null) {
                    JunitReport.checkReplaceable(settings.ciOutputs().junitReport());
                }
            } catch (OutputRefusedException refused) {
                throw new CheckFailure(refused.getMessage());
            }
            try {
                return check(output, start);
            } catch (CheckFailure failure) {
                CiOutputs outputs = settings.ciOutputs();
                if (outputs.junitReport() != null) {
                    JunitReport.writeError(outputs.junitReport(), failure.getMessage(), since(start));
                }
                if (outputs.stepSummary() != null) {
                    appendToStepSummary(outputs.stepSummary(),
                            file -> MarkdownSummary.appendError(file, failure.getMessage()));
                }
                throw failure;
            }
        }
    }

    private CheckOutcome check(OutputDirectory output, long checkStart) throws CheckFailure, IOException {
        SnapshotFiles.Listing listing = givenDumps != null ? SnapshotFiles.Listing.given(givenDumps)
                : SnapshotFiles.list(settings.snapshotDirectory(), settings.includes(), settings.excludes());
        tellListing(listing);
        if (listing.dumps().isEmpty() && listing.refused().isEmpty()) {
            String message = "No memory snapshot found in " + settings.snapshotDirectory() + " matching "
                    + patterns(settings.includes().isEmpty() ? Defaults.INCLUDES : settings.includes())
                    + (settings.excludes().isEmpty() ? "" : " but not " + patterns(settings.excludes()))
                    + ": " + listing.contents() + ". Did the test run write its tracemalloc dumps there? Set "
                    + "snapshotDirectory or includes to where they are, or failIfNoSnapshots=false to allow a run "
                    + "without snapshots.";
            if (settings.failIfNoSnapshots()) {
                throw new CheckFailure(message);
            }
            listener.warning(message);
        }
        List<SnapshotFiles.Dump> dumps = givenDumps != null ? listing.dumps() : inRunOrder(listing.dumps());
        warnOfOldDumps(dumps);
        List<UnreadableSnapshot> unreadable = new ArrayList<>();
        for (SnapshotFiles.Refused refused : listing.refused()) {
            unreadable(refused.name(), refused.error(), unreadable);
        }
        Map<String, Long> readNanos = new HashMap<>();
        PathNormalizer normalizer = new PathNormalizer(settings.stripPrefixes());
        Future<BuildHistory.Earlier> historyReading = BuildHistory.startReading(settings.history(),
                settings.budgets());
        List<FoldedSnapshot> snapshots = read(dumps, normalizer, unreadable, readNanos);
        FunctionNameResolver resolver = settings.sourceRoots().isEmpty() ? null
                : new FunctionNameResolver(settings.sourceRoots());
        if (resolver != null) {
            snapshots = nameFunctions(snapshots, dumps, resolver);
        }
        ResolutionSummary functionNames = resolver == null ? null : resolver.summary();

        Baseline baseline = readBaseline();
        if (baseline != null && !settings.sourceRoots().isEmpty()) {
            baseline = nameFunctions(baseline);
        }
        Map<String, FoldedSnapshot> baselineSnapshots = baseline == null ? null
                : aligned(baseline, snapshots, listing.dumps());
        boolean accepting = baselineUpdate != null && baselineUpdate.accept();
        List<BudgetResult> measured = new BudgetChecker(settings.budgets(), settings.warnAtPercent(),
                settings.failOnUnmatched(), !accepting).check(snapshots, baselineSnapshots);
        BuildHistory history = settings.history() == null ? null
                : BuildHistory.read(settings.history(), historyReading, settings.budgets(), listener);
        List<BudgetResult> results = history == null ? measured
                : history.measureDrift(measured, settings.warnAtPercent());
        List<BudgetResult> failing = results.stream().filter(BudgetResult::failsBuild).toList();
        RunResults run = checkAcrossTheRun(snapshots, baselineSnapshots);
        Map<Budget, List<String>> unmatchedLines = unmatchedLines(results, snapshots, normalizer);
        Map<String, Long> drawNanos = new HashMap<>();
        boolean passed = failing.isEmpty() && !run.failsBuild();
        HistoryWindow historyWindow = history == null ? null : history.window(passed, snapshots, results);
        BaselineUsed baselineUsed = baselineUsed(baseline, snapshots);
        CheckReport report;
        try {
            report = draw(output, snapshots, baselineSnapshots, run, drawNanos, drawn -> new CheckReport(passed,
                    drawn, results, unreadable, functionNames, settings.foldedFunctionNames(), baselineUsed, run,
                    historyWindow));
        } catch (OutOfMemoryError e) {
            throw new CheckFailure(OutOfMemoryAdvice.whileRendering(snapshots.size(), Runtime.getRuntime().maxMemory()));
        }
        List<SnapshotReport> snapshotReports = report.snapshots();
        for (FoldedSnapshot snapshot : snapshots) {
            listener.info(snapshot.name() + ": " + snapshot.format().summaryName() + ", "
                    + Numbers.grouped(snapshot.traces()) + " traces, " + Numbers.bytes(snapshot.totalBytes())
                    + (snapshot.excludedTraces() == 0 ? "" : " (" + Numbers.grouped(snapshot.excludedTraces())
                    + " traces of " + Numbers.bytes(snapshot.excludedBytes()) + " left out by excludeFrames)")
                    + " (read in " + duration(readNanos.get(snapshot.name())) + ", drawn in "
                    + duration(drawNanos.get(snapshot.name())) + ")");
        }
        warnOfFlatStacks(snapshots);
        if (functionNames != null) {
            listener.info(functionNames.describe());
        }
        if (baseline != null) {
            tellBaseline(baseline, snapshots);
        } else if (settings.baseline() == null) {
            warnOfGrowthWithoutBaseline();
        }

        tell(results, snapshotReports, unmatchedLines);
        tell(run);
        listener.info("Memory report: " + settings.outputDirectory().resolve("index.html"));
        if (report.history() != null) {
            int builds = report.history().recorded().size() + report.history().carried().size();
            listener.info("History for the next build: " + builds + (builds == 1 ? " build in " : " builds in ")
                    + settings.outputDirectory().resolve(HistoryFormat.DIRECTORY));
        }
        writeCiOutputs(report, snapshotReports, unmatchedLines, checkStart);
        if (accepting) {
            acceptAsBaseline(report.passed(), baseline);
        }
        return new CheckOutcome(report, failing);
    }

    /**
     * Draws the report into {@code output}, snapshot by snapshot: each snapshot's graphs and exports are written as
     * soon as it is drawn, and only its figures and path view are kept (the folded views of the snapshots a check
     * across the run compares are kept until its differential graphs are drawn, as soon as both are), so that a
     * run of many snapshots holds one snapshot's drawings at a time.
     *
     * @param drawNanos filled with the nanoseconds spent drawing and writing each snapshot
     * @param assemble the whole report, from the snapshots' reports once written
     */
    private CheckReport draw(OutputDirectory output, List<FoldedSnapshot> snapshots,
                             Map<String, FoldedSnapshot> baselineSnapshots, RunResults run,
                             Map<String, Long> drawNanos, Function<List<SnapshotReport>, CheckReport> assemble)
            throws IOException {
        Set<String> withBaseline = new HashSet<>();
        for (FoldedSnapshot snapshot : snapshots) {
            if (baselineSnapshots != null && baselineSnapshots.get(snapshot.name()) != null) {
                withBaseline.add(snapshot.name());
            }
        }
        ReportWriter.Plan plan = new ReportWriter.Plan(snapshots, withBaseline, settings.foldedFunctionNames(),
                run.diffs());
        // The stack view of each snapshot is drawn beside its path view when the check may use more than one
        // thread: a single very large dump then takes two cores, as a run of many takes them to read.
        ExecutorService beside = settings.threads() <= 1 ? null : Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "memflame-draw");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // A large export is compressed on as many threads as the check may use, each holding two blocks of
            // 1 MiB: no more than there are processors to run them.
            int compressors = Math.min(settings.threads(), Runtime.getRuntime().availableProcessors());
            return ReportWriter.write(output, plan, settings.svgOptions(), compressors, listener::info, staged -> {
                List<SnapshotReport> written = new ArrayList<>(snapshots.size());
                List<RunDiff> runDiffsToDraw = new ArrayList<>(run.diffs());
                Map<String, SnapshotReport> runDiffEnds = new HashMap<>();
                for (FoldedSnapshot snapshot : snapshots) {
                    long start = System.nanoTime();
                    SnapshotReport drawn = SnapshotReport.of(snapshot,
                            baselineSnapshots == null ? null : baselineSnapshots.get(snapshot.name()),
                            settings.svgOptions(), beside);
                    staged.snapshot(drawn, beside);
                    drawNanos.put(snapshot.name(), System.nanoTime() - start);
                    written.add(drawn.written());
                    if (runDiffsToDraw.stream().anyMatch(diff -> endsAt(diff, snapshot.name()))) {
                        runDiffEnds.put(snapshot.name(), drawn);
                    }
                    for (Iterator<RunDiff> diffs = runDiffsToDraw.iterator(); diffs.hasNext(); ) {
                        RunDiff diff = diffs.next();
                        if (runDiffEnds.containsKey(diff.from()) && runDiffEnds.containsKey(diff.to())) {
                            staged.runDiff(diff, runDiffEnds.get(diff.from()), runDiffEnds.get(diff.to()), beside);
                            diffs.remove();
                        }
                    }
                    runDiffEnds.keySet().removeIf(name -> runDiffsToDraw.stream().noneMatch(diff -> endsAt(diff, name)));
                }
                if (!runDiffsToDraw.isEmpty()) {
                    RunDiff diff = runDiffsToDraw.get(0);
                    throw new IOException("no snapshot " + (runDiffEnds.containsKey(diff.from()) ? diff.to()
                            : diff.from()) + " to draw " + diff.stem() + " from");
                }
                CheckReport report = assemble.apply(written);
                staged.pages(report);
                return report;
            });
        } finally {
            if (beside != null) {
                beside.shutdownNow();
            }
        }
    }

    private static boolean endsAt(RunDiff diff, String snapshot) {
        return diff.from().equals(snapshot) || diff.to().equals(snapshot);
    }

    /** The dumps in the run's order ({@code runOrder}), which every table, chart and check follows. */
    private List<SnapshotFiles.Dump> inRunOrder(List<SnapshotFiles.Dump> dumps) throws IOException {
        Map<String, SnapshotFiles.Dump> byName = new HashMap<>();
        Map<String, Instant> modified = new HashMap<>();
        for (SnapshotFiles.Dump dump : dumps) {
            byName.put(dump.name(), dump);
            if (settings.run().order() == RunOrder.MODIFIED) {
                modified.put(dump.name(), Files.getLastModifiedTime(dump.file()).toInstant());
            }
        }
        return settings.run().order().sort(new ArrayList<>(byName.keySet()), modified).stream()
                .map(byName::get).toList();
    }

    /**
     * The comparisons and leak checks of the run, before anything is written: one that cannot be decided as
     * configured stops the check, naming what it matched.
     */
    private RunResults checkAcrossTheRun(List<FoldedSnapshot> snapshots, Map<String, FoldedSnapshot> baseline)
            throws CheckFailure {
        RunChecks checks = settings.run();
        try {
            return new RunResults(new ComparisonChecker(checks.comparisons(), settings.warnAtPercent())
                    .check(snapshots, baseline), new LeakChecker(checks.leakChecks(), settings.warnAtPercent())
                    .check(snapshots));
        } catch (RunCheckException e) {
            throw new CheckFailure(e.getMessage());
        }
    }

    /** The view a figure of this scope is seen in: the path view for {@code self}, the stack view otherwise. */
    private static FlameTree.View view(Scope scope) {
        return scope == Scope.SELF ? FlameTree.View.PATH : FlameTree.View.STACK;
    }

    /** The lines about each check across the run: its figures when within, the full story when not. */
    private void tell(RunResults run) {
        for (ComparisonResult result : run.comparisons()) {
            String diff = settings.outputDirectory().resolve(result.diff().file(view(result.comparison().scope())))
                    .toString();
            switch (result.status()) {
                case EXCEEDED -> ComparisonMessages.describe(result, diff)
                        .forEach(result.onlyWarned() ? listener::warning : listener::error);
                case WARNING -> ComparisonMessages.describe(result, diff).forEach(listener::warning);
                default -> listener.info(ComparisonMessages.within(result));
            }
        }
        for (LeakCheckResult result : run.leakChecks()) {
            String diff = result.diff() == null ? null
                    : settings.outputDirectory().resolve(result.diff().file(view(result.check().scope()))).toString();
            switch (result.status()) {
                case EXCEEDED, UNDECIDED -> LeakMessages.describe(result, diff)
                        .forEach(result.onlyWarned() ? listener::warning : listener::error);
                case WARNING -> LeakMessages.describe(result, diff).forEach(listener::warning);
                case OK -> listener.info(LeakMessages.within(result));
            }
        }
    }

    /**
     * Writes this run's report as the new baseline, as {@code memflame:baseline} does, when the check passed, and
     * says per snapshot what changed in it.
     *
     * @param compared the baseline this run was compared with, or {@code null}
     */
    private void acceptAsBaseline(boolean passed, Baseline compared) throws CheckFailure, IOException {
        Path directory = baselineUpdate.directory();
        if (!passed) {
            listener.warning("Baseline not updated: the check failed (a budget's max, not its growth, an unmatched "
                    + "budget, or a check across the run); " + directory + " is as it was");
            return;
        }
        Baseline before = previousBaseline(directory, compared);
        Map<String, String> linesBefore = new HashMap<>();
        for (FoldedSnapshot snapshot : before == null ? List.<FoldedSnapshot>of() : before.snapshots()) {
            linesBefore.put(snapshot.name(), linesText(directory, snapshot.name()));
        }
        Baseline written;
        try {
            OutputDirectory target = settings.project() == null ? OutputDirectory.of(directory, OutputKind.BASELINE)
                    : new OutputDirectory(directory, OutputKind.BASELINE, settings.project().protectedDirectories(),
                    settings.project().lockDirectory());
            written = new BaselineCopier(settings.maxDecompressedBytes()).copy(settings.outputDirectory(), target,
                    listener::info);
        } catch (BaselineException e) {
            throw new CheckFailure("Cannot update the baseline: " + e.getMessage());
        }
        Map<String, FoldedSnapshot> was = before == null ? Map.of() : before.byName();
        for (FoldedSnapshot snapshot : written.snapshots()) {
            FoldedSnapshot old = was.get(snapshot.name());
            int rows = LinesFile.changedRows(linesBefore.get(snapshot.name()), linesText(directory, snapshot.name()));
            listener.info("Baseline updated: " + snapshot.name() + ": " + (old == null ? "new, "
                    : Numbers.bytes(old.totalBytes()) + " -> ") + Numbers.bytes(snapshot.totalBytes()) + " ("
                    + (old == null ? "" : Numbers.grouped(old.totalBytes()) + " -> ")
                    + Numbers.grouped(snapshot.totalBytes()) + " bytes), " + rows + (rows == 1 ? " row" : " rows")
                    + " of " + ReportFiles.lines(snapshot.name()) + " changed");
        }
        listener.info("Baseline written to " + directory + ": commit it");
    }

    /**
     * The text of a snapshot's lines file in a baseline directory, or {@code null} when it has none (a baseline of
     * format 1, or a name that would lead out of the directory).
     */
    private static String linesText(Path directory, String snapshot) throws IOException {
        Path file;
        try {
            file = RelativeName.of(ReportFiles.lines(snapshot)).under(directory);
        } catch (IllegalArgumentException outside) {
            return null;
        }
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (CharacterCodingException notText) {
            return null;
        }
    }

    /**
     * What the baseline directory held before this run replaces it: the baseline this run was compared with when
     * that is it, else what is there, or {@code null} when nothing usable is.
     */
    private Baseline previousBaseline(Path directory, Baseline compared) {
        try {
            Path summary = BaselineReader.summaryFile(directory);
            if (summary == null) {
                return null;
            }
            if (compared != null && compared.summaryFile().toAbsolutePath().normalize()
                    .equals(summary.toAbsolutePath().normalize())) {
                return compared;
            }
            return new BaselineReader(settings.maxDecompressedBytes()).read(directory.toString(), summary);
        } catch (BaselineException unusable) {
            listener.warning("The baseline in " + directory + " cannot be read (" + unusable.getMessage()
                    + "); it is replaced, and every row counts as changed");
            return null;
        }
    }

    /**
     * One warning when dumps were written before this build started: most likely left from an earlier run (the
     * tests skipped without a clean), so the check would judge old code. They are checked all the same.
     */
    private void warnOfOldDumps(List<SnapshotFiles.Dump> dumps) throws IOException {
        Instant buildStart = settings.buildStart();
        if (buildStart == null || dumps.isEmpty()) {
            return;
        }
        List<String> old = new ArrayList<>();
        Instant newest = null;
        Instant oldest = null;
        for (SnapshotFiles.Dump dump : dumps) {
            String name = dump.name();
            Instant written = Files.getLastModifiedTime(dump.file()).toInstant();
            // Some file systems keep modification times in whole seconds (FAT in two): a dump of this build's
            // first second must not count as older than the build.
            if (written.isBefore(buildStart.minus(MTIME_GRANULARITY))) {
                old.add(name);
                newest = newest == null || written.isAfter(newest) ? written : newest;
                oldest = oldest == null || written.isBefore(oldest) ? written : oldest;
            }
        }
        if (old.isEmpty()) {
            return;
        }
        String newestAge = age(Duration.between(newest, buildStart));
        String oldestAge = age(Duration.between(oldest, buildStart));
        String age = newestAge.equals(oldestAge) ? newestAge : newestAge + " to " + oldestAge;
        int count = dumps.size();
        listener.warning((old.size() == count ? (count == 1 ? "The memory snapshot" : "All "
                + count + " memory snapshots") : old.size() + " of " + count + " memory snapshots")
                + (old.size() == 1 ? " was" : " were") + " written " + age + " before this build started ("
                + listed(old, FEW) + "): left from an "
                + "earlier run, e.g. -DskipTests without clean? They are checked as they are; run the tests "
                + "again (mvn clean verify) to check this build's code.");
    }

    /**
     * One warning naming the snapshots whose every trace has a single frame: {@code tracemalloc.start()} without a
     * depth records one, so the stack view is flat and an inclusive budget counts only the allocating file.
     */
    private void warnOfFlatStacks(List<FoldedSnapshot> snapshots) {
        List<String> flat = new ArrayList<>();
        for (FoldedSnapshot snapshot : snapshots) {
            if (isFlat(snapshot)) {
                flat.add(snapshot.name());
            }
        }
        if (flat.isEmpty()) {
            return;
        }
        listener.warning((flat.size() == snapshots.size() ? (flat.size() == 1 ? "The snapshot" : "All "
                + flat.size() + " snapshots") : flat.size() + " of " + snapshots.size() + " snapshots")
                + (flat.size() == 1 && snapshots.size() == 1 ? " records" : " record") + " one frame per trace ("
                + listed(flat, FEW) + "): the stack view is flat, and an "
                + "inclusive budget counts only the allocating file. tracemalloc.start() records one frame; "
                + "tracemalloc.start(25) records call stacks of up to 25 frames.");
    }

    /** Every trace has one frame, and there is at least one. */
    private static boolean isFlat(FoldedSnapshot snapshot) {
        boolean any = false;
        for (StackTotal stack : snapshot.stacks()) {
            int depth = stack.rootFirst().size();
            if (depth > 1) {
                return false;
            }
            any |= depth == 1;
        }
        return any;
    }

    /** Once, when budgets limit growth but no baseline is configured: their growth is checked nowhere in this build. */
    private void warnOfGrowthWithoutBaseline() {
        List<String> growing = new ArrayList<>();
        for (Budget budget : settings.budgets()) {
            if (budget.maxGrowth() != null) {
                growing.add(BudgetMessages.displayPath(budget) + " (maxGrowth " + budget.maxGrowth().text() + ")");
            }
        }
        if (growing.isEmpty()) {
            return;
        }
        listener.warning((growing.size() == 1 ? "1 budget has" : growing.size() + " budgets have") + " a maxGrowth, "
                + "but no baseline is configured, so no growth is checked in this build: " + listed(growing, FEW)
                + ". Set baseline to an earlier run's report, e.g. -Dmemflame.baseline=last-green/memflame.");
    }

    /** The lines that say why each unmatched budget matched nothing and what to change, computed once per budget. */
    private static Map<Budget, List<String>> unmatchedLines(List<BudgetResult> results, List<FoldedSnapshot> snapshots,
                                                            PathNormalizer normalizer) {
        Map<Budget, List<String>> lines = new IdentityHashMap<>();
        for (BudgetResult result : results) {
            if (result.status() == BudgetStatus.UNMATCHED && !lines.containsKey(result.budget())) {
                UnmatchedBudget unmatched = UnmatchedBudget.explain(result.budget(), snapshots,
                        normalizer.strippedRoots());
                lines.put(result.budget(), BudgetMessages.unmatched(unmatched, result));
            }
        }
        return lines;
    }

    /** {@code 45 s}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 days}: how long ago, as a person says it. */
    static String age(Duration age) {
        long seconds = age.getSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        long days = seconds / 86_400;
        return days + (days == 1 ? " day" : " days");
    }

    /** The first {@code count} names, then {@code and 12 more}. */
    private static String listed(List<String> names, int count) {
        return String.join(", ", names.subList(0, Math.min(count, names.size())))
                + (names.size() > count ? " and " + (names.size() - count) + " more" : "");
    }

    /** The JUnit report and the job summary, written after the report, whatever the verdict: CI needs them most then. */
    private void writeCiOutputs(CheckReport report, List<SnapshotReport> snapshotReports,
                                Map<Budget, List<String>> unmatchedLines, long start) throws IOException {
        CiOutputs outputs = settings.ciOutputs();
        if (outputs.junitReport() != null) {
            JunitReport.write(outputs.junitReport(), report, since(start),
                    result -> result.status() == BudgetStatus.UNMATCHED ? unmatchedLines.get(result.budget())
                            : describe(result, snapshotReports));
            listener.info("Memory test report (JUnit XML): " + outputs.junitReport());
        }
        if (outputs.stepSummary() != null) {
            appendToStepSummary(outputs.stepSummary(), file -> MarkdownSummary.appendTo(file, report));
        }
    }

    private interface StepSummaryText {
        void appendTo(Path file) throws IOException;
    }

    /**
     * Appends to GitHub's job summary; a file that cannot be written is a warning, not a failed check: the summary
     * only repeats what the log, the report and the JUnit file say.
     */
    private void appendToStepSummary(Path file, StepSummaryText text) {
        try {
            text.appendTo(file);
        } catch (IOException e) {
            listener.warning("memflame could not append its summary to the GitHub job summary (GITHUB_STEP_SUMMARY): "
                    + "cannot write " + FileErrors.describe(e) + "; the check's result stands, and the report has "
                    + "the summary as " + ReportFiles.MARKDOWN);
        }
    }

    /** The warnings about entries that cannot be dumps, and the one line that names what is not read. */
    private void tellListing(SnapshotFiles.Listing listing) {
        List<String> warnings = listing.warnings();
        for (int i = 0; i < Math.min(MAX_LISTING_WARNINGS, warnings.size()); i++) {
            listener.warning(warnings.get(i));
        }
        if (warnings.size() > MAX_LISTING_WARNINGS) {
            listener.warning("... and " + (warnings.size() - MAX_LISTING_WARNINGS) + " more entries of "
                    + settings.snapshotDirectory() + " that cannot be dumps");
        }
        String notRead = listing.notReadLine();
        if (notRead != null) {
            listener.info(notRead);
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The configured baseline, read; {@code null} when none is configured, or when it is not there and
     * {@code failIfNoBaseline} is false (a warning says where it was looked for).
     *
     * @throws CheckFailure when it is not there and {@code failIfNoBaseline} is true, or when it is there but cannot
     *                      be used (another format version, broken, inconsistent): a baseline that silently
     *                      checked nothing would be a hole in the gate
     */
    private Baseline readBaseline() throws CheckFailure {
        Path configured = settings.baseline();
        if (configured == null) {
            return null;
        }
        Path summary;
        try {
            summary = BaselineReader.summaryFile(configured);
        } catch (BaselineException e) {
            throw new CheckFailure(e.getMessage());
        }
        if (summary == null) {
            String message = "No baseline at " + configured + (Files.isDirectory(configured)
                    ? " (the directory holds no " + ReportFiles.SUMMARY + ")" : " (not found)") + ": growth not checked";
            if (settings.failIfNoBaseline()) {
                throw new CheckFailure(message + ", and failIfNoBaseline is true. Restore the last green build's "
                        + "report there, or set baseline to where it is.");
            }
            listener.warning(message + ". Set failIfNoBaseline=true to make this an error.");
            return null;
        }
        try {
            return new BaselineReader(settings.maxDecompressedBytes()).read(configured.toString(), summary);
        } catch (BaselineException e) {
            throw new CheckFailure(e.getMessage());
        }
    }

    private static BaselineUsed baselineUsed(Baseline baseline, List<FoldedSnapshot> snapshots) {
        if (baseline == null) {
            return null;
        }
        Map<String, Long> totals = new HashMap<>();
        baseline.snapshots().forEach(snapshot -> totals.put(snapshot.name(), snapshot.totalBytes()));
        return new BaselineUsed(baseline.source(), totals, baseline.missingFrom(snapshots));
    }

    /** Which snapshots were compared with the baseline, which are new, and which the baseline has and this run not. */
    private void tellBaseline(Baseline baseline, List<FoldedSnapshot> snapshots) {
        Map<String, FoldedSnapshot> before = baseline.byName();
        long compared = snapshots.stream().filter(snapshot -> before.containsKey(snapshot.name())).count();
        listener.info("Baseline: " + baseline.summaryFile() + ", " + compared + " of " + snapshots.size()
                + (snapshots.size() == 1 ? " snapshot" : " snapshots") + " compared");
        if (settings.sourceRoots().isEmpty()) {
            listener.info("Frames are matched with the baseline by path:line (no sourceRoots are set), so edits that "
                    + "move lines show as changes; with sourceRoots, frames are matched by function and line text.");
        } else if (compared > 0 && baseline.snapshots().stream().allMatch(s -> s.frameIdentities().isEmpty())) {
            listener.info("Frames are matched with the baseline by path:line: it records no frame identities (it was "
                    + "written without sourceRoots, or by an older memflame), so edits that move lines show as "
                    + "changes until the next baseline.");
        }
        for (FoldedSnapshot snapshot : snapshots) {
            FoldedSnapshot was = before.get(snapshot.name());
            if (was == null) {
                listener.info("Snapshot " + snapshot.name() + " is new since the baseline: its growth is not checked");
            } else {
                listener.info(BudgetMessages.snapshotSinceBaseline(snapshot.name(), was.totalBytes(),
                        snapshot.totalBytes()));
            }
        }
        for (String missing : baseline.missingFrom(snapshots)) {
            listener.warning("Snapshot " + missing + " is in the baseline but not in this run (renamed, or no longer "
                    + "written?): it is not compared");
        }
    }

    /**
     * Names the functions of every snapshot's sites from the sources, one snapshot after the other in report order
     * (the reads run in parallel; the counts and the unresolved files listed must not depend on that). A source
     * modified after a dump is not trusted for that dump.
     */
    private List<FoldedSnapshot> nameFunctions(List<FoldedSnapshot> snapshots, List<SnapshotFiles.Dump> dumps,
                                               FunctionNameResolver resolver) throws IOException {
        Map<String, Path> files = new HashMap<>();
        dumps.forEach(dump -> files.put(dump.name(), dump.file()));
        List<FoldedSnapshot> named = new ArrayList<>(snapshots.size());
        for (FoldedSnapshot snapshot : snapshots) {
            FileTime dumpModified = Files.getLastModifiedTime(files.get(snapshot.name()));
            named.add(snapshot.withFunctionNames((path, line) -> resolver.resolve(path, line, dumpModified))
                    .withFrameIdentities((path, line) -> resolver.identify(path, line, dumpModified)));
        }
        return named;
    }

    /**
     * The baseline's snapshots by name, each aligned with this run's snapshot of the same name by
     * {@link FrameMatcher}, so that a line an edit moved is compared with the line it was.
     */
    private Map<String, FoldedSnapshot> aligned(Baseline baseline, List<FoldedSnapshot> snapshots,
                                                List<SnapshotFiles.Dump> dumps) throws IOException {
        Map<String, FoldedSnapshot> byName = baseline.byName();
        FunctionNameResolver resolver = new FunctionNameResolver(settings.sourceRoots());
        Map<String, Path> files = new HashMap<>();
        dumps.forEach(dump -> files.put(dump.name(), dump.file()));
        for (FoldedSnapshot snapshot : snapshots) {
            FoldedSnapshot before = byName.get(snapshot.name());
            if (before != null) {
                FileTime dumpModified = Files.getLastModifiedTime(files.get(snapshot.name()));
                byName.put(snapshot.name(), FrameMatcher.align(snapshot, before,
                        (path, identity, byText) -> resolver.lineNow(path, identity, byText, dumpModified)));
            }
        }
        return byName;
    }

    /**
     * The baseline with its sites named, so that a line this run no longer allocates in (it shrank to nothing)
     * keeps its function in the report: by the functions its run recorded, else from the same sources. A source
     * modified after the baseline's summary was written is not trusted for it, as for a dump. A resolver of its
     * own: the counts logged are this run's.
     */
    private Baseline nameFunctions(Baseline baseline) throws IOException {
        FunctionNameResolver resolver = new FunctionNameResolver(settings.sourceRoots());
        FileTime written = Files.getLastModifiedTime(baseline.summaryFile());
        List<FoldedSnapshot> named = new ArrayList<>(baseline.snapshots().size());
        for (FoldedSnapshot snapshot : baseline.snapshots()) {
            named.add(snapshot.withFunctionNames((path, line) -> {
                FrameIdentity recorded = snapshot.frameIdentities().get(new Site(path, line));
                return recorded != null ? recorded.function() : resolver.resolve(path, line, written);
            }));
        }
        return new Baseline(baseline.source(), baseline.summaryFile(), named, baseline.files());
    }

    private List<FoldedSnapshot> read(List<SnapshotFiles.Dump> dumps, PathNormalizer normalizer,
                                      List<UnreadableSnapshot> unreadable, Map<String, Long> readNanos)
            throws CheckFailure, IOException {
        List<SnapshotRead> reads = readAll(dumps, normalizer);
        List<FoldedSnapshot> snapshots = new ArrayList<>(dumps.size());
        for (SnapshotRead read : reads) {
            if (read instanceof SnapshotRead.OutOfMemory outOfMemory) {
                throw new CheckFailure(outOfMemory.message());
            }
            if (read instanceof SnapshotRead.Unreadable failed) {
                unreadable(failed.name(), failed.error(), unreadable);
                continue;
            }
            SnapshotRead.Folded folded = (SnapshotRead.Folded) read;
            FoldedSnapshot snapshot = folded.snapshot();
            readNanos.put(snapshot.name(), folded.readNanos());
            snapshots.add(snapshot);
        }
        return snapshots;
    }

    /**
     * Reads and folds every dump, up to {@code threads} at a time; the results come back in the order of
     * {@code dumps} whatever order the reads finish in, so the report does not depend on the thread count.
     */
    private List<SnapshotRead> readAll(List<SnapshotFiles.Dump> dumps, PathNormalizer normalizer) throws IOException {
        int threads = Math.min(settings.threads(), dumps.size());
        // Fewer dumps than threads: a thread to spare parses each dump while its reader numbers its frames.
        DumpLoader loader = new DumpLoader(settings.fileNameEncoding(), settings.maxDecompressedBytes(),
                settings.threads() > threads);
        // Globs over normalized paths, so normalized the same way: ./lib//x.py is lib/x.py.
        List<PathGlob> excludeFrames = settings.excludeFrames().stream()
                .map(glob -> new PathGlob(PathNormalizer.lexical(glob))).toList();
        if (threads <= 1) {
            List<SnapshotRead> reads = new ArrayList<>(dumps.size());
            for (SnapshotFiles.Dump dump : dumps) {
                reads.add(readOne(dump, loader, normalizer, excludeFrames, 1));
            }
            return reads;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "memflame-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<SnapshotRead>> pending = new ArrayList<>(dumps.size());
            for (SnapshotFiles.Dump dump : dumps) {
                pending.add(pool.submit(() -> readOne(dump, loader, normalizer, excludeFrames, threads)));
            }
            List<SnapshotRead> reads = new ArrayList<>(dumps.size());
            for (Future<SnapshotRead> read : pending) {
                reads.add(await(read));
            }
            return reads;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Reads one dump from the file it was found at. A dump that cannot be read, for its content or because the file
     * cannot be (permissions, gone), is a value, as {@code failOnUnreadable} decides what it means.
     */
    private SnapshotRead readOne(SnapshotFiles.Dump dump, DumpLoader loader, PathNormalizer normalizer,
                                 List<PathGlob> excludeFrames, int readingAtOnce) {
        String name = dump.name();
        Path file = dump.file();
        DumpProgress progress = null;
        long fileBytes = 0;
        try {
            fileBytes = Files.size(file);
            progress = new DumpProgress(name, fileBytes, System::nanoTime, listener);
            SnapshotFolder folder = new SnapshotFolder(progress::trace);
            DumpFormat format;
            try (InputStream in = progress.count(Files.newInputStream(file))) {
                format = loader.load(in, file.toString(), folder);
            }
            FoldedSnapshot snapshot = folder.fold(name, format, normalizer, excludeFrames);
            return new SnapshotRead.Folded(snapshot, progress.elapsedNanos());
        } catch (DumpFormatException e) {
            return new SnapshotRead.Unreadable(name, e.getMessage()
                    + (ofNoDumpFormat(e, progress.traces()) ? excludeHint(dump) : ""));
        } catch (ArithmeticException overflow) {
            return new SnapshotRead.Unreadable(name, file + ": its byte total exceeds " + Long.MAX_VALUE + " bytes");
        } catch (IOException e) {
            return new SnapshotRead.Unreadable(name, file + ": cannot read the file: " + FileErrors.describe(e));
        } catch (OutOfMemoryError e) {
            // What the failed read held is garbage once this frame is left, so the message can still be built.
            return new SnapshotRead.OutOfMemory(OutOfMemoryAdvice.whileReading(name, fileBytes,
                    progress == null ? 0 : progress.traces(), Runtime.getRuntime().maxMemory(), readingAtOnce));
        }
    }

    /**
     * Whether a file refused is no dump at all rather than a broken one: no format reads its start, or its format's
     * reader refused it before a single trace, and not because it ends early (another tool's {@code report.json} is
     * a JSON object without traces; a truncated dump is a dump).
     */
    private static boolean ofNoDumpFormat(DumpFormatException e, long tracesRead) {
        return DumpLoader.ANY_FORMAT.equals(e.expected())
                || (tracesRead == 0 && !TRUNCATED.matcher(e.found()).find());
    }

    /** For a file of no dump format: which include picked it, and how to leave it out. */
    private static String excludeHint(SnapshotFiles.Dump dump) {
        return ". It was read because the include " + dump.includedBy() + " picks it; if it is not a memory "
                + "snapshot, leave it out with <excludes><exclude>" + dump.name() + "</exclude></excludes> (or "
                + "-Dmemflame.excludes=" + dump.name() + ")";
    }

    private static SnapshotRead await(Future<SnapshotRead> read) throws IOException {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading memory snapshots");
        } catch (ExecutionException e) {
            throw Beside.thrown(e);
        }
    }

    private static String duration(long nanos) {
        return nanos < 1_000_000_000L
                ? String.format(Locale.ROOT, "%d ms", nanos / 1_000_000)
                : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private void unreadable(String name, String error, List<UnreadableSnapshot> unreadable) throws CheckFailure {
        if (settings.failOnUnreadable()) {
            throw new CheckFailure("Cannot read memory snapshot " + error);
        }
        UnreadableSnapshot leftOut = new UnreadableSnapshot(name, error);
        listener.warning(leftOut.warning());
        unreadable.add(leftOut);
    }

    private void tell(List<BudgetResult> results, List<SnapshotReport> reports,
                      Map<Budget, List<String>> unmatchedLines) {
        Set<Budget> unmatchedTold = Collections.newSetFromMap(new IdentityHashMap<>());
        for (BudgetResult result : results) {
            switch (result.status()) {
                case EXCEEDED -> describe(result, reports)
                        .forEach(result.onlyWarned() ? listener::warning : listener::error);
                case WARNING -> describe(result, reports).forEach(listener::warning);
                case UNMATCHED -> {
                    if (unmatchedTold.add(result.budget())) {
                        unmatchedLines.get(result.budget())
                                .forEach(result.failsBuild() ? listener::error : listener::warning);
                    }
                }
                case OK, NOT_CHECKED -> listener.info(BudgetMessages.within(result));
            }
        }
        if (!results.isEmpty()) {
            listener.info(BudgetMessages.summary(results));
        }
    }

    private List<String> describe(BudgetResult result, List<SnapshotReport> reports) {
        FlameTree.View view = result.budget().scope() == Scope.SELF ? FlameTree.View.PATH : FlameTree.View.STACK;
        for (SnapshotReport report : reports) {
            if (report.snapshot().name().equals(result.snapshot())) {
                Path output = settings.outputDirectory();
                return withHowToAccept(result, BudgetMessages.describe(result,
                        output.resolve(report.svgFile(view)).toString(),
                        report.baseline() == null ? null : output.resolve(report.diffSvgFile(view)).toString()));
            }
        }
        return withHowToAccept(result, BudgetMessages.describe(result, null, null));
    }

    /** A growth failure's lines, ending with how to accept the growth when the baseline's directory is known. */
    private List<String> withHowToAccept(BudgetResult result, List<String> lines) {
        if (baselineUpdate == null || !result.growthExceeded() || !result.failsBuild()) {
            return lines;
        }
        List<String> withAccept = new ArrayList<>(lines);
        withAccept.add("  " + baselineUpdate.howToAccept());
        return withAccept;
    }

    private static String patterns(List<String> globs) {
        return "[" + String.join(", ", globs) + "]";
    }
}
