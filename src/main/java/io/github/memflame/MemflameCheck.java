package io.github.memflame;

import io.github.memflame.budget.BudgetChecker;
import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.format.Numbers;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FunctionNamer;
import io.github.memflame.fold.PathGlob;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.DumpLoader;
import io.github.memflame.render.CheckReport;
import io.github.memflame.render.ReportWriter;
import io.github.memflame.render.SnapshotReport;
import io.github.memflame.render.UnreadableSnapshot;
import io.github.memflame.source.FunctionNameResolver;
import io.github.memflame.source.ResolutionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code check} run without Maven: find the dumps, read and fold each, check the budgets, write the report.
 * Every dump is read before anything is written, so a bad dump leaves the previous report as it was.
 */
public final class MemflameCheck {
    private final CheckSettings settings;
    private final CheckListener listener;

    public MemflameCheck(CheckSettings settings, CheckListener listener) {
        this.settings = settings;
        this.listener = LogText.printable(listener);
    }

    public CheckOutcome run() throws CheckFailure, IOException {
        List<String> names = SnapshotFiles.find(settings.snapshotDirectory(), settings.includes(), settings.excludes());
        if (names.isEmpty()) {
            String message = "No memory snapshot found in " + settings.snapshotDirectory() + " matching "
                    + patterns(settings.includes().isEmpty() ? SnapshotFiles.DEFAULT_INCLUDES : settings.includes())
                    + (settings.excludes().isEmpty() ? "" : " but not " + patterns(settings.excludes()))
                    + ". Did the test run write its tracemalloc dumps there? Set snapshotDirectory or includes to "
                    + "where they are, or failIfNoSnapshots=false to allow a run without snapshots.";
            if (settings.failIfNoSnapshots()) {
                throw new CheckFailure(message);
            }
            listener.warning(message);
        }
        List<UnreadableSnapshot> unreadable = new ArrayList<>();
        FunctionNameResolver functionNames = new FunctionNameResolver(settings.sourceRoots());
        List<FoldedSnapshot> snapshots = read(names, unreadable, functionNames);
        ResolutionSummary resolution = functionNames.isEnabled() ? functionNames.summary() : null;
        if (resolution != null) {
            listener.info(resolution.describe());
        }

        List<BudgetResult> results = new BudgetChecker(settings.budgets(), settings.warnAtPercent()).check(snapshots);
        List<SnapshotReport> snapshotReports = new ArrayList<>(snapshots.size());
        for (FoldedSnapshot snapshot : snapshots) {
            snapshotReports.add(new SnapshotReport(snapshot, FlameTree.of(snapshot, FlameTree.View.PATH),
                    FlameTree.of(snapshot, FlameTree.View.STACK)));
        }
        List<BudgetResult> exceeded = results.stream()
                .filter(result -> result.status() == BudgetStatus.EXCEEDED).toList();
        CheckReport report = new CheckReport(exceeded.isEmpty(), snapshotReports, results, unreadable, resolution,
                settings.foldedFunctionNames());
        ReportWriter.write(settings.outputDirectory(), report, settings.svgOptions());

        tell(results, snapshots, snapshotReports);
        listener.info("Memory report: " + settings.outputDirectory().resolve("index.html"));
        return new CheckOutcome(report, exceeded);
    }

    private List<FoldedSnapshot> read(List<String> names, List<UnreadableSnapshot> unreadable,
                                      FunctionNameResolver functionNames) throws CheckFailure, IOException {
        DumpLoader loader = new DumpLoader(settings.fileNameEncoding(), settings.maxDecompressedBytes());
        PathNormalizer normalizer = new PathNormalizer(settings.stripPrefixes());
        List<PathGlob> excludeFrames = settings.excludeFrames().stream().map(PathGlob::new).toList();
        List<FoldedSnapshot> snapshots = new ArrayList<>(names.size());
        for (String name : names) {
            Path file = settings.snapshotDirectory().resolve(name);
            SnapshotFolder folder = new SnapshotFolder();
            FoldedSnapshot snapshot;
            try {
                DumpFormat format = loader.load(file, file.toString(), folder);
                snapshot = folder.fold(name, format, normalizer, excludeFrames, namer(functionNames, file));
            } catch (DumpFormatException e) {
                unreadable(name, e.getMessage(), unreadable);
                continue;
            } catch (ArithmeticException overflow) {
                unreadable(name, file + ": its byte total exceeds " + Long.MAX_VALUE + " bytes", unreadable);
                continue;
            }
            listener.info(name + ": " + snapshot.format().summaryName() + ", " + Numbers.grouped(snapshot.traces())
                    + " traces, " + Numbers.bytes(snapshot.totalBytes()) + (snapshot.excludedTraces() == 0 ? ""
                    : " (" + Numbers.grouped(snapshot.excludedTraces()) + " traces of "
                    + Numbers.bytes(snapshot.excludedBytes()) + " left out by excludeFrames)"));
            snapshots.add(snapshot);
        }
        return snapshots;
    }

    /** Names functions from the sources, trusting only files not modified after the dump was written. */
    private static FunctionNamer namer(FunctionNameResolver functionNames, Path dump) throws IOException {
        if (!functionNames.isEnabled()) {
            return FunctionNamer.NONE;
        }
        FileTime dumpModified = Files.getLastModifiedTime(dump);
        return (path, line) -> functionNames.resolve(path, line, dumpModified);
    }

    private void unreadable(String name, String error, List<UnreadableSnapshot> unreadable) throws CheckFailure {
        if (settings.failOnUnreadable()) {
            throw new CheckFailure("Cannot read memory snapshot " + error);
        }
        listener.warning("Memory snapshot " + name + " is unreadable and left out of every total and budget "
                + "(failOnUnreadable is false): " + error);
        unreadable.add(new UnreadableSnapshot(name, error));
    }

    private void tell(List<BudgetResult> results, List<FoldedSnapshot> snapshots, List<SnapshotReport> reports) {
        Set<Object> unmatchedTold = new HashSet<>();
        for (BudgetResult result : results) {
            switch (result.status()) {
                case EXCEEDED -> BudgetMessages.describe(result, reportToOpen(result, reports))
                        .forEach(listener::error);
                case WARNING -> BudgetMessages.describe(result, reportToOpen(result, reports))
                        .forEach(listener::warning);
                case UNMATCHED -> {
                    if (unmatchedTold.add(result.budget())) {
                        listener.warning(BudgetMessages.unmatched(result.budget(),
                                BudgetChecker.topLevelPaths(snapshots)));
                    }
                }
                case OK -> listener.info(BudgetMessages.within(result));
            }
        }
        if (!results.isEmpty()) {
            listener.info(BudgetMessages.summary(results));
        }
    }

    private String reportToOpen(BudgetResult result, List<SnapshotReport> reports) {
        FlameTree.View view = result.budget().scope() == Scope.SELF ? FlameTree.View.PATH : FlameTree.View.STACK;
        for (SnapshotReport report : reports) {
            if (report.snapshot().name().equals(result.snapshot())) {
                return settings.outputDirectory().resolve(report.svgFile(view)).toString();
            }
        }
        return null;
    }

    private static String patterns(List<String> globs) {
        return "[" + String.join(", ", globs) + "]";
    }
}
