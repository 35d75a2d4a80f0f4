package io.github.memflame.bench;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FoldedText;
import io.github.memflame.fold.FoldedView;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpLoader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CPU seconds of each step of one dump's check, on the calling thread: figures that a busy machine stretches far
 * less than wall time. For finding where time goes; {@code run_benchmark.py} gives the figures that count.
 */
public final class PhaseProfile {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PhaseProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path dump = Path.of(args[0]);
        long start = THREADS.getCurrentThreadCpuTime();
        SnapshotFolder folder = new SnapshotFolder();
        DumpFormat format = new DumpLoader(StandardCharsets.UTF_8, Long.MAX_VALUE).load(dump, dump.toString(), folder);
        long read = lap("read", start);
        FoldedSnapshot snapshot = folder.fold(dump.getFileName().toString(), format,
                new PathNormalizer(List.of("I:/G1/trunk/code/Script/Python/")), List.of());
        long fold = lap("fold", read);
        FoldedView stack = FoldedView.of(snapshot, FlameTree.View.STACK);
        long view = lap("stack view sort", fold);
        FlameTree tree = FlameTree.of(stack, 0.1 * snapshot.totalBytes() / 1200 - 1 > 0
                ? (long) (0.1 * snapshot.totalBytes() / 1200) - 1 : 0);
        long pruned = lap("stack tree", view);
        FlameTree.of(snapshot, FlameTree.View.PATH);
        long path = lap("path tree", pruned);
        FoldedText.write(stack, OutputStream.nullOutputStream());
        lap("stack folded text", path);
        System.out.printf(Locale.ROOT, "%,d traces, %,d stacks, %,d stack-view sequences, root %s%n",
                snapshot.traces(), snapshot.stacks().size(), stack.size(), tree.root().totalBytes());
    }

    private static long lap(String phase, long since) {
        long now = THREADS.getCurrentThreadCpuTime();
        System.out.printf(Locale.ROOT, "%-18s %6.2f s cpu%n", phase, (now - since) / 1e9);
        return now;
    }
}
