package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FlameTree.View;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.render.SvgTestSupport.FrameElement;
import io.github.memflame.render.SvgTestSupport.Rendered;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class SvgFlameGraphTest {
    private static final SvgOptions DEFAULTS = SvgOptions.defaults();
    private static final double PLOT = DEFAULTS.width() - 2.0 * SvgFlameGraph.XPAD;

    private static Rendered render(FoldedSnapshot snapshot, View view, SvgOptions options) {
        return SvgTestSupport.render(FlameTree.of(snapshot, view), snapshot.totalBytes(), options);
    }

    private static void assertGeometry(Rendered svg, long rootBytes) {
        for (FrameElement frame : svg.frames()) {
            double expected = (double) frame.bytes * PLOT / rootBytes;
            // Both edges are rounded to a tenth of a pixel.
            assertEquals(expected, frame.width, 0.1 + 1e-9, () -> "width of " + frame.name());
            double childWidths = 0;
            for (FrameElement child : frame.children) {
                childWidths += child.width;
                assertTrue(child.x >= frame.x - 1e-9, "child starts inside its parent");
                assertTrue(child.x + child.width <= frame.x + frame.width + 1e-6, "child ends inside its parent");
                assertTrue(child.bytes <= frame.bytes);
            }
            assertTrue(childWidths <= frame.width + 1e-6, () -> "children of " + frame.name() + " fit");
        }
    }

    @Test
    void pathViewFramesHaveExactWidthsTitlesAndLineLabels() {
        FoldedSnapshot snapshot = Snapshots.battle();
        Rendered svg = render(snapshot, View.PATH, DEFAULTS);
        assertGeometry(svg, snapshot.totalBytes());

        FrameElement root = svg.root();
        assertEquals("all", root.label);
        assertEquals(snapshot.totalBytes(), root.bytes);
        assertEquals(SvgFlameGraph.XPAD, root.x, 1e-9);
        assertEquals(PLOT, root.width, 1e-9);
        assertEquals(List.of("client", "engine"), root.children.stream().map(f -> f.label).toList());

        FrameElement line = svg.frames().stream().filter(f -> f.name().equals("client/ui/bag.py:42")).findFirst()
                .orElseThrow();
        assertEquals("42", line.label);
        assertEquals("42", line.g.getAttribute("data-label"));
        assertEquals(":42", line.g.getAttribute("data-text"));
        assertEquals(":42", line.text);
        assertEquals("client/ui/bag.py:42", line.title, "the static tooltip is the name; the script adds figures");
        assertEquals(300_000, line.bytes);
        assertEquals(1200, line.traces);
        assertFalse(line.g.hasAttribute("data-self"), "all its bytes are its own");
        assertEquals("bag.py", line.parent.label);
        assertEquals("client/ui/bag.py", line.parent.name());
        assertEquals("client/ui", line.parent.parent.name());

        FrameElement client = root.children.get(0);
        assertEquals("client", client.name());
        assertFalse(client.g.hasAttribute("data-label"), "a top-level frame's label is its name");
        assertEquals(843_440, client.bytes);
        assertEquals(5_000, client.traces);
    }

    @Test
    void stackViewUsesPathLineLabelsAndKeepsTheirEndWhenCut() {
        FoldedSnapshot snapshot = Snapshots.battle();
        Rendered svg = render(snapshot, View.STACK, DEFAULTS);
        assertGeometry(svg, snapshot.totalBytes());
        List<String> top = svg.root().children.stream().map(f -> f.label).toList();
        assertEquals(List.of("main.py:10", "main.py:12"), top);
        FrameElement bag = svg.frames().stream().filter(f -> f.label.equals("client/ui/bag.py:42")).findFirst()
                .orElseThrow();
        assertEquals("client/ui/bag.py:42", bag.name());
        assertEquals("main.py:10", bag.parent.parent.label);
        assertEquals("..i/bag.py:42", LabelFit.fit("client/ui/bag.py:42", 6 + 13.5 * 0.59 * 12, 0.59 * 12, true));
    }

    @Test
    void hostileLabelsAreEscapedEverywhere() {
        FoldedSnapshot snapshot = Snapshots.named("<img src=x onerror=alert(2)>.pickle")
                .add(1000, "<script>alert(1)</script>.py:1")
                .add(2000, "dir/a&b\"c'.py:2")
                .add(500, "x]]>y.py:3")
                .build();
        for (View view : View.values()) {
            SvgOptions options = new SvgOptions("</title><script>alert(3)</script>", 1200, 0.1, false, 16, 12);
            Rendered svg = render(snapshot, view, options);
            assertFalse(svg.text().contains("<script>alert"), "no live script from a label");
            assertFalse(svg.text().contains("<img"), "no live markup from the snapshot name");
            assertEquals(1, count(svg.text(), "<script"), "only the graph's own script");
            assertEquals(1, count(svg.text(), "]]>"), "only the end of the script's CDATA");
            assertTrue(svg.text().contains("x]]&gt;y.py"));
            Set<String> labels = new HashSet<>();
            svg.frames().forEach(f -> labels.add(f.label));
            if (view == View.STACK) {
                assertTrue(labels.contains("<script>alert(1)</script>.py:1"), labels.toString());
                assertTrue(labels.contains("dir/a&b\"c'.py:2"), labels.toString());
            } else {
                // "/" splits the path view: the file is "script>.py" in the directory "<script>alert(1)<".
                assertTrue(labels.contains("<script>alert(1)<"), labels.toString());
                assertTrue(labels.contains("script>.py"), labels.toString());
                assertTrue(labels.contains("a&b\"c'.py"), labels.toString());
            }
            assertTrue(svg.text().contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;.py:1</title>"),
                    "the full name in the tooltip");
            Element title = (Element) svg.document().getElementsByTagName("title").item(0);
            assertTrue(title.getTextContent().startsWith("</title><script>alert(3)</script>"));
        }
    }

    @Test
    void cjkLabelsRoundTripAndBrokenCharactersBecomeReplacements() {
        FoldedSnapshot snapshot = Snapshots.named("场景/战斗.pickle")
                .add(4096, "客户端/界面/背包.py:42")
                .add(1024, "bad\uD800name\u0001\uFFFE.py:7")
                .add(512, "emoji\uD83D\uDE00.py:1")
                .build();
        Rendered path = render(snapshot, View.PATH, DEFAULTS);
        assertTrue(path.frames().stream().anyMatch(f -> f.name().equals("客户端/界面/背包.py:42")));
        assertTrue(path.frames().stream().anyMatch(f -> f.label.equals("背包.py") && f.text.equals("背包.py")));
        assertTrue(path.frames().stream().anyMatch(f -> f.label.equals("bad\uFFFDname\uFFFD\uFFFD.py")));
        assertTrue(path.frames().stream().anyMatch(f -> f.label.equals("emoji\uD83D\uDE00.py")));
        assertTrue(path.text().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\""));
        Rendered stack = render(snapshot, View.STACK, DEFAULTS);
        assertTrue(stack.frames().stream().anyMatch(f -> f.label.equals("客户端/界面/背包.py:42")));
        assertEquals("场景/战斗.pickle", stack.document().getDocumentElement().getAttribute("data-snapshot"));
    }

    @Test
    void sameLabelSameColorInEveryGraphAndAMemoryPalette() {
        Rendered a = render(Snapshots.battle(), View.PATH, DEFAULTS);
        Rendered b = render(Snapshots.named("other").add(10, "client/x.py:1").add(99, "zzz/client/y.py:3").build(),
                View.PATH, DEFAULTS);
        Map<String, String> colors = new HashMap<>();
        for (Rendered svg : List.of(a, b)) {
            for (FrameElement frame : svg.frames()) {
                String previous = colors.putIfAbsent(frame.label, frame.fill);
                if (previous != null) {
                    assertEquals(previous, frame.fill, frame.label);
                }
            }
        }
        Pattern rgb = Pattern.compile("#(\\p{XDigit}{2})(\\p{XDigit}{2})(\\p{XDigit}{2})");
        for (String label : List.of("client", "bag.py", "42", "engine/render/mesh.py:120", "a", "ü.py")) {
            Matcher m = rgb.matcher(MemoryPalette.color(label));
            assertTrue(m.matches());
            int r = Integer.parseInt(m.group(1), 16);
            int g = Integer.parseInt(m.group(2), 16);
            int bl = Integer.parseInt(m.group(3), 16);
            assertTrue(g > r && bl > r, "green-blue, not red-yellow: " + m.group());
            double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * bl;
            assertTrue(luminance > 150, "light enough for dark text: " + m.group());
        }
        assertEquals(MemoryPalette.color("a/b.py:1"), MemoryPalette.color("a/b.py:2"), "one file, one color");
    }

    @Test
    void narrowFramesMergeIntoTheirParent() {
        Snapshots builder = Snapshots.named("narrow").add(1_000_000, "big/a.py:1");
        for (int i = 0; i < 200; i++) {
            builder.add(10, "big/tiny" + i + ".py:" + (i + 1));
        }
        FoldedSnapshot snapshot = builder.build();
        Rendered all = render(snapshot, View.PATH, new SvgOptions("t", 1200, 0, false, 16, 12));
        Rendered merged = render(snapshot, View.PATH, DEFAULTS);
        assertEquals(1 + 1 + 201 * 2, all.frames().size());
        assertEquals(1 + 1 + 2, merged.frames().size());
        FrameElement big = merged.root().children.get(0);
        assertEquals(1_002_000, big.bytes, "the merged bytes stay in the parent");
        assertEquals(PLOT, big.width, 1e-9);
        assertGeometry(merged, snapshot.totalBytes());
    }

    @Test
    void aMillionTracesMakeASmallFile() {
        Snapshots builder = Snapshots.named("million");
        int n = 0;
        for (int dir = 0; dir < 100; dir++) {
            for (int file = 0; file < 100; file++) {
                for (int line = 1; line <= 100; line++) {
                    builder.add(16 + (n++ % 50), 1, "client/d" + dir + "/f" + file + ".py:" + line);
                }
            }
        }
        builder.add(50_000_000, 1_000, "client/big/atlas.py:1");
        FoldedSnapshot snapshot = builder.build();
        assertEquals(1_000_001, snapshot.stacks().size());
        for (View view : View.values()) {
            FlameTree tree = FlameTree.of(snapshot, view);
            long start = System.nanoTime();
            Rendered svg = SvgTestSupport.render(tree, snapshot.totalBytes(), DEFAULTS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(svg.bytes().length < 3_000_000, view + " graph is " + svg.bytes().length + " bytes");
            assertTrue(svg.frames().size() < 20_000, view + " frames: " + svg.frames().size());
            assertTrue(millis < 20_000, "rendering took " + millis + " ms");
            assertGeometry(svg, snapshot.totalBytes());
        }
    }

    @Test
    void aWideDeepTreeIsCutToTheSizeBudget() {
        Snapshots builder = Snapshots.named("wide");
        for (int i = 0; i < 10_000; i++) {
            builder.add(100, "root" + i + "/a/b/c/d/e/f/g/h/i/j/k/l/module_with_a_long_name.py:" + (i + 1));
        }
        FoldedSnapshot snapshot = builder.build();
        Rendered svg = render(snapshot, View.PATH, DEFAULTS);
        assertTrue(svg.bytes().length < 3_000_000, "graph is " + svg.bytes().length + " bytes");
        assertTrue(svg.text().contains("merged into their parents"));
        assertGeometry(svg, snapshot.totalBytes());
    }

    @Test
    void hostileDepthDoesNotOverflowTheStack() {
        String[] frames = new String[20_000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = "f" + i + ".py:" + (i + 1);
        }
        FoldedSnapshot snapshot = Snapshots.named("deep").add(1_000, frames).build();
        Rendered svg = render(snapshot, View.STACK, DEFAULTS);
        assertEquals(SvgFlameGraph.MAX_DEPTH + 1, svg.frames().size());
        assertGeometry(svg, snapshot.totalBytes());
    }

    @Test
    void invertedPutsTheRootOnTop() {
        SvgOptions icicle = new SvgOptions("t", 800, 0.1, true, 20, 11);
        FoldedSnapshot snapshot = Snapshots.battle();
        Rendered svg = SvgTestSupport.render(FlameTree.of(snapshot, View.PATH), snapshot.totalBytes(), icicle);
        for (FrameElement frame : svg.frames()) {
            if (frame.parent != null) {
                assertEquals(frame.parent.y + 20, frame.y, 1e-9);
            }
        }
        Rendered flame = render(snapshot, View.PATH, DEFAULTS);
        for (FrameElement frame : flame.frames()) {
            if (frame.parent != null) {
                assertEquals(frame.parent.y - 16, frame.y, 1e-9);
            }
        }
    }

    @Test
    void controlsAndScriptAreThere() {
        Rendered svg = render(Snapshots.battle(), View.PATH, DEFAULTS);
        for (String id : List.of("search", "unzoom", "matched", "details", "frames", "title")) {
            assertNotNull(byId(svg, id), id);
        }
        assertTrue(svg.text().contains("<![CDATA["));
        assertFalse(svg.text().contains("http://") && svg.text().replace("http://www.w3.org/2000/svg", "")
                .contains("http://"), "no external resource");
        assertNull(byId(svg, "nonexistent"));
    }

    @Test
    void emptyTreeStillDraws() {
        FoldedSnapshot empty = Snapshots.named("empty").build();
        Rendered svg = render(empty, View.PATH, DEFAULTS);
        assertEquals(1, svg.frames().size());
        assertEquals(0, svg.root().bytes);
    }

    @Test
    void anAllocationWithoutALineIsNamedByItsPathInEveryView() {
        FoldedSnapshot snapshot = Snapshots.named("py27").add(100, "main.py:3", "client/old.py")
                .add(50, "main.py:3", "client/old.py:7").add(25, "<unknown>").build();
        Rendered path = render(snapshot, View.PATH, DEFAULTS);
        FrameElement file = path.frames().stream().filter(f -> f.name().equals("client/old.py")).findFirst()
                .orElseThrow();
        assertEquals(150, file.bytes);
        assertEquals("100", file.g.getAttribute("data-self"), "the bytes of the line-less allocation");
        assertEquals(List.of("client/old.py:7"), file.children.stream().map(FrameElement::name).toList());
        Rendered stack = render(snapshot, View.STACK, DEFAULTS);
        assertTrue(stack.frames().stream().anyMatch(f -> f.name().equals("client/old.py")));
        assertTrue(stack.frames().stream().anyMatch(f -> f.name().equals("<unknown>")));
        assertTrue(path.frames().stream().anyMatch(f -> f.name().equals("<unknown>")));
        assertFalse(path.text().contains(":?") || path.text().contains(":0<") || stack.text().contains(":0<"));
    }

    @Test
    void labelsAreCutToFit() {
        double cw = 0.59 * 12;
        assertEquals("", LabelFit.fit("anything", 6 + 2 * cw, cw, false));
        assertEquals("abc", LabelFit.fit("abc", 6 + 3 * cw, cw, false));
        assertEquals("a..", LabelFit.fit("abcd", 6 + 3 * cw, cw, false));
        assertEquals("..d", LabelFit.fit("abcd", 6 + 3 * cw, cw, true));
        assertEquals("客..", LabelFit.fit("客户端界面", 6 + 5 * cw, cw, false), "wide characters count twice");
        assertEquals("\uD83D\uDE00..", LabelFit.fit("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00",
                6 + 3 * cw, cw, false), "surrogate pairs are never split");
    }

    private static Element byId(Rendered svg, String id) {
        List<Element> found = new ArrayList<>();
        var all = svg.document().getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                found.add(e);
            }
        }
        assertTrue(found.size() <= 1, "ids are unique");
        return found.isEmpty() ? null : found.get(0);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
