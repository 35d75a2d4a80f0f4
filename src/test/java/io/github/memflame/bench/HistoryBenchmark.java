package io.github.memflame.bench;

import io.github.memflame.run.RunResults;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.history.DriftCheck;
import io.github.memflame.history.HistoryEntry;
import io.github.memflame.history.HistoryJson;
import io.github.memflame.history.HistoryFormat;
import io.github.memflame.history.HistoryReader;
import io.github.memflame.history.HistoryWindow;
import io.github.memflame.render.CheckReport;
import io.github.memflame.render.IndexPage;
import io.github.memflame.render.MarkdownSummary;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what a full history window adds to a check: 100 builds of 30 snapshots and 50 budgets (1,500 budget
 * figures per build): writing the entries, reading them back, measuring drift, and drawing the trend charts of
 * the index page and the sparklines of {@code memflame.md} (each page drawn with and without the history, the
 * difference printed). Not a test: figures are printed, never asserted. Run with {@code mvn -Pbenchmark verify}.
 *
 * <p>A check uses the history once, in a fresh JVM (Maven forks none, but a build's first check loads and
 * interprets the classes): the first round is printed apart as cold, the rounds after the warm-up as medians.
 */
public final class HistoryBenchmark {
    private static final int BUILDS = 100;
    private static final int SNAPSHOTS = 30;
    private static final int BUDGETS = 50;
    private static final int WARMUP = 3;
    private static final int MEASURED = 7;

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("memflame-history-bench");
        List<Budget> budgets = new ArrayList<>();
        for (int b = 0; b < BUDGETS; b++) {
            budgets.add(Budget.parse("budget " + b, "client/module" + b, "64 MiB", "5%", "20%", null, null, null));
        }
        List<BudgetResult> results = new ArrayList<>();
        for (Budget budget : budgets) {
            for (int s = 0; s < SNAPSHOTS; s++) {
                results.add(new BudgetResult(budget, "scene-" + s + ".pickle", figure(BUILDS - 1, s),
                        BudgetStatus.OK, List.of(), null, BudgetStatus.OK));
            }
        }
        for (int i = 1; i < BUILDS; i++) {
            Files.writeString(directory.resolve(HistoryFormat.fileName(i)), HistoryJson.text(entry(i - 1, budgets)));
        }
        long entryBytes = Files.size(directory.resolve(HistoryFormat.fileName(1)));
        List<Long> write = new ArrayList<>();
        List<Long> read = new ArrayList<>();
        List<Long> drift = new ArrayList<>();
        List<Long> page = new ArrayList<>();
        List<Long> markdown = new ArrayList<>();
        int pageWith = 0;
        int pageWithout = 0;
        long[] cold = null;
        for (int run = 0; run < WARMUP + MEASURED; run++) {
            HistoryEntry current = entry(BUILDS - 1, budgets);
            long start = System.nanoTime();
            HistoryReader.Read earlier = HistoryReader.read(directory, BUILDS - 1);
            long afterRead = System.nanoTime();
            List<BudgetResult> measured = new DriftCheck(earlier.entries().stream()
                    .map(HistoryReader.Recorded::entry).toList(), "b" + BUILDS, null, 0).check(results);
            long afterDrift = System.nanoTime();
            HistoryWindow window = HistoryWindow.of(earlier.entries(), earlier.lastSequence(), current);
            window.files();
            long afterWrite = System.nanoTime();
            CheckReport without = new CheckReport(true, List.of(), measured, List.of(), null, false, null);
            CheckReport with = new CheckReport(true, List.of(), measured, List.of(), null, false, null, RunResults.NONE,
                    window);
            long pageNanos = -nanos(() -> pageOf(without));
            pageNanos += nanos(() -> pageOf(with));
            long markdownNanos = -nanos(() -> MarkdownSummary.text(without));
            markdownNanos += nanos(() -> MarkdownSummary.text(with));
            if (run == 0) {
                cold = new long[] {afterRead - start, afterDrift - afterRead, afterWrite - afterDrift, pageNanos,
                    markdownNanos};
            }
            if (run >= WARMUP) {
                read.add(afterRead - start);
                drift.add(afterDrift - afterRead);
                write.add(afterWrite - afterDrift);
                page.add(pageNanos);
                markdown.add(markdownNanos);
            }
            pageWith = pageOf(with).length();
            pageWithout = pageOf(without).length();
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores; %d builds x %d snapshots x %d budgets, %,d bytes per entry%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), BUILDS, SNAPSHOTS,
                BUDGETS, entryBytes);
        System.out.printf(Locale.ROOT, "  read %d entries      %s%n", BUILDS - 1, millis(cold[0], read));
        System.out.printf(Locale.ROOT, "  drift of %,d figures %s%n", results.size(), millis(cold[1], drift));
        System.out.printf(Locale.ROOT, "  entries written out  %s%n", millis(cold[2], write));
        System.out.printf(Locale.ROOT, "  trend charts (index) %s; page %,d -> %,d characters%n", millis(cold[3], page),
                pageWithout, pageWith);
        System.out.printf(Locale.ROOT, "  sparklines (md)      %s%n", millis(cold[4], markdown));
        long total = median(read) + median(drift) + median(write) + median(page) + median(markdown);
        long coldTotal = cold[0] + cold[1] + cold[2] + cold[3] + cold[4];
        System.out.printf(Locale.ROOT, "  added to a check     cold %d ms; warm %d ms (medians summed)%n",
                coldTotal / 1_000_000, total / 1_000_000);
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    /** A figure that creeps 0.5% per build, with a step at build 60. */
    private static long figure(int build, int snapshot) {
        return (long) (1_000_000 * (1 + snapshot * 0.01) * Math.pow(1.005, build)) + (build >= 60 ? 200_000 : 0);
    }

    private static HistoryEntry entry(int build, List<Budget> budgets) {
        List<HistoryEntry.SnapshotFigures> snapshots = new ArrayList<>();
        List<HistoryEntry.BudgetFigure> figures = new ArrayList<>();
        for (int s = 0; s < SNAPSHOTS; s++) {
            Map<String, Long> directories = new LinkedHashMap<>();
            for (int d = 0; d < HistoryFormat.DIRECTORIES; d++) {
                directories.put("dir" + d, figure(build, s) / (d + 1));
            }
            snapshots.add(new HistoryEntry.SnapshotFigures("scene-" + s + ".pickle", figure(build, s) * 4, 10_000,
                    directories));
            for (Budget budget : budgets) {
                figures.add(new HistoryEntry.BudgetFigure(budget.path(), "self", "scene-" + s + ".pickle",
                        figure(build, s), "ok"));
            }
        }
        return new HistoryEntry("b" + (build + 1), Instant.EPOCH.plusSeconds(3600L * build), true, snapshots,
                figures);
    }

    private static String pageOf(CheckReport report) {
        StringWriter out = new StringWriter();
        try {
            IndexPage.write(report, out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static long nanos(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String millis(long coldNanos, List<Long> nanos) {
        return String.format(Locale.ROOT, "cold %4d ms; warm median %d ms (min %d, max %d)", coldNanos / 1_000_000,
                median(nanos) / 1_000_000,
                Collections.min(nanos) / 1_000_000, Collections.max(nanos) / 1_000_000);
    }
}
