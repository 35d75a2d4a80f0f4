package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.fold.FlameTree.View;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.fold.SiteChanges;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpLoader;
import io.github.memflame.render.SvgTestSupport.FrameElement;
import io.github.memflame.render.SvgTestSupport.Rendered;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential graphs and the "Since baseline" figures of two real CPython 3.11 runs of the demo scenes, the
 * second leaking 8 KiB per battle round ({@code src/test/resources/baseline}, made by
 * {@code make_baseline_fixtures.py}), against the figures CPython's own tracemalloc computes for both runs.
 * The baseline is what a later build gets of the earlier one: its report's plain stack export, read back.
 */
class BaselineOracleTest {
    private static final Path FIXTURES = Path.of("src/test/resources/baseline");
    /** Every frame drawn, so that every figure of the oracle has its frame. */
    private static final SvgOptions ALL_FRAMES = new SvgOptions("t", 1200, 0, false, 16, 12);

    @TempDir
    Path temp;

    @Test
    void everyPathFrameShowsCPythonsBytesOfBothRunsAndIsColoredByItsChange() throws Exception {
        JsonNode oracle = oracle();
        int lines = 0;
        for (Iterator<String> names = oracle.get("snapshots").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode expected = oracle.get("snapshots").get(name);
            Compared compared = compare(name, oracle);
            for (double threshold : new double[] {0, 1, 5}) {
                SvgOptions options = ALL_FRAMES.withDiffThreshold(threshold);
                Rendered svg = diff(compared, View.PATH, options);
                Map<String, FrameElement> byName = new HashMap<>();
                for (FrameElement frame : svg.frames()) {
                    assertNull(byName.put(frame.name(), frame), "one frame per name: " + frame.name());
                }
                Set<String> expectedNames = new HashSet<>();
                for (String run : List.of("before", "after")) {
                    for (String figures : List.of("byLine", "byFile", "selfByDirectory")) {
                        expected.get(run).get(figures).fieldNames().forEachRemaining(key -> expectedNames.add(
                                frameName(key)));
                    }
                }
                expectedNames.add("all");
                assertEquals(expectedNames, byName.keySet(), name + ": a frame for every line, file and directory "
                        + "of either run");
                for (FrameElement frame : svg.frames()) {
                    long before = cpython(expected.get("before"), frame.name());
                    long after = cpython(expected.get("after"), frame.name());
                    String what = name + " " + frame.name();
                    assertEquals(after, frame.bytes, what + ": this run's bytes");
                    assertEquals(before, Long.parseLong(frame.g.getAttribute("data-before")), what + ": baseline's");
                    assertEquals(DiffFlameGraphTest.expectedDirection(before, after, threshold),
                            DiffFlameGraphTest.direction(frame.fill), what + " " + before + " -> " + after
                                    + " at a threshold of " + threshold + "%");
                    lines += frame.name().matches(".*:\\d+") ? 1 : 0;
                }
            }
        }
        assertTrue(lines > 400, "lines checked: " + lines);
    }

    @Test
    void theLeakIsRedInBothGraphsOfTheBattleAndTheRootsHoldCPythonsTotals() throws Exception {
        JsonNode oracle = oracle();
        String leak = oracle.get("leak").get("site").asText();
        JsonNode battle = oracle.get("snapshots").get("scene-3-battle.pickle");
        Compared compared = compare("scene-3-battle.pickle", oracle);
        for (View view : View.values()) {
            Rendered svg = diff(compared, view, SvgOptions.defaults());
            assertEquals(battle.get("after").get("totalBytes").asLong(), svg.root().bytes, view + " root");
            assertEquals(battle.get("before").get("totalBytes").asLong(),
                    Long.parseLong(svg.root().g.getAttribute("data-before")), view + " root");
            List<FrameElement> leaking = svg.frames().stream().filter(frame -> frame.name().equals(leak)).toList();
            assertTrue(!leaking.isEmpty(), view + " has a frame for " + leak);
            for (FrameElement frame : leaking) {
                assertEquals("red", DiffFlameGraphTest.direction(frame.fill), view + ": " + leak + " grew");
            }
            // Each frame of the stack view too is colored by its own figures.
            for (FrameElement frame : svg.frames()) {
                long before = Long.parseLong(frame.g.getAttribute("data-before"));
                assertEquals(DiffFlameGraphTest.expectedDirection(before, frame.bytes, 1),
                        DiffFlameGraphTest.direction(frame.fill), view + " " + frame.name());
            }
        }
        FrameElement line = DiffFlameGraphTest.byChain(diff(compared, View.PATH, SvgOptions.defaults())).get(
                "all;client;client/controller;client/controller/battle_controller.py;" + leak);
        assertEquals(battle.get("after").get("byLine").get(leak).asLong(), line.bytes);
    }

    @Test
    void lineChangesAreCPythonsCompareToByLine() throws Exception {
        JsonNode oracle = oracle();
        for (Iterator<String> names = oracle.get("snapshots").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Compared compared = compare(name, oracle);
            Set<SiteChange> expected = new HashSet<>();
            for (JsonNode entry : oracle.get("snapshots").get(name).get("compareToLineno")) {
                expected.add(new SiteChange(frameName(entry.get(0).asText()), null, entry.get(1).asLong(),
                        entry.get(2).asLong()));
                assertEquals(entry.get(2).asLong() - entry.get(1).asLong(), entry.get(3).asLong());
            }
            List<SiteChange> changes = SiteChanges.of(compared.current(), compared.baseline());
            assertEquals(expected, new HashSet<>(changes.stream().map(change -> new SiteChange(
                    frameName(change.site()), null, change.beforeBytes(), change.afterBytes())).toList()), name);
            for (int i = 1; i < changes.size(); i++) {
                assertTrue(changes.get(i - 1).deltaBytes() >= changes.get(i).deltaBytes(), "largest growth first");
            }
        }
        List<SiteChange> battle = SiteChanges.of(compare("scene-3-battle.pickle", oracle).current(),
                compare("scene-3-battle.pickle", oracle).baseline());
        assertEquals(oracle.get("leak").get("site").asText(), SiteChanges.growing(battle, 10).get(0).site());
    }

    @Test
    void theIndexListsTheTotalsAndTheLinesThatChangedMost() throws Exception {
        JsonNode oracle = oracle();
        JsonNode battle = oracle.get("snapshots").get("scene-3-battle.pickle");
        Compared compared = compare("scene-3-battle.pickle", oracle);
        SnapshotReport report = SnapshotReport.of(compared.current(), compared.baseline(), SvgOptions.defaults());
        StringWriter html = new StringWriter();
        IndexPage.write(new CheckReport(true, List.of(report), List.of(), List.of()), html);
        String page = html.toString();
        assertTrue(page.contains("<p class=\"baseline-total\" data-before=\""
                + battle.get("before").get("totalBytes").asLong() + "\" data-after=\""
                + battle.get("after").get("totalBytes").asLong() + "\">"), page);
        String leak = oracle.get("leak").get("site").asText();
        JsonNode grew = battle.get("compareToLineno").get(0);
        assertEquals(leak, grew.get(0).asText(), "CPython's largest change is the leak");
        assertTrue(page.contains("<tr data-site=\"" + leak + "\"><td class=\"path\"><code>" + leak
                + "</code></td><td class=\"num\" data-value=\"" + grew.get(1).asLong() + "\""), page);
        assertTrue(page.contains("href=\"scene-3-battle.pickle.path.diff.svg\""));
        assertTrue(page.contains("href=\"scene-3-battle.pickle.stack.diff.svg\""));
    }

    private record Compared(FoldedSnapshot current, FoldedSnapshot baseline) {
    }

    /** This run read from its dump; the baseline read back from the stack export of its own report. */
    private Compared compare(String name, JsonNode oracle) throws Exception {
        List<String> strip = List.of(oracle.get("stripPrefix").asText());
        FoldedSnapshot before = read(FIXTURES.resolve("before").resolve(name), name, strip);
        Path baselineReport = temp.resolve("baseline-" + name);
        if (!Files.exists(baselineReport)) {
            ReportWriter.write(baselineReport, new CheckReport(true, List.of(SnapshotReport.of(before,
                    SvgOptions.defaults())), List.of(), List.of()), SvgOptions.defaults());
        }
        FoldedSnapshot baseline = read(baselineReport.resolve(name + ".stack.folded.gz"), name, List.of());
        assertEquals(before.totalBytes(), baseline.totalBytes(), "the export holds the whole baseline");
        return new Compared(read(FIXTURES.resolve("after").resolve(name), name, strip), baseline);
    }

    private static FoldedSnapshot read(Path file, String name, List<String> strip) throws Exception {
        SnapshotFolder folder = new SnapshotFolder();
        DumpFormat format = new DumpLoader(StandardCharsets.UTF_8, 1L << 30).load(file, name, folder);
        return folder.fold(name, format, new PathNormalizer(strip), List.of());
    }

    private static Rendered diff(Compared compared, View view, SvgOptions options) throws Exception {
        SnapshotReport report = SnapshotReport.of(compared.current(), compared.baseline(), options);
        StringWriter out = new StringWriter();
        SvgFlameGraph.writeDiff(report.diff(view), options, out);
        return SvgTestSupport.parse(out.toString().getBytes(StandardCharsets.UTF_8), options);
    }

    private static JsonNode oracle() throws Exception {
        return new ObjectMapper().readTree(FIXTURES.resolve("oracle.json").toFile());
    }

    /** A frame's name for an oracle key: the path view names an absolute path's components without the root /. */
    private static String frameName(String oracleKey) {
        return oracleKey.startsWith("/") ? oracleKey.substring(1) : oracleKey;
    }

    /** CPython's bytes of a path-view frame in one run: its line, file or directory; 0 where the run has none. */
    private static long cpython(JsonNode run, String frameName) {
        if (frameName.equals("all")) {
            return run.get("totalBytes").asLong();
        }
        for (String figures : List.of("byLine", "byFile", "selfByDirectory")) {
            for (String key : List.of(frameName, "/" + frameName)) {
                if (run.get(figures).has(key)) {
                    return run.get(figures).get(key).asLong();
                }
            }
        }
        return 0;
    }
}
