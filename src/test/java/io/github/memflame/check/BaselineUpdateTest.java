package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.baseline.BaselineCopier;
import io.github.memflame.baseline.BaselineException;
import io.github.memflame.budget.Budget;
import io.github.memflame.output.OutputDirectory;
import io.github.memflame.output.OutputKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.github.memflame.run.Comparison;
import io.github.memflame.run.RunChecks;
import io.github.memflame.run.RunOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accepting an intended growth in one command, and a baseline a reviewer can read, on the real runs of
 * {@code src/test/resources/baseline} (the second leaks 8 KiB per battle round in client/controller).
 */
class BaselineUpdateTest {
    private static final Path FIXTURES = Path.of("src/test/resources/baseline");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");
    private static final String BATTLE = "scene-3-battle.pickle";
    private static final String NOT_UPDATED = "[WARNING] Baseline not updated: the check failed (a budget's max, "
            + "not its growth, an unmatched budget, or a check across the run); ";

    @TempDir
    Path temp;

    @Test
    void aGrowthFailureEndsSayingHowToAcceptItAndAcceptingItMakesTheNextCheckPass() throws Exception {
        Path committed = committedBaseline();
        Budget controller = Budget.parse("budget 1", "client/controller", "5 MiB", "10%", null, null, null);
        BaselineUpdate update = new BaselineUpdate(committed, false);

        RecordingListener failing = new RecordingListener();
        CheckOutcome failed = check("after", "failed", committed, List.of(controller), update, failing);
        assertFalse(failed.passed());
        List<String> lines = failing.lines();
        int grew = lines.indexOf("[ERROR]   lines that grew most:");
        assertTrue(grew > 0, String.join("\n", lines));
        assertEquals("[ERROR]   To accept this growth as the new baseline: mvn verify -Dmemflame.updateBaseline, "
                + "then commit " + committed, lines.get(grew + 3), String.join("\n", lines));
        String junit = Files.readString(temp.resolve("failed-junit.xml"), StandardCharsets.UTF_8);
        assertTrue(junit.contains("To accept this growth as the new baseline: mvn verify -Dmemflame.updateBaseline"));

        RecordingListener accepting = new RecordingListener();
        CheckOutcome accepted = check("after", "accepted", committed, List.of(controller),
                new BaselineUpdate(committed, true), accepting);
        assertTrue(accepted.passed(), String.join("\n", accepting.lines()));
        assertTrue(accepted.report().budgets().get(2).growthExceeded(), "the growth is still measured and shown");
        JsonNode oracle = new ObjectMapper().readTree(FIXTURES.resolve("oracle.json").toFile()).get("snapshots");
        long before = oracle.at("/" + BATTLE + "/before/totalBytes").asLong();
        long after = oracle.at("/" + BATTLE + "/after/totalBytes").asLong();
        String updated = accepting.lines().stream().filter(line -> line.startsWith("[INFO] Baseline updated: " + BATTLE))
                .findFirst().orElseThrow(() -> new AssertionError(String.join("\n", accepting.lines())));
        Matcher rows = Pattern.compile("\\[INFO\\] Baseline updated: scene-3-battle\\.pickle: 2\\.2 MiB -> 2\\.5 MiB \\("
                + String.format("%,d", before) + " -> " + String.format("%,d", after)
                + " bytes\\), (\\d+) rows of scene-3-battle\\.pickle\\.lines\\.txt changed").matcher(updated);
        assertTrue(rows.matches(), updated);
        assertEquals(changedRows(FIXTURES.resolve("oracle.json")), Integer.parseInt(rows.group(1)),
                "the rows whose CPython figures differ between the runs");
        assertTrue(accepting.lines().contains("[INFO] Baseline written to " + committed + ": commit it"));
        assertTrue(Files.readString(committed.resolve(BATTLE + ".lines.txt")).contains(
                String.format("%12d", oracle.at("/" + BATTLE + "/after/byLine/client~1controller~1battle_controller.py:37")
                        .asLong()) + " "), "the baseline holds this run's figures");

        CheckOutcome next = check("after", "next", committed, List.of(controller), update, new RecordingListener());
        assertTrue(next.passed());
        assertEquals(0, next.report().budgets().get(2).growth().deltaBytes());
    }

    @Test
    void acceptingStillEnforcesEveryMaxAndThenWritesNoBaseline() throws Exception {
        Path committed = committedBaseline();
        byte[] lines = Files.readAllBytes(committed.resolve(BATTLE + ".lines.txt"));
        Budget tight = Budget.parse("budget 1", "client/controller", "1 MiB", "10%", null, null, null);
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check("after", "tight", committed, List.of(tight), new BaselineUpdate(committed, true),
                log);
        assertFalse(outcome.passed());
        assertTrue(log.lines().contains(NOT_UPDATED + committed + " is as it was"), String.join("\n", log.lines()));
        assertArrayEquals(lines, Files.readAllBytes(committed.resolve(BATTLE + ".lines.txt")));
    }

    @Test
    void aFailedCheckAcrossTheRunWritesNoBaselineEither() throws Exception {
        Path committed = committedBaseline();
        byte[] lines = Files.readAllBytes(committed.resolve(BATTLE + ".lines.txt"));
        RunChecks leakBetweenScenes = new RunChecks(RunOrder.NAME, List.of(Comparison.parse(1, null, "scene-1*",
                "scene-3*", "client", null, "1 B", null)), List.of());
        RecordingListener log = new RecordingListener();
        CheckSettings settings = CheckSettingsBuilder.snapshots(FIXTURES.resolve("after"))
                .output(temp.resolve("run-failed")).stripPrefixes(STRIP).baseline(committed).run(leakBetweenScenes)
                .build();
        CheckOutcome outcome = new MemflameCheck(settings, new BaselineUpdate(committed, true), log).run();
        assertFalse(outcome.passed(), String.join("\n", log.lines()));
        assertTrue(log.lines().contains(NOT_UPDATED + committed + " is as it was"), String.join("\n", log.lines()));
        assertArrayEquals(lines, Files.readAllBytes(committed.resolve(BATTLE + ".lines.txt")));
    }

    @Test
    void theBaselineGoalRefusesAFailedReportUnlessTold() throws Exception {
        Budget tight = Budget.parse("budget 1", "client/controller", "1 MiB", null, null, null, null);
        check("before", "report", null, List.of(tight), new BaselineUpdate(temp.resolve("unused"), false),
                new RecordingListener());
        Path report = temp.resolve("report");
        Path target = temp.resolve("baseline");
        BaselineException refused = assertThrows(BaselineException.class,
                () -> new BaselineCopier(1L << 30).copy(report, target));
        assertEquals("The report in " + report + " is of a check that failed (\"result\": \"failed\" in "
                + report.resolve("memflame.json") + "): a baseline of it would accept what failed. Make the check "
                + "pass, or accept its growth with mvn verify -Dmemflame.updateBaseline; to take this report anyway, "
                + "add -Dmemflame.baselineFromFailed", refused.getMessage());
        assertFalse(Files.exists(target), "nothing written");
        new BaselineCopier(1L << 30).copy(report, OutputDirectory.of(target, OutputKind.BASELINE), line -> { }, true);
        assertTrue(Files.isRegularFile(target.resolve("memflame.json")));
    }

    @Test
    void theLinesFilesOfTheSameDumpsAreByteIdentical() throws Exception {
        Path first = committedBaseline();
        Path second = temp.resolve("second");
        check("before", "again", null, List.of(), new BaselineUpdate(second, true), new RecordingListener());
        for (String snapshot : List.of("scene-1-login.pickle", "scene-2-town.pickle", BATTLE)) {
            assertArrayEquals(Files.readAllBytes(first.resolve(snapshot + ".lines.txt")),
                    Files.readAllBytes(second.resolve(snapshot + ".lines.txt")), snapshot);
        }
    }

    /** The allocating lines of the battle snapshot whose CPython figures differ between the two runs. */
    private static int changedRows(Path oracleFile) throws Exception {
        JsonNode battle = new ObjectMapper().readTree(oracleFile.toFile()).at("/snapshots/" + BATTLE);
        JsonNode before = battle.at("/before/byLine");
        JsonNode after = battle.at("/after/byLine");
        java.util.Set<String> sites = new java.util.TreeSet<>();
        before.fieldNames().forEachRemaining(sites::add);
        after.fieldNames().forEachRemaining(sites::add);
        int changed = 0;
        for (String site : sites) {
            if (before.path(site).asLong(-1) != after.path(site).asLong(-1)) {
                changed++;
            }
        }
        return changed;
    }

    /** The first run's report, copied as the committed baseline. */
    private Path committedBaseline() throws Exception {
        check("before", "first", null, List.of(), new BaselineUpdate(temp.resolve("unused"), false),
                new RecordingListener());
        Path committed = temp.resolve("src/test/memflame-baseline");
        new BaselineCopier(1L << 30).copy(temp.resolve("first"), committed);
        return committed;
    }

    private CheckOutcome check(String run, String name, Path baseline, List<Budget> budgets, BaselineUpdate update,
                               RecordingListener log) throws Exception {
        CheckSettings settings = CheckSettingsBuilder.snapshots(FIXTURES.resolve(run)).output(temp.resolve(name))
                .stripPrefixes(STRIP).baseline(baseline).budgets(budgets)
                .ciOutputs(new CiOutputs(temp.resolve(name + "-junit.xml"), null)).build();
        try {
            return new MemflameCheck(settings, update, log).run();
        } catch (CheckFailure e) {
            throw new AssertionError(e.getMessage() + "\n" + String.join("\n", log.lines()), e);
        }
    }
}
