package io.github.memflame.bench;

import io.github.memflame.check.CheckFailure;
import io.github.memflame.check.CheckListener;
import io.github.memflame.check.CheckSettings;
import io.github.memflame.check.CheckSettingsBuilder;
import io.github.memflame.check.MemflameCheck;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The whole {@code check} of one snapshot directory in a plain JVM, without Maven's start-up: read, fold, both
 * flame graphs, the folded exports and the index, as {@code mvn verify} does. Prints the wall time and the peak
 * heap in use, for {@code src/test/python/run_benchmark.py}.
 *
 * <p>Usage: {@code java -Xmx1g -cp CLASSPATH io.github.memflame.bench.CheckProcess SNAPSHOT_DIR OUTPUT_DIR [THREADS]}
 */
public final class CheckProcess {
    private CheckProcess() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        CheckSettings settings = CheckSettingsBuilder.snapshots(Path.of(args[0])).output(Path.of(args[1]))
                .maxDecompressedBytes(Long.MAX_VALUE).stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/"))
                .threads(threads).build();
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
        System.out.printf(Locale.ROOT, "memflame-check seconds=%.2f peak-heap-mib=%d max-heap-mib=%d%n",
                (System.nanoTime() - start) / 1e9, peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
