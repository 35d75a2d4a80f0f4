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
import io.github.memflame.history.WindowFigures;
import io.github.memflame.render.CheckReport;
import io.github.memflame.render.IndexPage;
import io.github.memflame.render.MarkdownSummary;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * interprets the classes): the first round is printed apart as cold, in wall time and in this thread's CPU time (on
 * a shared machine the wall time includes other processes' turns), and the rounds after the warm-up as medians.
 * The phases leave out what only a whole check shows (the drift column of the budget table, the entries written to
 * disk, reading beside the snapshots); then whole checks in fresh JVMs, without and with the window, say what a
 * build sees.
 */
public final class HistoryBenchmark {
    private static final int BUILDS = 100;
    private static final int SNAPSHOTS = 30;
    private static final int BUDGETS = 50;
    private static final int WARMUP = 3;
    private static final int MEASURED = 7;
    private static final int CHECK_PAIRS = 7;
    /** On a shared machine the wall time of the cold round includes other processes' turns; its CPU time does not. */
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

    private HistoryBenchmark() {
    }

    /**
     * Runs the benchmark; with {@code inputs DIR}, only writes the whole checks' inputs under {@code DIR}
     * ({@code snapshots/} and {@code history/}), to profile one check by hand with {@link CheckProcess}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("inputs")) {
            Path work = Files.createDirectories(Path.of(args[1]));
            wholeCheckInputs(work);
            System.out.printf(Locale.ROOT, "java -cp ... %s %s OUT %d budgets=%d history=%s%n",
                    CheckProcess.class.getName(), work.resolve("snapshots"), Runtime.getRuntime()
                    .availableProcessors(), BUDGETS, work.resolve("history"));
            return;
        }
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
        String[] phases = {"read " + (BUILDS - 1) + " entries", "drift of " + results.size() + " figures",
            "entries written out", "trend charts (index)", "sparklines (md)"};
        List<List<Long>> warm = new ArrayList<>();
        List<List<Long>> warmCpu = new ArrayList<>();
        for (int phase = 0; phase < phases.length; phase++) {
            warm.add(new ArrayList<>());
            warmCpu.add(new ArrayList<>());
        }
        // A check draws its pages with or without a history: the page's own code has run when the history's part
        // is drawn, so the cold round counts only what the history adds.
        CheckReport plain = new CheckReport(true, List.of(), results, List.of(), null, false, null);
        pageOf(plain);
        MarkdownSummary.text(plain);
        Clock cold = null;
        int pageWith = 0;
        int pageWithout = 0;
        for (int run = 0; run < WARMUP + MEASURED; run++) {
            HistoryEntry current = entry(BUILDS - 1, budgets);
            Clock clock = new Clock(phases.length);
            HistoryReader.Read earlier = clock.add(0, () -> HistoryReader.read(directory, BUILDS - 1));
            // The figures are looked up once, in the drift's phase, and the charts use them.
            WindowFigures[] figures = new WindowFigures[1];
            List<BudgetResult> measured = clock.add(1, () -> {
                List<HistoryEntry> entries = earlier.entries().stream().map(HistoryReader.Recorded::entry).toList();
                figures[0] = WindowFigures.of(entries, WindowFigures.keys(budgets));
                return new DriftCheck(entries, figures[0], "b" + BUILDS, null, 0).check(results);
            });
            HistoryWindow window = clock.add(2, () -> {
                HistoryWindow made = HistoryWindow.of(earlier.entries(), earlier.lastSequence(), current, figures[0]);
                made.files();
                return made;
            });
            CheckReport without = new CheckReport(true, List.of(), measured, List.of(), null, false, null);
            CheckReport with = new CheckReport(true, List.of(), measured, List.of(), null, false, null, RunResults.NONE,
                    window);
            clock.subtract(3, () -> pageOf(without));
            clock.add(3, () -> pageOf(with));
            clock.subtract(4, () -> MarkdownSummary.text(without));
            clock.add(4, () -> MarkdownSummary.text(with));
            if (run == 0) {
                cold = clock;
            }
            if (run >= WARMUP) {
                for (int phase = 0; phase < phases.length; phase++) {
                    warm.get(phase).add(clock.wall[phase]);
                    warmCpu.get(phase).add(clock.cpu[phase]);
                }
            }
            pageWith = pageOf(with).length();
            pageWithout = pageOf(without).length();
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores; %d builds x %d snapshots x %d budgets, %,d bytes per entry%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), BUILDS, SNAPSHOTS,
                BUDGETS, entryBytes);
        System.out.printf(Locale.ROOT, "  %-22s %8s %9s %9s %9s%n", "", "cold", "cold CPU", "warm", "warm CPU");
        long coldWall = 0;
        long coldCpu = 0;
        long warmWall = 0;
        long warmCpuTotal = 0;
        for (int phase = 0; phase < phases.length; phase++) {
            System.out.printf(Locale.ROOT, "  %-22s %5d ms %6d ms %6d ms %6d ms (warm: median of %d, min %d, max %d)%n",
                    phases[phase], cold.wall[phase] / 1_000_000, cold.cpu[phase] / 1_000_000,
                    median(warm.get(phase)) / 1_000_000, median(warmCpu.get(phase)) / 1_000_000, MEASURED,
                    Collections.min(warm.get(phase)) / 1_000_000, Collections.max(warm.get(phase)) / 1_000_000);
            coldWall += cold.wall[phase];
            coldCpu += cold.cpu[phase];
            warmWall += median(warm.get(phase));
            warmCpuTotal += median(warmCpu.get(phase));
        }
        System.out.printf(Locale.ROOT, "  %-22s %5d ms %6d ms %6d ms %6d ms (medians summed)%n", "added to a check",
                coldWall / 1_000_000, coldCpu / 1_000_000, warmWall / 1_000_000, warmCpuTotal / 1_000_000);
        System.out.printf(Locale.ROOT, "  index page %,d -> %,d characters with the history%n", pageWithout, pageWith);
        deleteTree(directory);
        wholeChecks();
    }

    /**
     * What a Maven build sees: whole checks of {@value #SNAPSHOTS} small snapshots with {@value #BUDGETS} budgets
     * with a drift limit, each in a fresh JVM (as {@link CheckProcess}), without and with a full window of
     * history, in alternating pairs; the check's own work has by then loaded and compiled what it shares with the
     * history (JSON, the page), as in a real build.
     */
    private static void wholeChecks() throws Exception {
        Path work = Files.createTempDirectory("memflame-history-checks");
        wholeCheckInputs(work);
        Path snapshots = work.resolve("snapshots");
        Path history = work.resolve("history");
        List<List<Double>> wall = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
        for (int pair = 0; pair < CHECK_PAIRS; pair++) {
            for (int turn = 0; turn < 2; turn++) {
                // Alternating which goes first, so that neither always runs on a machine the other warmed.
                boolean withHistory = (pair + turn) % 2 == 1;
                double[] measured = check(work, snapshots, withHistory ? history : null);
                wall.get(withHistory ? 1 : 0).add(measured[0]);
                cpu.get(withHistory ? 1 : 0).add(measured[1]);
            }
        }
        System.out.printf(Locale.ROOT, "whole checks in fresh JVMs (%d snapshots, %d budgets with maxDrift), %d "
                + "alternating pairs, medians:%n", SNAPSHOTS, BUDGETS, CHECK_PAIRS);
        System.out.printf(Locale.ROOT, "  %-22s %8s %9s%n", "", "wall", "CPU");
        System.out.printf(Locale.ROOT, "  %-22s %5.0f ms %6.0f ms%n", "without the history",
                medianOf(wall.get(0)) * 1000, medianOf(cpu.get(0)) * 1000);
        System.out.printf(Locale.ROOT, "  %-22s %5.0f ms %6.0f ms%n", "with " + (BUILDS - 1) + " builds",
                medianOf(wall.get(1)) * 1000, medianOf(cpu.get(1)) * 1000);
        System.out.printf(Locale.ROOT, "  %-22s %5.0f ms %6.0f ms (median of the pairs' differences)%n",
                "added to a check", medianOfDifferences(wall) * 1000, medianOfDifferences(cpu) * 1000);
        deleteTree(work);
    }

    /**
     * The whole checks' inputs under {@code work}: {@value #SNAPSHOTS} small folded snapshots in {@code snapshots/}
     * and {@code BUILDS - 1} entries of their figures in {@code history/}.
     */
    private static void wholeCheckInputs(Path work) throws java.io.IOException {
        Path snapshots = Files.createDirectory(work.resolve("snapshots"));
        Path history = Files.createDirectory(work.resolve("history"));
        List<HistoryEntry.SnapshotFigures> totals = new ArrayList<>();
        // A figure per budget and snapshot, summed over the budget's lines as the check sums them.
        long[][] figures = new long[BUDGETS][SNAPSHOTS];
        for (int s = 0; s < SNAPSHOTS; s++) {
            String name = String.format(Locale.ROOT, "scene-%02d.folded", s);
            StringBuilder folded = new StringBuilder();
            long total = 0;
            for (int file = 0; file < BUDGETS + 10; file++) {
                for (int line = 1; line <= 4; line++) {
                    long bytes = 1000L * (s + 1) + file * 10L + line;
                    folded.append("main.py:1;").append(CheckProcess.budgetPath(file)).append(':').append(line)
                            .append(' ').append(bytes).append('\n');
                    total += bytes;
                    if (file < BUDGETS) {
                        figures[file][s] += bytes;
                    }
                }
            }
            Files.writeString(snapshots.resolve(name), folded);
            totals.add(new HistoryEntry.SnapshotFigures(name, total, 4L * (BUDGETS + 10), Map.of("client", total)));
        }
        List<HistoryEntry.BudgetFigures> budgetFigures = new ArrayList<>();
        for (int file = 0; file < BUDGETS; file++) {
            List<HistoryEntry.Figure> inSnapshots = new ArrayList<>();
            for (int s = 0; s < SNAPSHOTS; s++) {
                inSnapshots.add(new HistoryEntry.Figure(s, figures[file][s], "ok"));
            }
            budgetFigures.add(new HistoryEntry.BudgetFigures(CheckProcess.budgetPath(file), "self", inSnapshots));
        }
        for (int i = 1; i < BUILDS; i++) {
            Files.writeString(history.resolve(HistoryFormat.fileName(i)), HistoryJson.text(new HistoryEntry("b" + i,
                    Instant.EPOCH.plusSeconds(3600L * i), true, totals, budgetFigures)));
        }
    }

    /** One whole check in a fresh JVM: its wall time from start to exit and the CPU time it reports, in seconds. */
    private static double[] check(Path work, Path snapshots, Path history) throws Exception {
        Path output = work.resolve(history == null ? "out-without" : "out-with");
        // As in CI, where target/ starts empty: replacing an earlier report would add deleting it.
        if (Files.exists(output)) {
            deleteTree(output);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"), CheckProcess.class.getName(),
                snapshots.toString(), output.toString(), Integer.toString(Runtime.getRuntime().availableProcessors()),
                "budgets=" + BUDGETS));
        if (history != null) {
            command.add("history=" + history);
        }
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int status = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        java.util.regex.Matcher cpu = java.util.regex.Pattern.compile("cpu-seconds=([0-9.]+)").matcher(log);
        if (status != 0 || !cpu.find() || (history != null && !log.contains("History for the next build: "
                + BUILDS + " builds"))) {
            throw new IllegalStateException("the check did not run as measured (exit " + status + "):\n" + log);
        }
        return new double[] {wall, Double.parseDouble(cpu.group(1))};
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double medianOfDifferences(List<List<Double>> withoutAndWith) {
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < withoutAndWith.get(0).size(); i++) {
            differences.add(withoutAndWith.get(1).get(i) - withoutAndWith.get(0).get(i));
        }
        return medianOf(differences);
    }

    private static void deleteTree(Path directory) throws java.io.IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A figure that creeps 0.5% per build, with a step at build 60. */
    private static long figure(int build, int snapshot) {
        return (long) (1_000_000 * (1 + snapshot * 0.01) * Math.pow(1.005, build)) + (build >= 60 ? 200_000 : 0);
    }

    private static HistoryEntry entry(int build, List<Budget> budgets) {
        List<HistoryEntry.SnapshotFigures> snapshots = new ArrayList<>();
        for (int s = 0; s < SNAPSHOTS; s++) {
            Map<String, Long> directories = new LinkedHashMap<>();
            for (int d = 0; d < HistoryFormat.DIRECTORIES; d++) {
                directories.put("dir" + d, figure(build, s) / (d + 1));
            }
            snapshots.add(new HistoryEntry.SnapshotFigures("scene-" + s + ".pickle", figure(build, s) * 4, 10_000,
                    directories));
        }
        List<HistoryEntry.BudgetFigures> figures = new ArrayList<>();
        for (Budget budget : budgets) {
            List<HistoryEntry.Figure> inSnapshots = new ArrayList<>();
            for (int s = 0; s < SNAPSHOTS; s++) {
                inSnapshots.add(new HistoryEntry.Figure(s, figure(build, s), "ok"));
            }
            figures.add(new HistoryEntry.BudgetFigures(budget.path(), "self", inSnapshots));
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

    /** A phase's work. */
    private interface Work<T> {
        T run() throws Exception;
    }

    /**
     * The wall time and this thread's CPU time of each phase of a round; a page's phase is the page drawn with the
     * history less the page drawn without.
     */
    private static final class Clock {
        final long[] wall;
        final long[] cpu;

        Clock(int phases) {
            wall = new long[phases];
            cpu = new long[phases];
        }

        <T> T add(int phase, Work<T> work) throws Exception {
            long startCpu = THREAD.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            T result = work.run();
            wall[phase] += System.nanoTime() - start;
            cpu[phase] += THREAD.getCurrentThreadCpuTime() - startCpu;
            return result;
        }

        void subtract(int phase, Work<?> work) throws Exception {
            long wallBefore = wall[phase];
            long cpuBefore = cpu[phase];
            add(phase, work);
            wall[phase] = 2 * wallBefore - wall[phase];
            cpu[phase] = 2 * cpuBefore - cpu[phase];
        }
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
