package io.github.memflame.bench;

import io.github.memflame.budget.Budget;
import io.github.memflame.check.CheckFailure;
import io.github.memflame.check.CheckListener;
import io.github.memflame.check.CheckSettings;
import io.github.memflame.check.CheckSettingsBuilder;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.history.HistorySettings;
import io.github.memflame.run.Comparison;
import io.github.memflame.run.LeakCheck;
import io.github.memflame.run.RunChecks;
import io.github.memflame.run.RunOrder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole {@code check} of one snapshot directory in a plain JVM, without Maven's start-up: read, fold, both
 * flame graphs, the folded exports and the index, as {@code mvn verify} does. Prints the wall time and the peak
 * heap in use, for {@code src/test/python/run_benchmark.py}.
 *
 * <p>Usage: {@code java -Xmx1g -cp CLASSPATH io.github.memflame.bench.CheckProcess SNAPSHOT_DIR OUTPUT_DIR [THREADS
 * [OPTION...]]}. Options:
 * <ul>
 * <li>{@code run-checks}: the check also compares the second snapshot of the run with the second to last and runs
 * a leak check over the rounds {@code scene-1*} (under {@code client}, both at level {@code warn}), as a team
 * checking a whole run would;</li>
 * <li>{@code budgets=N}: N budgets, on the files {@code client/module_00.py}, {@code client/module_01.py}, ...,
 * each with a {@code max} and a {@code maxDrift};</li>
 * <li>{@code history=DIR}: the history of earlier builds, as {@code -Dmemflame.history=DIR}.</li>
 * </ul>
 * The line printed last also gives the process's CPU time.
 */
public final class CheckProcess {
    private CheckProcess() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        CheckSettingsBuilder builder = CheckSettingsBuilder.snapshots(Path.of(args[0])).output(Path.of(args[1]))
                .maxDecompressedBytes(Long.MAX_VALUE).stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/"))
                .threads(threads);
        for (String option : List.of(args).subList(Math.min(3, args.length), args.length)) {
            if (option.equals("run-checks")) {
                builder.run(new RunChecks(RunOrder.NAME,
                        List.of(Comparison.parse(1, null, "scene-02*", "scene-29*", "client", "inclusive", "100%",
                                "warn")),
                        List.of(LeakCheck.parse(1, null, "scene-1*", 1, "client", "inclusive", "1 MiB", "warn"))));
            } else if (option.startsWith("budgets=")) {
                builder.budgets(budgets(Integer.parseInt(option.substring("budgets=".length()))));
            } else if (option.startsWith("history=")) {
                builder.history(new HistorySettings(Path.of(option.substring("history=".length())),
                        HistorySettings.DEFAULT_SIZE, "benchmark", null));
            } else {
                throw new IllegalArgumentException("unknown option " + option);
            }
        }
        CheckSettings settings = builder.build();
        CheckListener console = new CheckListener() {
            @Override
            public void info(String line) {
                System.out.println("[INFO] " + line);
            }

            @Override
            public void warning(String line) {
                System.out.println("[WARNING] " + line);
            }

            @Override
            public void error(String line) {
                System.out.println("[ERROR] " + line);
            }
        };
        try {
            new MemflameCheck(settings, console).run();
        } catch (CheckFailure e) {
            System.out.println("[ERROR] " + e.getMessage());
            System.exit(1);
        }
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.printf(Locale.ROOT, "memflame-check seconds=%.2f cpu-seconds=%.2f peak-heap-mib=%d "
                + "max-heap-mib=%d%n", (System.nanoTime() - start) / 1e9, cpuNanos / 1e9, peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** {@code count} budgets on the files {@code client/module_00.py} and on. */
    static List<Budget> budgets(int count) {
        List<Budget> budgets = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            budgets.add(Budget.parse("budget " + b, budgetPath(b), "64 MiB", null, "20%", null, null, null));
        }
        return budgets;
    }

    /** The file budget {@code b} is on. */
    static String budgetPath(int b) {
        return String.format(Locale.ROOT, "client/module_%02d.py", b);
    }
}
