package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.run.Comparison;
import io.github.memflame.run.ComparisonResult;
import io.github.memflame.run.RunChecks;
import io.github.memflame.run.RunOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comparisons inside one run, on a real CPython 3.11 run of the demo game ({@code src/test/resources/run/revisit},
 * from {@code make_run_fixtures.py}): town, battle, town again, {@code client/ui/bag_panel.py:31} keeping 100 KiB
 * more on the second visit. Every figure equals CPython's own {@code compare_to} between the two town snapshots
 * ({@code oracle.json}).
 */
class ComparisonCheckTest {
    private static final Path RUN = Path.of("src/test/resources/run");
    private static final Path REVISIT = RUN.resolve("revisit");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");
    private static final String FROM = "scene-1-town.pickle";
    private static final String TO = "scene-3-town.pickle";

    @TempDir
    Path temp;

    private static JsonNode oracle() throws IOException {
        return new ObjectMapper().readTree(RUN.resolve("oracle.json").toFile()).get("revisit");
    }

    private CheckOutcome check(Path output, Path baseline, RecordingListener log, Comparison... comparisons)
            throws Exception {
        return new MemflameCheck(CheckSettingsBuilder.snapshots(REVISIT).output(output).stripPrefixes(STRIP)
                .baseline(baseline).ciOutputs(new CiOutputs(output.resolveSibling(output.getFileName() + "-junit.xml"), null))
                .run(new RunChecks(RunOrder.NAME, List.of(comparisons), List.of())).build(), log).run();
    }

    private static Comparison townRevisit(String maxGrowth) {
        return Comparison.parse(1, null, "scene-1-town*", "scene-3-town*", "client", "self", maxGrowth, null);
    }

    @Test
    void theDeltaEqualsCPythonsCompareToBetweenTheTwoVisits() throws Exception {
        JsonNode oracle = oracle();
        assertEquals(FROM, oracle.get("from").asText());
        assertEquals(TO, oracle.get("to").asText());
        long expectedDelta = 0;
        JsonNode grewMost = null;
        for (JsonNode entry : oracle.get("compareToLineno")) {
            if (entry.get(0).asText().startsWith("client/")) {
                expectedDelta += entry.get(3).asLong();
                if (grewMost == null || entry.get(3).asLong() > grewMost.get(3).asLong()) {
                    grewMost = entry;
                }
            }
        }
        long fromBytes = oracle.get("selfByDirectory").get(FROM).get("client").asLong();
        long toBytes = oracle.get("selfByDirectory").get(TO).get("client").asLong();
        assertEquals(toBytes - fromBytes, expectedDelta, "CPython's own figures agree");
        assertEquals(oracle.get("leak").asText(), grewMost.get(0).asText());

        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(temp.resolve("report"), null, log, townRevisit("256 KiB"));
        assertTrue(outcome.passed());
        ComparisonResult result = outcome.report().run().comparisons().get(0);
        assertEquals(FROM, result.from());
        assertEquals(TO, result.to());
        assertEquals(fromBytes, result.fromBytes());
        assertEquals(toBytes, result.toBytes());
        assertEquals(expectedDelta, result.growth().deltaBytes());
        assertEquals(BudgetStatus.OK, result.status());
        SiteChange top = result.growth().topChanges().get(0);
        assertEquals(grewMost.get(0).asText(), top.site());
        assertEquals(grewMost.get(1).asLong(), top.beforeBytes());
        assertEquals(grewMost.get(2).asLong(), top.afterBytes());
        assertTrue(log.lines().contains("[INFO] Memory comparison client (self) from scene-1-town.pickle to "
                + "scene-3-town.pickle: 553.0 KiB -> 665.7 KiB, +112.7 KiB (+20.4%, allowed +256.0 KiB)"), log.lines()
                .toString());
    }

    @Test
    void anExceededComparisonFailsWithTheLinesThatGrewMostAndItsGraphs() throws Exception {
        JsonNode oracle = oracle();
        long fromBytes = oracle.get("selfByDirectory").get(FROM).get("client").asLong();
        long toBytes = oracle.get("selfByDirectory").get(TO).get("client").asLong();
        Path output = temp.resolve("report");
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(output, null, log, townRevisit("64 KiB"));
        assertFalse(outcome.passed());
        assertFalse(outcome.report().passed());
        assertEquals("1 memory comparison exceeded", outcome.failureSummary());
        String diff = output.resolve("run/scene-1-town.pickle-to-scene-3-town.pickle.path.diff.svg").toString();
        List<String> lines = log.lines();
        int first = lines.indexOf("[ERROR] Memory comparison exceeded: client (self) from scene-1-town.pickle to "
                + "scene-3-town.pickle: +112.7 KiB (+20.4%) > allowed +64.0 KiB");
        assertTrue(first >= 0, lines.toString());
        assertEquals(String.format(java.util.Locale.ROOT, "[ERROR]   before %,d bytes, after %,d bytes, delta +%,d "
                + "bytes, allowed 65,536 bytes (configured as '64 KiB')", fromBytes, toBytes, toBytes - fromBytes),
                lines.get(first + 1));
        assertEquals("[ERROR]   lines that grew most:", lines.get(first + 2));
        assertEquals("[ERROR]     +100.1 KiB  client/ui/bag_panel.py:31 (100.1 KiB -> 200.2 KiB)", lines.get(first + 3));
        assertTrue(lines.contains("[ERROR]   differential flame graph: " + diff), lines.toString());

        for (String view : List.of("path", "stack")) {
            String svg = Files.readString(output.resolve("run/scene-1-town.pickle-to-scene-3-town.pickle." + view
                    + ".diff.svg"));
            assertTrue(svg.contains("data-diff=\"true\""));
            assertTrue(svg.contains("data-baseline-bytes=\"" + oracle.get("totalBytes").get(FROM).asLong() + "\""));
            assertTrue(svg.contains("data-total-bytes=\"" + oracle.get("totalBytes").get(TO).asLong() + "\""));
            assertTrue(svg.contains(view + " view since scene-1-town.pickle"), svg.substring(0, 2000));
        }

        String junit = Files.readString(temp.resolve("report-junit.xml"));
        assertTrue(junit.contains("<testcase classname=\"memory comparison\" name=\"client (self) "
                + "scene-1-town.pickle -&gt; scene-3-town.pickle\" time=\"0\">\n      <failure message=\"Memory "
                + "comparison exceeded: client (self) from scene-1-town.pickle to scene-3-town.pickle: +112.7 KiB "
                + "(+20.4%) &gt; allowed +64.0 KiB\" type=\"memory comparison exceeded\">"), junit);

        String md = Files.readString(output.resolve("memflame.md"));
        assertTrue(md.contains("### Comparisons within the run\n"), md);
        assertTrue(md.contains("| `client` | self | `scene-1-town.pickle` | `scene-3-town.pickle` | 553.0 KiB | "
                + "665.7 KiB | +112.7 KiB | 64 KiB | \u274c **exceeded** | `client/ui/bag_panel.py:31` +100.1 KiB |"), md);

        JsonNode entry = new ObjectMapper().readTree(output.resolve("memflame.json").toFile()).get("comparisons").get(0);
        assertEquals(FROM, entry.get("from").asText());
        assertEquals("scene-1-town*", entry.get("fromGlob").asText());
        assertEquals(fromBytes, entry.get("fromBytes").asLong());
        assertEquals(toBytes, entry.get("toBytes").asLong());
        assertEquals(toBytes - fromBytes, entry.get("growth").get("deltaBytes").asLong());
        assertEquals(65536, entry.get("growth").get("limitBytes").asLong());
        assertEquals("exceeded", entry.get("status").asText());
        assertTrue(entry.get("failsBuild").asBoolean());
        assertTrue(entry.get("baselineGrowth").isNull());
        assertEquals("run/scene-1-town.pickle-to-scene-3-town.pickle.stack.diff.svg",
                entry.get("reports").get("stack").asText());
    }

    @Test
    void levelWarnAndWarnAtPercentWarnWithoutFailing() throws Exception {
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(temp.resolve("warn"), null, log,
                Comparison.parse(1, "revisit", "scene-1-town*", "scene-3-town*", "client", null, "10%", "warn"));
        assertTrue(outcome.passed());
        assertTrue(log.lines().contains("[WARNING] Memory comparison exceeded (level warn, the build goes on): client "
                + "(self) from scene-1-town.pickle to scene-3-town.pickle: +112.7 KiB (+20.4%) > allowed +10% of the "
                + "earlier figure (55.3 KiB)"), log.lines().toString());
        assertTrue(Files.isRegularFile(temp.resolve("warn/run/revisit.path.diff.svg")));

        RecordingListener nearly = new RecordingListener();
        new MemflameCheck(CheckSettingsBuilder.snapshots(REVISIT).output(temp.resolve("nearly")).stripPrefixes(STRIP)
                .warnAtPercent(80).run(new RunChecks(RunOrder.NAME, List.of(townRevisit("128 KiB")), List.of())).build(),
                nearly).run();
        assertTrue(nearly.lines().contains("[WARNING] Memory comparison nearly at its limit: client (self) from "
                + "scene-1-town.pickle to scene-3-town.pickle: +112.7 KiB (+20.4%), 88.0% of the allowed +128.0 KiB"),
                nearly.lines().toString());
    }

    @Test
    void withABaselineTheSameComparisonInTheBaselineSaysWhatThisBuildAddedBetweenTheVisits() throws Exception {
        // The baseline's run held exactly as much on the second visit as on the first: no leak between them.
        Path baselineRun = Files.createDirectories(temp.resolve("baseline-run"));
        Files.copy(REVISIT.resolve(FROM), baselineRun.resolve(FROM));
        Files.copy(REVISIT.resolve("scene-2-battle.pickle"), baselineRun.resolve("scene-2-battle.pickle"));
        Files.copy(REVISIT.resolve(FROM), baselineRun.resolve(TO));
        Path baseline = temp.resolve("baseline");
        new MemflameCheck(CheckSettingsBuilder.snapshots(baselineRun).output(baseline).stripPrefixes(STRIP)
                .run(new RunChecks(RunOrder.NAME, List.of(townRevisit("256 KiB")), List.of())).build(),
                new RecordingListener()).run();

        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(temp.resolve("report"), baseline, log, townRevisit("256 KiB"));
        ComparisonResult result = outcome.report().run().comparisons().get(0);
        assertEquals(0, result.baselineGrowth().deltaBytes());
        long delta = result.growth().deltaBytes();
        assertTrue(log.lines().contains("[INFO] Memory comparison client (self) from scene-1-town.pickle to "
                + "scene-3-town.pickle: 553.0 KiB -> 665.7 KiB, +112.7 KiB (+20.4%, allowed +256.0 KiB); in the "
                + "baseline 0 B from scene-1-town.pickle to scene-3-town.pickle: this build adds +112.7 KiB between "
                + "them (" + String.format(java.util.Locale.ROOT, "%+,d", delta) + " bytes)"), log.lines().toString());
        JsonNode entry = new ObjectMapper().readTree(temp.resolve("report/memflame.json").toFile())
                .get("comparisons").get(0);
        assertEquals(0, entry.get("baselineGrowth").get("deltaBytes").asLong());
        assertEquals(delta, entry.get("growth").get("deltaBytes").asLong());
        assertTrue(Files.readString(temp.resolve("report/memflame.md")).contains("this build adds +112.7 KiB"));

        RecordingListener same = new RecordingListener();
        check(temp.resolve("again"), temp.resolve("report"), same, townRevisit("256 KiB"));
        assertTrue(same.lines().stream().anyMatch(line -> line.endsWith("this build adds nothing between them")),
                same.lines().toString());
    }

    @Test
    void aGlobMatchingTwoSnapshotsFailsAtCheckTimeNamingThem() throws Exception {
        Path output = temp.resolve("report");
        CheckFailure failure = assertThrows(CheckFailure.class, () -> check(output, null, new RecordingListener(),
                Comparison.parse(1, null, "scene-*-town*", "scene-3-town*", "client", null, "256 KiB", null)));
        assertEquals("Memory comparison 1 (client, scene-*-town* -> scene-3-town*): <from>scene-*-town*</from> "
                + "matches 2 snapshots (scene-1-town.pickle, scene-3-town.pickle) and <to>scene-3-town*</to> matches "
                + "1 snapshot (scene-3-town.pickle) of the run (3 snapshots: scene-1-town.pickle, "
                + "scene-2-battle.pickle, scene-3-town.pickle); each must match exactly one snapshot of a run. Make the "
                + "globs narrower or wider, e.g. <from>scene-2-town*</from>", failure.getMessage());
        assertFalse(Files.exists(output.resolve("index.html")), "nothing is written");

        CheckFailure none = assertThrows(CheckFailure.class, () -> check(output, null, new RecordingListener(),
                Comparison.parse(2, null, "scene-2-town*", "scene-5-town*", "client", null, "256 KiB", null)));
        assertEquals("Memory comparison 2 (client, scene-2-town* -> scene-5-town*): <from>scene-2-town*</from> and "
                + "<to>scene-5-town*</to> match no snapshot of any run; snapshots read: scene-1-town.pickle, "
                + "scene-2-battle.pickle, scene-3-town.pickle", none.getMessage());

        CheckFailure nothing = assertThrows(CheckFailure.class, () -> check(output, null, new RecordingListener(),
                Comparison.parse(3, null, "scene-1*", "scene-3*", "server", null, "1 KiB", null)));
        assertTrue(nothing.getMessage().startsWith("Memory comparison 3 (server, scene-1* -> scene-3*): path "
                + "'server' (self) matches no allocation in scene-1-town.pickle or scene-3-town.pickle; the "
                + "comparison would check nothing (top-level paths holding memory: "), nothing.getMessage());
        assertTrue(nothing.getMessage().contains("client"), "names what the snapshots hold: " + nothing.getMessage());
    }

    @Test
    void aComparisonAsConfiguredValidatesItself() {
        assertEquals("comparison 1 (client, scene-1* -> ): <to> is missing; write a glob of snapshot names, e.g. "
                        + "<to>scene-2-town*</to>",
                assertThrows(IllegalArgumentException.class, () -> Comparison.parse(1, null, "scene-1*", " ", "client",
                        null, "1 KiB", null)).getMessage());
        assertEquals("comparison 2 (client, a -> b): <maxGrowth> is missing; write e.g. <maxGrowth>256 KiB</maxGrowth> "
                        + "or <maxGrowth>10%</maxGrowth>",
                assertThrows(IllegalArgumentException.class, () -> Comparison.parse(2, null, "a", "b", "client",
                        null, null, null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Comparison.parse(3, null, "scene-[12]", "b",
                "client", null, "1 KiB", null)).getMessage().contains("'[' at position 7"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Comparison.parse(4, "../x", "a", "b",
                "client", null, "1 KiB", null)).getMessage().contains("<name>../x</name> cannot name a file"));
        assertNull(Comparison.parse(5, " ", "a", "b", "client", null, "1 KiB", null).name());
    }
}
