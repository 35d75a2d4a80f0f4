package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FoldedText;
import io.github.memflame.fold.FoldedView;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.read.DumpFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every frame of at least minFrameWidth is drawn, as flamegraph.pl draws it, and the file stays under 3 MB: on a
 * snapshot shaped like the {@code 1m-traces} benchmark dump (a million traces over 20,000 tracebacks, 12 to 25
 * frames deep over 600 files; {@code src/test/python/make_big_snapshot.py}), generated here so the test needs
 * no Python. The expected count comes from the folded export, not from the renderer's tree.
 */
class FrameCountTest {
    private static final int TRACES = 1_000_000;
    private static final int TRACEBACKS = 20_000;
    private static final long[] SIZES = {16, 32, 48, 64, 96, 128, 256, 1024, 4096, 65536};

    @Test
    void theStackViewOfAMillionTracesDrawsEveryFrameFlamegraphPlWould() throws Exception {
        FoldedSnapshot snapshot = benchmarkShaped();
        SvgOptions options = SvgOptions.defaults();
        // The tree as the check builds it: frames no graph can show are dropped while it is built.
        FoldedView view = FoldedView.of(snapshot, FlameTree.View.STACK);
        FlameTree tree = FlameTree.of(view, options.invisibleBelowBytes(snapshot.totalBytes()));
        SvgTestSupport.Rendered svg = SvgTestSupport.render(tree, snapshot.totalBytes(), options);

        ByteArrayOutputStream folded = new ByteArrayOutputStream();
        FoldedText.write(view, folded);
        long expected = framesAtLeast(folded.toString(StandardCharsets.UTF_8), options.minFrameWidth(), options.width() - 20.0);

        assertTrue(expected > 10_000, "a dump this size has more frames than the old markup could hold: " + expected);
        assertEquals(expected, svg.frames().size(), "frames drawn");
        assertTrue(svg.bytes().length < 3_000_000, "the graph is " + svg.bytes().length + " bytes");
        assertFalse(svg.text().contains("merged into their parents"));
        assertTrue(tree.root().children().size() < FlameTree.of(snapshot, FlameTree.View.STACK).root().children().size(),
                "the check's tree leaves out frames no graph shows");
        assertEquals(SvgTestSupport.render(FlameTree.of(snapshot, FlameTree.View.STACK), snapshot.totalBytes(), options)
                .text(), svg.text(), "the graph of the pruned tree is the graph of the whole tree");
    }

    /**
     * How many frames flamegraph.pl draws for folded stacks at this plot width and {@code --minwidth}: one per
     * distinct stack prefix whose bytes are at least that wide, plus the root.
     */
    private static long framesAtLeast(String foldedText, double minWidth, double plotWidth) {
        Map<String, Long> bytesByPrefix = new HashMap<>();
        long total = 0;
        for (String line : foldedText.split("\n")) {
            int space = line.lastIndexOf(' ');
            long bytes = Long.parseLong(line.substring(space + 1));
            total += bytes;
            String stack = line.substring(0, space);
            for (int end = stack.indexOf(';'); ; end = stack.indexOf(';', end + 1)) {
                bytesByPrefix.merge(end < 0 ? stack : stack.substring(0, end), bytes, Long::sum);
                if (end < 0) {
                    break;
                }
            }
        }
        double perByte = plotWidth / total;
        return 1 + bytesByPrefix.values().stream().filter(bytes -> bytes * perByte >= minWidth).count();
    }

    /** As make_big_snapshot.py makes them, with Java's generator: the same shape, not the same numbers. */
    private static FoldedSnapshot benchmarkShaped() {
        Random random = new Random(20261125);
        String[] packages = {"client/controller", "client/ui", "client/ui/widgets", "common/data", "common/util",
            "net", "scenes", "battle/ai", "battle/skill", "客户端/界面"};
        String[] files = new String[600];
        for (int i = 0; i < files.length; i++) {
            files[i] = packages[random.nextInt(packages.length)] + String.format(Locale.ROOT, "/module_%03d.py", i);
        }
        List<List<Site>> tracebacks = new ArrayList<>();
        for (int i = 0; i < TRACEBACKS; i++) {
            int depth = 12 + random.nextInt(14);
            List<Site> sites = new ArrayList<>(depth);
            for (int level = 0; level < depth; level++) {
                sites.add(new Site(files[random.nextInt(files.length)], 1 + random.nextInt(900)));
            }
            tracebacks.add(List.copyOf(sites));
        }
        long[] bytes = new long[TRACEBACKS];
        long[] traces = new long[TRACEBACKS];
        long total = 0;
        for (int i = 0; i < TRACES; i++) {
            int traceback = random.nextInt(TRACEBACKS);
            long size = SIZES[random.nextInt(SIZES.length)];
            bytes[traceback] += size;
            traces[traceback]++;
            total += size;
        }
        List<StackTotal> stacks = new ArrayList<>();
        for (int i = 0; i < TRACEBACKS; i++) {
            if (traces[i] > 0) {
                stacks.add(new StackTotal(tracebacks.get(i), bytes[i], traces[i]));
            }
        }
        return new FoldedSnapshot("1m-shaped.pickle", DumpFormat.TRACEMALLOC_PICKLE, TRACES, total, 0, 0, stacks,
                Map.of());
    }
}
