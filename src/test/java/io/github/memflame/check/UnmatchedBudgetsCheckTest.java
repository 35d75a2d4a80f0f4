package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.GrowthLimit;
import io.github.memflame.budget.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first setup that checks nothing must not pass: budgets that match nothing fail the build with what to change,
 * budgets never disappear, and the run warns where the dumps cannot answer (flat stacks, dumps of an earlier run,
 * growth limits without a baseline). The dumps are real CPython 3.12 ones of src/it (make_it_snapshots.py).
 */
class UnmatchedBudgetsCheckTest {
    private static final Path DUMPS = Path.of("src/it/unmatched-snapshots/snapshots");
    private static final String STRIP = "/ci/game/src/main/python";

    @TempDir
    Path temp;

    private static Budget budget(String path, String snapshots) {
        return new Budget(path, 1 << 20, "1 MiB", Scope.SELF, snapshots);
    }

    private CheckOutcome check(CheckSettingsBuilder settings, RecordingListener log) throws Exception {
        return new MemflameCheck(settings.output(temp.resolve("report"))
                .ciOutputs(new CiOutputs(temp.resolve("TEST-memflame.xml"), null)).build(), log).run();
    }

    private static CheckSettingsBuilder dumps() {
        return CheckSettingsBuilder.snapshots(DUMPS).stripPrefixes(List.of(STRIP));
    }

    @Test
    void aMisspeltBudgetFailsTheRunSayingWhatItMeant() throws Exception {
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(dumps().budgets(List.of(budget("client/ui", null), budget("client/combt", null))),
                log);
        assertFalse(outcome.passed());
        assertEquals(List.of(), outcome.exceeded());
        assertEquals("1 memory budget matched nothing", outcome.failureSummary());
        List<String> lines = log.lines();
        assertTrue(lines.contains("[ERROR] Memory budget client/combt (self) matched no allocation in any of the 3 "
                + "snapshots it applies to"), String.join("\n", lines));
        assertTrue(lines.contains("[ERROR]   did you mean client/combat?"), String.join("\n", lines));
        assertTrue(lines.contains("[INFO] Memory budgets: 6 checks, 0 exceeded, 0 nearly used, 3 unmatched (1 budget, "
                + "failing the build)"), String.join("\n", lines));
        JsonNode json = new ObjectMapper().readTree(temp.resolve("report/memflame.json").toFile());
        assertEquals("failed", json.get("result").textValue());
        String junit = Files.readString(temp.resolve("TEST-memflame.xml"));
        assertTrue(junit.contains("failures=\"3\""), junit);
        assertTrue(junit.contains("type=\"memory budget unmatched\""), junit);
    }

    @Test
    void withFailOnUnmatchedFalseOrLevelWarnAnUnmatchedBudgetOnlyWarns() throws Exception {
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(dumps().failOnUnmatched(false).budgets(List.of(budget("client/combt", null))), log);
        assertTrue(outcome.passed());
        assertTrue(log.lines().contains("[WARNING] Memory budget client/combt (self) matched no allocation in any of "
                + "the 3 snapshots it applies to (failOnUnmatched is false, the build goes on)"), log.lines().toString());
        assertTrue(log.lines().contains("[INFO] Memory budgets: 3 checks, 0 exceeded, 0 nearly used, 3 unmatched "
                + "(1 budget, not failing the build)"), log.lines().toString());
        assertTrue(Files.readString(temp.resolve("TEST-memflame.xml")).contains("skipped=\"3\""));

        RecordingListener warned = new RecordingListener();
        Budget introduced = new Budget("client/combt", 1 << 20, "1 MiB", Scope.SELF, null, BudgetLevel.WARN);
        assertTrue(check(dumps().budgets(List.of(introduced)), warned).passed());
        assertTrue(warned.lines().contains("[WARNING] Memory budget client/combt (self) matched no allocation in any "
                + "of the 3 snapshots it applies to (level warn, the build goes on)"), warned.lines().toString());
    }

    @Test
    void aBudgetWhoseSnapshotsGlobMatchesNoneIsReportedEverywhereAndFails() throws Exception {
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(dumps().budgets(List.of(budget("client/combat", "**/*raid*"))), log);
        assertFalse(outcome.passed());
        assertTrue(log.lines().contains("[ERROR] Memory budget client/combat (self) applies to no snapshot: "
                + "<snapshots>**/*raid*</snapshots> matches none of the 3 snapshots read"), log.lines().toString());
        JsonNode budgets = new ObjectMapper().readTree(temp.resolve("report/memflame.json").toFile()).get("budgets");
        assertEquals(1, budgets.size());
        assertTrue(budgets.get(0).get("snapshot").isNull());
        assertEquals("**/*raid*", budgets.get(0).get("snapshotsGlob").textValue());
        assertEquals("unmatched", budgets.get(0).get("status").textValue());
        String markdown = Files.readString(temp.resolve("report/memflame.md"), StandardCharsets.UTF_8);
        assertFalse(markdown.contains("No budgets are configured"), markdown);
        assertTrue(markdown.contains("| `client/combat` | self | none matches `**/*raid*` | 0 B | 1.0 MiB | "
                + "\u274c **unmatched** |"), markdown);
        String index = Files.readString(temp.resolve("report/index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("<em>none matches **/*raid*</em>"), index);
        String junit = Files.readString(temp.resolve("TEST-memflame.xml"));
        assertTrue(junit.contains("<testcase classname=\"(no snapshot)\" name=\"client/combat (self)\""), junit);
    }

    @Test
    void withoutAnyDumpUnderFailIfNoSnapshotsFalseBudgetsAreReportedButDoNotFail() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(CheckSettingsBuilder.snapshots(empty).failIfNoSnapshots(false)
                .budgets(List.of(budget("client", null))), log);
        assertTrue(outcome.passed());
        assertTrue(log.lines().contains("[WARNING] Memory budget client (self) was checked against no snapshot: none "
                + "was read"), log.lines().toString());
        String markdown = Files.readString(temp.resolve("report/memflame.md"), StandardCharsets.UTF_8);
        assertTrue(markdown.contains("| `client` | self | none read | 0 B | 1.0 MiB | \u2754 unmatched |"), markdown);
    }

    @Test
    void aDumpWithOneFramePerTraceIsNamedInOneWarning() throws Exception {
        RecordingListener log = new RecordingListener();
        check(dumps(), log);
        assertEquals(List.of("[WARNING] 1 of 3 snapshots record one frame per trace (scene-1-login.pickle): the stack "
                + "view is flat, and an inclusive budget counts only the allocating file. tracemalloc.start() records "
                + "one frame; tracemalloc.start(25) records call stacks of up to 25 frames."),
                log.lines().stream().filter(line -> line.contains("frame per trace")).toList());
    }

    @Test
    void dumpsOlderThanTheBuildAreNamedWithTheirAge() throws Exception {
        Path dumps = temp.resolve("snapshots");
        Files.createDirectories(dumps);
        Instant buildStart = Instant.parse("2024-05-18T10:00:00Z");
        for (String name : List.of("scene-2-town.pickle", "scene-3-battle.pickle")) {
            Files.copy(DUMPS.resolve(name), dumps.resolve(name));
        }
        Files.setLastModifiedTime(dumps.resolve("scene-2-town.pickle"),
                FileTime.from(buildStart.minus(Duration.ofMinutes(185))));
        Files.setLastModifiedTime(dumps.resolve("scene-3-battle.pickle"),
                FileTime.from(buildStart.minus(Duration.ofDays(2))));
        RecordingListener log = new RecordingListener();
        check(CheckSettingsBuilder.snapshots(dumps).buildStart(buildStart), log);
        assertEquals(List.of("[WARNING] All 2 memory snapshots were written 3 h 5 min to 2 days before this build "
                + "started (scene-2-town.pickle, scene-3-battle.pickle): left from an earlier run, e.g. -DskipTests "
                + "without clean? They are checked as they are; run the tests again (mvn clean verify) to check this "
                + "build's code."), log.lines().stream().filter(line -> line.contains("before this build")).toList());

        // Written in this build (within the file system's two-second granularity), or no start known: no warning.
        Files.setLastModifiedTime(dumps.resolve("scene-2-town.pickle"), FileTime.from(buildStart.minusSeconds(1)));
        Files.setLastModifiedTime(dumps.resolve("scene-3-battle.pickle"), FileTime.from(buildStart.plusSeconds(60)));
        for (Instant start : java.util.Arrays.asList(buildStart, null)) {
            RecordingListener quiet = new RecordingListener();
            check(CheckSettingsBuilder.snapshots(dumps).buildStart(start), quiet);
            assertTrue(quiet.lines().stream().noneMatch(line -> line.contains("before this build")),
                    quiet.lines().toString());
        }
    }

    @Test
    void growthLimitsWithoutAnyBaselineConfiguredAreWarnedOfOnce() throws Exception {
        Budget growthOnly = new Budget("common", Budget.NO_MAX, null, Scope.SELF, null, BudgetLevel.FAIL,
                GrowthLimit.parse("10%"));
        Budget both = new Budget("client", 1 << 20, "1 MiB", Scope.SELF, null, BudgetLevel.FAIL,
                GrowthLimit.parse("64 KiB"));
        RecordingListener log = new RecordingListener();
        check(dumps().budgets(List.of(growthOnly, both)), log);
        assertEquals(List.of("[WARNING] 2 budgets have a maxGrowth, but no baseline is configured, so no growth is "
                + "checked in this build: common (maxGrowth 10%), client (maxGrowth 64 KiB). Set baseline to an "
                + "earlier run's report, e.g. -Dmemflame.baseline=last-green/memflame."),
                log.lines().stream().filter(line -> line.contains("maxGrowth")).toList());

        // A configured baseline that is not there has its own warning.
        RecordingListener missing = new RecordingListener();
        check(dumps().budgets(List.of(growthOnly)).baseline(temp.resolve("no-such-baseline")), missing);
        assertTrue(missing.lines().stream().noneMatch(line -> line.contains("no baseline is configured")),
                missing.lines().toString());
    }

    @Test
    void noLogLineOrJunitMessageGrowsWithTheNumberOfFiles() throws Exception {
        Path dumps = temp.resolve("wide");
        Files.createDirectories(dumps);
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            folded.append("/build/f").append(i).append(".py:1 8\n");
        }
        Files.writeString(dumps.resolve("wide.folded"), folded);
        RecordingListener log = new RecordingListener();
        check(CheckSettingsBuilder.snapshots(dumps).budgets(List.of(budget("client", null))), log);
        assertTrue(log.lines().contains("[ERROR]   top-level paths holding memory: build"), log.lines().toString());
        check(CheckSettingsBuilder.snapshots(dumps).stripPrefixes(List.of("/build")).budgets(
                List.of(budget("client", null))), log);
        String topLevel = log.lines().stream()
                .filter(line -> line.startsWith("[ERROR]   top-level paths holding memory: f0.py, f1.py, f10.py, "))
                .findFirst().orElseThrow();
        assertTrue(topLevel.endsWith(" and 4,980 more"), topLevel);
        assertTrue(log.lines().stream().allMatch(line -> line.length() < 1000), log.lines().toString());
        assertTrue(Files.size(temp.resolve("TEST-memflame.xml")) < 4000);
    }
}
