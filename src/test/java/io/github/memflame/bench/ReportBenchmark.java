package io.github.memflame.bench;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpLoader;
import io.github.memflame.render.SvgFlameGraph;
import io.github.memflame.render.SvgOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Prints how long each step of a report takes for the dumps given on the command line, and how big the flame
 * graphs are: read and fold, build both trees, render both SVGs. Not a test: figures are printed, never
 * asserted. Run with {@code mvn -Pbenchmark verify} (see src/site/markdown/performance.md).
 */
public final class ReportBenchmark {
    private static final int WARMUP = 2;
    private static final int MEASURED = 5;

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (String arg : args) {
            benchmark(Path.of(arg));
        }
    }

    private static void benchmark(Path dump) throws Exception {
        List<Long> readNanos = new ArrayList<>();
        List<Long> treeNanos = new ArrayList<>();
        List<Long> renderNanos = new ArrayList<>();
        long pathSvgBytes = 0;
        long stackSvgBytes = 0;
        int pathFrames = 0;
        int stackFrames = 0;
        FoldedSnapshot snapshot = null;
        for (int run = 0; run < WARMUP + MEASURED; run++) {
            long start = System.nanoTime();
            SnapshotFolder folder = new SnapshotFolder();
            DumpFormat format = new DumpLoader(StandardCharsets.UTF_8, Long.MAX_VALUE)
                    .load(dump, dump.toString(), folder);
            snapshot = folder.fold(dump.getFileName().toString(), format,
                    new PathNormalizer(List.of("I:/G1/trunk/code/Script/Python/")), List.of());
            long read = System.nanoTime();
            FlameTree pathView = FlameTree.of(snapshot, FlameTree.View.PATH);
            FlameTree stackView = FlameTree.of(snapshot, FlameTree.View.STACK);
            long trees = System.nanoTime();
            ByteArrayOutputStream pathSvg = new ByteArrayOutputStream();
            ByteArrayOutputStream stackSvg = new ByteArrayOutputStream();
            SvgFlameGraph.write(pathView, snapshot.totalBytes(), SvgOptions.defaults(), pathSvg);
            SvgFlameGraph.write(stackView, snapshot.totalBytes(), SvgOptions.defaults(), stackSvg);
            long rendered = System.nanoTime();
            if (run >= WARMUP) {
                readNanos.add(read - start);
                treeNanos.add(trees - read);
                renderNanos.add(rendered - trees);
            }
            pathSvgBytes = pathSvg.size();
            stackSvgBytes = stackSvg.size();
            pathFrames = frames(pathSvg.toString(StandardCharsets.UTF_8));
            stackFrames = frames(stackSvg.toString(StandardCharsets.UTF_8));
        }
        System.out.printf(Locale.ROOT, "%s: %,d bytes on disk, %,d traces, %,d distinct stacks%n", dump,
                Files.size(dump), snapshot.traces(), snapshot.stacks().size());
        System.out.printf(Locale.ROOT, "  read+fold   %s%n", millis(readNanos));
        System.out.printf(Locale.ROOT, "  both trees  %s%n", millis(treeNanos));
        System.out.printf(Locale.ROOT, "  both SVGs   %s; path view %,d bytes, %,d frames; stack view %,d bytes, "
                + "%,d frames%n", millis(renderNanos), pathSvgBytes, pathFrames, stackSvgBytes, stackFrames);
    }

    /** The frames a graph draws: each is one {@code <title>} followed by its {@code <rect>}. */
    private static int frames(String svg) {
        int count = 0;
        for (int i = svg.indexOf("</title><rect"); i >= 0; i = svg.indexOf("</title><rect", i + 1)) {
            count++;
        }
        return count;
    }

    private static String millis(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "median %7.1f ms (min %.1f, max %.1f, %d runs)",
                sorted.get(sorted.size() / 2) / 1e6, sorted.get(0) / 1e6, sorted.get(sorted.size() - 1) / 1e6,
                sorted.size());
    }
}
