package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.GrowthLimit;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.summary.ReportSummary;
import io.github.memflame.summary.SummaryReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs against a baseline, on two real CPython 3.11 runs of the demo scenes, the second leaking 8 KiB per
 * battle round in {@code battle_controller.py:37} ({@code src/test/resources/baseline}, written by
 * {@code make_baseline_fixtures.py}): the check of {@code before/} is the baseline of the check of {@code after/},
 * and every growth figure equals what CPython's own tracemalloc computes from the two runs ({@code oracle.json}).
 */
class BaselineCheckTest {
    private static final Path FIXTURES = Path.of("src/test/resources/baseline");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");
    private static final String BATTLE = "scene-3-battle.pickle";

    @TempDir
    Path temp;

    private CheckOutcome check(Path snapshots, Path output, Path baseline, List<Budget> budgets,
                               RecordingListener log) throws Exception {
        return new MemflameCheck(CheckSettingsBuilder.snapshots(snapshots).output(output).stripPrefixes(STRIP)
                .budgets(budgets).baseline(baseline).build(), log).run();
    }

    /** The report of {@code before/}, the baseline of every test here. */
    private Path baselineReport() throws Exception {
        Path report = temp.resolve("before-report");
        check(FIXTURES.resolve("before"), report, null, List.of(), new RecordingListener());
        return report;
    }

    private static JsonNode oracle() throws IOException {
        return new ObjectMapper().readTree(FIXTURES.resolve("oracle.json").toFile()).get("snapshots");
    }

    private static Budget growthOnly(String path, Scope scope, String maxGrowth) {
        return new Budget(path, Budget.NO_MAX, null, scope, null, BudgetLevel.FAIL, GrowthLimit.parse(maxGrowth));
    }

    @Test
    void growthOfEveryDirectoryAndSnapshotEqualsCPythonsFigures() throws Exception {
        Path baseline = baselineReport();
        JsonNode oracle = oracle();
        List<Budget> budgets = new ArrayList<>();
        List<String> directories = new ArrayList<>();
        oracle.get(BATTLE).get("before").get("totalByDirectory").fieldNames().forEachRemaining(directory -> {
            if (!directory.startsWith("/")) {
                directories.add(directory);
            }
        });
        for (String directory : directories) {
            budgets.add(new Budget(directory, 1L << 40, "1 TiB", Scope.SELF, null));
            budgets.add(new Budget(directory, 1L << 40, "1 TiB", Scope.INCLUSIVE, null));
        }
        CheckOutcome outcome = check(FIXTURES.resolve("after"), temp.resolve("after-report"), baseline, budgets,
                new RecordingListener());

        int compared = 0;
        for (BudgetResult result : outcome.report().budgets()) {
            JsonNode figures = oracle.get(result.snapshot());
            String field = result.budget().scope() == Scope.SELF ? "selfByDirectory" : "totalByDirectory";
            long before = figures.get("before").get(field).path(result.budget().path()).asLong(0);
            long after = figures.get("after").get(field).path(result.budget().path()).asLong(0);
            String what = result.budget().path() + " " + result.budget().scope() + " in " + result.snapshot();
            assertEquals(after, result.actualBytes(), what);
            assertEquals(before, result.growth().baselineBytes(), what);
            assertEquals(after - before, result.growth().deltaBytes(), what);
            compared++;
        }
        assertEquals(directories.size() * 2 * 3, compared);
    }

    @Test
    void theLeakFailsTheGrowthBudgetNamingTheLineThatGrewAndTheDiffGraph() throws Exception {
        Path baseline = baselineReport();
        Path output = temp.resolve("after-report");
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(FIXTURES.resolve("after"), output, baseline, List.of(
                new Budget("client/controller", 4L << 20, "4 MiB", Scope.SELF, null, BudgetLevel.FAIL,
                        GrowthLimit.parse("10%")),
                growthOnly("client/ui", Scope.INCLUSIVE, "1 KiB")), log);

        assertFalse(outcome.passed());
        BudgetResult battle = outcome.exceeded().get(0);
        assertEquals(BATTLE, battle.snapshot());
        assertEquals(BudgetStatus.OK, battle.limitStatus());
        assertEquals(List.of(new SiteChange("client/controller/battle_controller.py:37", null, 739_246, 986_972)),
                battle.growth().topChanges());
        assertEquals(179_328, battle.growth().allowedBytes());
        assertEquals(1, outcome.exceeded().size());

        List<String> lines = log.linesWithoutTimes();
        int start = lines.indexOf("[ERROR] Memory growth exceeded: client/controller (self) in scene-3-battle.pickle: "
                + "+241.9 KiB since baseline (+13.8%) > allowed +10% of the baseline (175.1 KiB)");
        assertTrue(start >= 0, String.join("\n", lines));
        assertEquals(List.of(
                "[ERROR]   before 1,793,282 bytes, after 2,040,976 bytes, delta +247,694 bytes, allowed 179,328 bytes "
                        + "(configured as '10%')",
                "[ERROR]   lines that grew most:",
                "[ERROR]     +241.9 KiB  client/controller/battle_controller.py:37 (721.9 KiB -> 963.8 KiB)",
                "[ERROR]   differential flame graph: " + output.resolve("scene-3-battle.pickle.path.diff.svg")),
                lines.subList(start + 1, start + 5));
        assertTrue(lines.contains("[INFO] Memory budget client/controller (self) in scene-2-town.pickle: 309.1 KiB of "
                + "4.0 MiB (7.5%), 0 B since baseline (0.0%, allowed +10% of the baseline (30.9 KiB))"),
                String.join("\n", lines));
        assertTrue(lines.contains("[INFO] Memory budget client/ui (inclusive) in scene-3-battle.pickle: 305.2 KiB, "
                + "0 B since baseline (0.0%, allowed +1.0 KiB)"), String.join("\n", lines));
        int baselineLine = lines.indexOf("[INFO] Baseline: " + baseline.resolve("memflame.json") + ", 3 of 3 "
                + "snapshots compared");
        assertTrue(baselineLine >= 0, String.join("\n", lines));
        assertEquals(List.of("[INFO] Frames are matched with the baseline by path:line (no sourceRoots are set), so "
                + "edits that move lines show as changes; with sourceRoots, frames are matched by function and line "
                + "text.",
                "[INFO] scene-1-login.pickle: 182.7 KiB, -1 B since baseline (was 182.7 KiB)",
                "[INFO] scene-2-town.pickle: 799.6 KiB, -2 B since baseline (was 799.6 KiB)",
                "[INFO] scene-3-battle.pickle: 2.5 MiB, +241.9 KiB since baseline (was 2.2 MiB)"),
                lines.subList(baselineLine + 1, baselineLine + 5));
    }

    @Test
    void aGrowthWithinItsLimitsShowsInThePassingLineAsTheReadmeSays() throws Exception {
        RecordingListener log = new RecordingListener();
        check(FIXTURES.resolve("after"), temp.resolve("after-report"), baselineReport(), List.of(new Budget(
                "client/controller", 20L << 20, "20 MiB", Scope.SELF, BATTLE, BudgetLevel.FAIL, GrowthLimit.parse("20%"))),
                log);
        assertTrue(log.lines().contains("[INFO] Memory budget client/controller (self) in scene-3-battle.pickle: "
                + "1.9 MiB of 20.0 MiB (9.7%), +241.9 KiB since baseline (+13.8%, allowed +20% of the baseline "
                + "(350.3 KiB))"), String.join("\n", log.lines()));
    }

    @Test
    void aRenamedSnapshotIsNewAndItsOldNameMissing() throws Exception {
        Path baseline = baselineReport();
        Path renamed = temp.resolve("renamed");
        Files.createDirectories(renamed);
        try (var dumps = Files.list(FIXTURES.resolve("after"))) {
            for (Iterator<Path> it = dumps.iterator(); it.hasNext(); ) {
                Path dump = it.next();
                String name = dump.getFileName().toString().replace("scene-2-town", "scene-2-city");
                Files.copy(dump, renamed.resolve(name));
            }
        }
        RecordingListener log = new RecordingListener();
        Path output = temp.resolve("renamed-report");
        CheckOutcome outcome = check(renamed, output, baseline.resolve("memflame.json"),
                List.of(growthOnly("client", Scope.SELF, "1 MiB")), log);

        assertTrue(outcome.passed());
        List<String> lines = log.linesWithoutTimes();
        assertTrue(lines.contains("[INFO] Snapshot scene-2-city.pickle is new since the baseline: its growth is not "
                + "checked"), String.join("\n", lines));
        assertTrue(lines.contains("[WARNING] Snapshot scene-2-town.pickle is in the baseline but not in this run "
                + "(renamed, or no longer written?): it is not compared"), String.join("\n", lines));
        assertTrue(lines.contains("[INFO] Memory budget client (self) in scene-2-city.pickle: 559.6 KiB; growth not "
                + "checked: no baseline figure for this snapshot"), String.join("\n", lines));
        assertTrue(lines.contains("[INFO] Memory budgets: 3 checks, 0 exceeded, 0 nearly used, 0 unmatched, 1 not checked "
                + "(growth only, no baseline figure)"), String.join("\n", lines));

        JsonNode json = new ObjectMapper().readTree(output.resolve("memflame.json").toFile());
        assertEquals(baseline.resolve("memflame.json").toString(), json.get("baseline").get("source").textValue());
        assertEquals("[\"scene-2-town.pickle\"]", json.get("baseline").get("missingSnapshots").toString());
        Map<String, JsonNode> snapshots = new java.util.HashMap<>();
        json.get("snapshots").forEach(snapshot -> snapshots.put(snapshot.get("name").textValue(), snapshot));
        assertTrue(snapshots.get("scene-2-city.pickle").get("new").booleanValue());
        assertEquals(oracle().get(BATTLE).get("before").get("totalBytes").longValue(),
                snapshots.get(BATTLE).get("baselineTotalBytes").longValue());
        assertNull(snapshots.get(BATTLE).get("new"));

        // The aggregate reads it as any module's summary, and draws a growth-only budget without a limit.
        ReportSummary summary = SummaryReader.read(output.resolve("memflame.json"));
        assertEquals(2, summary.baselineFormat());
        assertEquals(List.of("ok", "not-checked", "ok"), summary.budgets().stream().map(ReportSummary.BudgetLine::status)
                .toList());
        assertNull(summary.budgets().get(0).limitBytes());
        Path aggregate = temp.resolve("aggregate");
        new MemflameAggregate(new RecordingListener()).run(List.of(new MemflameAggregate.Module("client", output)),
                aggregate);
        assertTrue(Files.readString(aggregate.resolve("index.html")).contains("title=\"growth limit only\">\u2014</td>"));
    }

    @Test
    void aBaselineThatIsNotThereWarnsOrFailsSayingWhereItLooked() throws Exception {
        Path nowhere = temp.resolve("no-such-baseline");
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(FIXTURES.resolve("after"), temp.resolve("report"), nowhere,
                List.of(growthOnly("client", Scope.SELF, "1 MiB")), log);
        assertTrue(outcome.passed());
        assertTrue(log.lines().contains("[WARNING] No baseline at " + nowhere + " (not found): growth "
                + "not checked. Set failIfNoBaseline=true to make this an error."), log.lines().toString());
        assertTrue(outcome.report().budgets().stream().allMatch(r -> r.status() == BudgetStatus.NOT_CHECKED));
        assertNull(outcome.report().baseline());

        Path empty = Files.createDirectories(temp.resolve("empty-cache"));
        CheckFailure failure = assertThrows(CheckFailure.class, () -> new MemflameCheck(
                CheckSettingsBuilder.snapshots(FIXTURES.resolve("after")).output(temp.resolve("report2"))
                        .stripPrefixes(STRIP).baseline(empty).failIfNoBaseline(true).build(),
                new RecordingListener()).run());
        assertEquals("No baseline at " + empty + " (the directory holds no memflame.json): growth not "
                + "checked, and failIfNoBaseline is true. Restore the last green build's report there, or set "
                + "baseline to where it is.", failure.getMessage());
        assertFalse(Files.exists(temp.resolve("report2")), "nothing written");
    }

    @Test
    void aBrokenBaselineFailsTheCheckRatherThanCheckingNothing() throws Exception {
        Path baseline = baselineReport();
        Path summary = baseline.resolve("memflame.json");
        Files.writeString(summary, Files.readString(summary).replace("\"baselineFormat\" : 2", "\"baselineFormat\" : 7"));
        CheckFailure failure = assertThrows(CheckFailure.class, () -> check(FIXTURES.resolve("after"),
                temp.resolve("report"), baseline, List.of(), new RecordingListener()));
        assertEquals(summary + ": expected \"baselineFormat\": 1 to 2 and \"schema\": 1, found baselineFormat 7 and "
                + "schema 1: "
                + "written by another memflame version; make a new baseline with this one", failure.getMessage());
    }
}
