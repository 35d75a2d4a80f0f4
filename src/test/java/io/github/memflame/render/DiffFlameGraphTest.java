package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.DiffTree;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FlameTree.View;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FoldedView;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.format.Numbers;
import io.github.memflame.render.SvgTestSupport.FrameElement;
import io.github.memflame.render.SvgTestSupport.Rendered;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The differential graph read back with the JDK's XML parser: figures, colors, pruning and size. */
class DiffFlameGraphTest {
    private static final SvgOptions DEFAULTS = SvgOptions.defaults();

    /** The baseline of {@link #current()}: one line will vanish, one barely change, one stay the same. */
    static FoldedSnapshot baseline() {
        return Snapshots.named("scene-2-battle.pickle")
                .add(200_000, 800, "main.py:10", "client/controller/battle.py:55", "client/ui/bag.py:42")
                .add(200_000, 800, "main.py:10", "client/controller/battle.py:60")
                .add(400_000, 7000, "main.py:10", "engine/render/mesh.py:120", "engine/render/buffer.py:9")
                .add(100_000, 1001, "main.py:12", "engine/render/mesh.py:121")
                .add(30_000, 10, "main.py:12", "legacy/py27_module.py")
                .add(64_000, 5, "main.py:12", "client/old_cache.py:7")
                .build();
    }

    /** This run: bag.py grew, buffer.py shrank, a leak appeared, old_cache.py vanished, mesh.py:121 +0.5%. */
    static FoldedSnapshot current() {
        return Snapshots.named("scene-2-battle.pickle")
                .add(300_000, 1200, "main.py:10", "client/controller/battle.py:55", "client/ui/bag.py:42")
                .add(200_000, 800, "main.py:10", "client/controller/battle.py:60")
                .add(100_000, 7000, "main.py:10", "engine/render/mesh.py:120", "engine/render/buffer.py:9")
                .add(100_500, 1001, "main.py:12", "engine/render/mesh.py:121")
                .add(30_000, 10, "main.py:12", "legacy/py27_module.py")
                .add(250_000, 900, "main.py:12", "client/net/leak.py:3")
                .build();
    }

    static Rendered renderDiff(FoldedSnapshot current, FoldedSnapshot baseline, View view, SvgOptions options) {
        SnapshotReport report = SnapshotReport.of(current, baseline, options);
        StringWriter out = new StringWriter();
        try {
            SvgFlameGraph.writeDiff(report.diff(view), options, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SvgTestSupport.parse(out.toString().getBytes(StandardCharsets.UTF_8), options);
    }

    @Test
    void everyFrameOfEitherRunShowsItsBytesInBothWithWidthsFromThisRun() {
        for (View view : View.values()) {
            Rendered svg = renderDiff(current(), baseline(), view, DEFAULTS);
            Map<String, long[]> expected = figuresByChain(current(), baseline(), view);
            Map<String, FrameElement> drawn = byChain(svg);
            assertEquals(expected.keySet(), drawn.keySet(), view + ": every frame of either run, no other");
            double plot = DEFAULTS.width() - 2.0 * SvgFlameGraph.XPAD;
            for (Map.Entry<String, FrameElement> entry : drawn.entrySet()) {
                FrameElement frame = entry.getValue();
                long[] figures = expected.get(entry.getKey());
                assertEquals(figures[1], frame.bytes, entry.getKey() + ": this run's bytes");
                assertEquals(figures[0], Long.parseLong(frame.g.getAttribute("data-before")),
                        entry.getKey() + ": the baseline's bytes");
                assertEquals(figures[1] * plot / current().totalBytes(), frame.width, 0.1 + 1e-9,
                        entry.getKey() + ": the width is this run's");
            }
        }
        Map<String, FrameElement> path = byChain(renderDiff(current(), baseline(), View.PATH, DEFAULTS));
        FrameElement vanished = path.get("all;client;client/old_cache.py;client/old_cache.py:7");
        assertEquals(0, vanished.bytes);
        assertEquals(0, vanished.width);
        assertEquals("64000", vanished.g.getAttribute("data-before"));
    }

    @Test
    void framesAreRedWhereTheyGrewBlueWhereTheyShrankGreyUnderTheThreshold() {
        for (View view : View.values()) {
            for (double threshold : new double[] {0, 1, 30}) {
                SvgOptions options = DEFAULTS.withDiffThreshold(threshold);
                Map<String, long[]> expected = figuresByChain(current(), baseline(), view);
                for (Map.Entry<String, FrameElement> entry : byChain(renderDiff(current(), baseline(), view,
                        options)).entrySet()) {
                    long[] figures = expected.get(entry.getKey());
                    assertEquals(expectedDirection(figures[0], figures[1], threshold), direction(entry.getValue().fill),
                            view + ", threshold " + threshold + "%: " + entry.getKey() + " " + figures[0] + " -> "
                                    + figures[1] + " is " + entry.getValue().fill);
                }
            }
        }
        Map<String, FrameElement> path = byChain(renderDiff(current(), baseline(), View.PATH, DEFAULTS));
        assertEquals("red", direction(path.get("all;client;client/net;client/net/leak.py").fill));
        assertEquals("blue", direction(path.get("all;client;client/old_cache.py").fill));
        assertEquals("grey", direction(path.get("all;legacy;legacy/py27_module.py").fill), "unchanged");
        assertEquals("grey", direction(path.get("all;engine;engine/render;engine/render/mesh.py").fill), "+0.5%");
        assertEquals("red", direction(byChain(renderDiff(current(), baseline(), View.PATH,
                DEFAULTS.withDiffThreshold(0))).get("all;engine;engine/render;engine/render/mesh.py").fill),
                "+0.5% counts with a threshold of 0");
        String newLeak = path.get("all;client;client/net;client/net/leak.py").fill;
        String smallGrowth = path.get("all;client;client/ui;client/ui/bag.py").fill;
        assertTrue(lightness(newLeak) < lightness(smallGrowth), "a new frame is deeper red than +50%: "
                + newLeak + " vs " + smallGrowth);
    }

    @Test
    void theGraphSaysItIsDifferentialAndHasTheWidthsToggle() {
        Rendered svg = renderDiff(current(), baseline(), View.STACK, DEFAULTS);
        org.w3c.dom.Element root = svg.document().getDocumentElement();
        assertEquals("true", root.getAttribute("data-diff"));
        assertEquals(Long.toString(baseline().totalBytes()), root.getAttribute("data-baseline-bytes"));
        assertTrue(svg.text().contains("id=\"diff-widths\""));
        assertTrue(svg.text().contains(">Widths: this run</text>"));
        assertTrue(svg.text().contains("<title>Memory flame graph \u2014 scene-2-battle.pickle (stack view since "
                + "baseline)</title>"), svg.text().substring(0, 800));
        long delta = current().totalBytes() - baseline().totalBytes();
        assertTrue(svg.text().contains(">scene-2-battle.pickle \u00b7 stack view since baseline \u00b7 957.5 KiB, "
                + "-13.2 KiB (-1.4%) from 970.7 KiB \u00b7 red grew, blue shrank, grey under 1%</text>"),
                "subtitle: " + svg.text().substring(0, 2000));
        assertEquals("-13.2 KiB (-1.4%)", Numbers.bytes(delta) + " (" + Numbers.signedPercent(delta,
                baseline().totalBytes()) + ")");
    }

    @Test
    void framesTooNarrowInBothRunsAreMergedWithTheirGapsKeptInBoth() {
        Random random = new Random(11);
        FoldedSnapshot current = randomSnapshot(random, 3_000);
        FoldedSnapshot baseline = randomSnapshot(random, 3_000);
        SvgOptions options = new SvgOptions("t", 1200, 2, false, 16, 12);
        for (View view : View.values()) {
            Rendered svg = renderDiff(current, baseline, view, options);
            DiffTree whole = DiffTree.of(FoldedView.of(current, view), FoldedView.of(baseline, view));
            assertTrue(svg.frames().size() < count(whole.root()), view + ": some frames merged");
            double plot = options.width() - 2.0 * SvgFlameGraph.XPAD;
            for (FrameElement frame : svg.frames()) {
                long before = Long.parseLong(frame.g.getAttribute("data-before"));
                boolean wideNow = frame.bytes * plot / current.totalBytes() >= options.minFrameWidth() - 1e-9;
                boolean wideThen = before * plot / baseline.totalBytes() >= options.minFrameWidth() - 1e-9;
                assertTrue(frame.parent == null || wideNow || wideThen, frame.name() + " is visible in one run");
                long end = 0;
                long baselineEnd = 0;
                for (FrameElement child : frame.children) {
                    end += gap(child, "data-gap") + child.bytes;
                    baselineEnd += gap(child, "data-bgap") + Long.parseLong(child.g.getAttribute("data-before"));
                }
                assertTrue(end <= frame.bytes, frame.name() + ": children and gaps fit this run's bytes");
                assertTrue(baselineEnd <= before, frame.name() + ": children and gaps fit the baseline's bytes");
            }
        }
    }

    @Test
    void aRunThatFreedEverythingOrABaselineThatHadNothingStillDraws() {
        FoldedSnapshot empty = Snapshots.named("scene-2-battle.pickle").build();
        Rendered freed = renderDiff(empty, baseline(), View.PATH, DEFAULTS);
        assertEquals(figuresByChain(empty, baseline(), View.PATH).keySet(), byChain(freed).keySet(),
                "every baseline frame is there to switch to");
        for (FrameElement frame : freed.frames()) {
            assertEquals(0, frame.bytes, frame.name());
            assertEquals("blue", direction(frame.fill), frame.name() + " vanished");
        }
        assertTrue(freed.text().contains("0 B, -970.7 KiB (-100.0%) from 970.7 KiB"), "subtitle");

        Rendered fresh = renderDiff(current(), empty, View.STACK, DEFAULTS);
        for (FrameElement frame : fresh.frames()) {
            assertEquals("0", frame.g.getAttribute("data-before"), frame.name());
            assertEquals("red", direction(frame.fill), frame.name() + " is new");
        }
        assertTrue(fresh.text().contains("957.5 KiB, +957.5 KiB (new) from 0 B"), "subtitle");
    }

    @Test
    void aHugeDiffStaysUnderTheFileBound() {
        Random random = new Random(5);
        FoldedSnapshot current = randomSnapshot(random, 30_000);
        FoldedSnapshot baseline = randomSnapshot(random, 30_000);
        Rendered svg = renderDiff(current, baseline, View.STACK, new SvgOptions("t", 1200, 0, false, 16, 12));
        assertTrue(svg.bytes().length <= SvgFlameGraph.MAX_FILE_BYTES, svg.bytes().length + " bytes");
        assertTrue(svg.text().contains("smallest frames merged"), "the subtitle says frames were merged");
    }

    private static long gap(FrameElement frame, String attribute) {
        return frame.g.hasAttribute(attribute) ? Long.parseLong(frame.g.getAttribute(attribute)) : 0;
    }

    private static int count(io.github.memflame.fold.DiffNode node) {
        int count = 1;
        for (io.github.memflame.fold.DiffNode child : node.children()) {
            count += count(child);
        }
        return count;
    }

    static FoldedSnapshot randomSnapshot(Random random, int stacks) {
        Snapshots builder = Snapshots.named("random.pickle");
        for (int i = 0; i < stacks; i++) {
            String[] sites = new String[1 + random.nextInt(8)];
            for (int level = 0; level < sites.length; level++) {
                sites[level] = "pkg" + random.nextInt(5) + "/mod" + random.nextInt(40) + ".py:" + random.nextInt(300);
            }
            builder.add(1 + random.nextInt(5_000), sites);
        }
        return builder.build();
    }

    /** Each drawn frame by the chain of its ancestors' titles and its own, root first, joined by ';'. */
    static Map<String, FrameElement> byChain(Rendered svg) {
        Map<String, FrameElement> byChain = new HashMap<>();
        for (FrameElement frame : svg.frames()) {
            byChain.put(chain(frame), frame);
        }
        return byChain;
    }

    private static String chain(FrameElement frame) {
        return frame.parent == null ? frame.name() : chain(frame.parent) + ";" + frame.name();
    }

    /** {before, after} of every frame of either snapshot, by chain of names, computed from the stacks. */
    static Map<String, long[]> figuresByChain(FoldedSnapshot current, FoldedSnapshot baseline, View view) {
        Map<String, long[]> figures = new HashMap<>();
        add(figures, baseline, view, 0);
        add(figures, current, view, 1);
        return figures;
    }

    private static void add(Map<String, long[]> figures, FoldedSnapshot snapshot, View view, int slot) {
        for (StackTotal stack : snapshot.stacks()) {
            String chain = "all";
            figures.computeIfAbsent(chain, key -> new long[2])[slot] += stack.bytes();
            for (String name : names(stack, view)) {
                chain = chain + ";" + name;
                figures.computeIfAbsent(chain, key -> new long[2])[slot] += stack.bytes();
            }
        }
    }

    /** The titles of a stack's frames below the root, as each view names them. */
    private static List<String> names(StackTotal stack, View view) {
        Site site = stack.allocatingSite();
        if (site == null) {
            return List.of(FlameTree.UNKNOWN);
        }
        List<String> names = new ArrayList<>();
        if (view == View.STACK) {
            stack.rootFirst().forEach(frame -> names.add(frame.label()));
            return names;
        }
        String name = null;
        for (String component : PathNormalizer.components(site.path())) {
            name = name == null ? component : name + "/" + component;
            names.add(name);
        }
        if (site.line() != 0) {
            names.add(site.label());
        }
        return names;
    }

    static String expectedDirection(long before, long after, double thresholdPercent) {
        long delta = after - before;
        if (delta == 0 || Math.abs((double) delta) * 100 < thresholdPercent * before) {
            return "grey";
        }
        return delta > 0 ? "red" : "blue";
    }

    /** red, blue or grey, by the fill's channels. */
    static String direction(String fill) {
        int r = Integer.parseInt(fill.substring(1, 3), 16);
        int g = Integer.parseInt(fill.substring(3, 5), 16);
        int b = Integer.parseInt(fill.substring(5, 7), 16);
        if (r == g && g == b) {
            return "grey";
        }
        assertTrue(r > b ? g == b : r < g && g < b, "a red or blue hue: " + fill);
        return r > b ? "red" : "blue";
    }

    private static int lightness(String fill) {
        int r = Integer.parseInt(fill.substring(1, 3), 16);
        int g = Integer.parseInt(fill.substring(3, 5), 16);
        int b = Integer.parseInt(fill.substring(5, 7), 16);
        return Math.max(r, Math.max(g, b)) + Math.min(r, Math.min(g, b));
    }
}
