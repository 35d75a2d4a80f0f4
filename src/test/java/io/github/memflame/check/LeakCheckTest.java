package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.run.LeakCheck;
import io.github.memflame.run.LeakCheckResult;
import io.github.memflame.run.RunChecks;
import io.github.memflame.run.RunOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leak checks on a real CPython 3.11 run of the demo game ({@code src/test/resources/run/rounds}, from
 * {@code make_run_fixtures.py}): five battle rounds, {@code battle_controller.py:30} keeping 40 KiB more every
 * round, {@code battle_controller.py:27} filling a 200 KiB sprite cache in round 1 only. The slope and the suspects
 * are checked against CPython's own per-round figures ({@code oracle.json}).
 */
class LeakCheckTest {
    private static final Path RUN = Path.of("src/test/resources/run");
    private static final Path ROUNDS = RUN.resolve("rounds");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");

    @TempDir
    Path temp;

    private static JsonNode oracle() throws IOException {
        return new ObjectMapper().readTree(RUN.resolve("oracle.json").toFile()).get("rounds");
    }

    private CheckOutcome check(Path snapshots, Path output, RecordingListener log, LeakCheck... checks)
            throws Exception {
        return new MemflameCheck(CheckSettingsBuilder.snapshots(snapshots).output(output).stripPrefixes(STRIP)
                .ciOutputs(new CiOutputs(output.resolveSibling(output.getFileName() + "-junit.xml"), null))
                .run(new RunChecks(RunOrder.NAME, List.of(), List.of(checks))).build(), log).run();
    }

    private static LeakCheck battleRounds(int warmup, String maxGrowthPerRound) {
        return LeakCheck.parse(1, null, "battle-round-*", warmup, "client", null, maxGrowthPerRound, null);
    }

    /** CPython's figure of client (self) in each round, in round order. */
    private static long[] cpythonFigures(JsonNode oracle) {
        List<String> names = new ArrayList<>();
        oracle.get("selfByDirectory").fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names.stream().mapToLong(name -> oracle.get("selfByDirectory").get(name).get("client").asLong())
                .toArray();
    }

    /** The least-squares slope of y over x = 0, 1, 2, ..., in plain floating point. */
    private static double leastSquares(long[] y) {
        double meanX = (y.length - 1) / 2.0;
        double meanY = 0;
        for (long value : y) {
            meanY += value / (double) y.length;
        }
        double num = 0;
        double den = 0;
        for (int x = 0; x < y.length; x++) {
            num += (x - meanX) * (y[x] - meanY);
            den += (x - meanX) * (x - meanX);
        }
        return num / den;
    }

    @Test
    void theSlopeIsTheLeastSquaresFitOfCPythonsFiguresAndTheLeakingLineIsTheOnlySuspect() throws Exception {
        JsonNode oracle = oracle();
        long[] figures = cpythonFigures(oracle);
        assertEquals(5, figures.length);
        long[] measured = java.util.Arrays.copyOfRange(figures, 1, 5);
        double expectedSlope = leastSquares(measured);

        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(ROUNDS, temp.resolve("report"), log, battleRounds(1, "64 KiB"));
        assertTrue(outcome.passed());
        LeakCheckResult result = outcome.report().run().leakChecks().get(0);
        assertEquals(LeakCheckResult.LeakStatus.OK, result.status());
        assertEquals(5, result.rounds().size());
        assertTrue(result.rounds().get(0).warmup());
        for (int i = 0; i < 5; i++) {
            assertEquals(figures[i], result.rounds().get(i).bytes(), "round " + (i + 1));
        }
        assertEquals(expectedSlope, result.slope(), 1.0);

        String leak = oracle.get("leak").asText();
        assertEquals(1, result.suspects().size(), result.suspects().toString());
        LeakCheckResult.Suspect suspect = result.suspects().get(0);
        assertEquals(leak, suspect.site());
        List<Long> perRound = new ArrayList<>();
        for (int round = 2; round <= 5; round++) {
            perRound.add(oracle.get("byLine").get("battle-round-" + round + ".pickle").get(leak).asLong());
        }
        assertEquals(perRound, suspect.bytes());

        String cache = oracle.get("cache").asText();
        assertTrue(result.suspects().stream().noneMatch(s -> s.site().equals(cache)), "the cache is no suspect");
        assertEquals(204889, oracle.get("byLine").get("battle-round-1.pickle").get(cache).asLong(),
                "the cache filled in round 1 and stays flat");
        assertEquals(204889, oracle.get("byLine").get("battle-round-5.pickle").get(cache).asLong());

        assertTrue(log.lines().contains(String.format(Locale.ROOT, "[INFO] Memory leak check client (self) in "
                + "battle-round-*: +%s per round over 4 measured rounds (allowed +64.0 KiB per round), 1 line grew in "
                + "every round", io.github.memflame.format.Numbers.bytes(Math.round(expectedSlope)))),
                log.lines().toString());
        assertTrue(Files.isRegularFile(temp.resolve("report/run/battle-round-2.pickle-to-battle-round-5.pickle"
                + ".path.diff.svg")));
    }

    @Test
    void anExceededLeakCheckGivesTheRoundsTheSlopeAndTheSuspectsAndFails() throws Exception {
        JsonNode oracle = oracle();
        long[] figures = cpythonFigures(oracle);
        String leak = oracle.get("leak").asText();
        Path output = temp.resolve("report");
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(ROUNDS, output, log, battleRounds(1, "32 KiB"));
        assertFalse(outcome.passed());
        assertEquals("1 memory leak check failed", outcome.failureSummary());
        LeakCheckResult result = outcome.report().run().leakChecks().get(0);
        List<String> lines = log.lines();
        int first = lines.indexOf("[ERROR] Memory leak check exceeded: client (self) in battle-round-*: +40.0 KiB per "
                + "round > allowed +32.0 KiB per round");
        assertTrue(first >= 0, lines.toString());
        assertEquals("[ERROR]   rounds:", lines.get(first + 1));
        assertEquals(String.format(Locale.ROOT, "[ERROR]     %15s bytes  battle-round-1.pickle (warm-up, not measured)",
                String.format(Locale.ROOT, "%,d", figures[0])), lines.get(first + 2));
        assertEquals(String.format(Locale.ROOT, "[ERROR]     %15s bytes  battle-round-5.pickle",
                String.format(Locale.ROOT, "%,d", figures[4])), lines.get(first + 6));
        assertEquals(String.format(Locale.ROOT, "[ERROR]   slope %+,.1f bytes per round (least squares over 4 measured "
                + "rounds), allowed 32,768 bytes per round (configured as '32 KiB')", result.slope()),
                lines.get(first + 7));
        assertEquals("[ERROR]   lines that grew in every measured round (leak suspects):", lines.get(first + 8));
        List<Long> bytes = result.suspects().get(0).bytes();
        assertEquals(String.format(Locale.ROOT, "[ERROR]     +120.2 KiB  %s: %,d -> %,d -> %,d -> %,d bytes", leak,
                bytes.get(0), bytes.get(1), bytes.get(2), bytes.get(3)), lines.get(first + 9));
        assertEquals("[ERROR]   differential flame graph: " + output.resolve("run/battle-round-2.pickle-to-"
                + "battle-round-5.pickle.path.diff.svg"), lines.get(first + 10));

        JsonNode entry = new ObjectMapper().readTree(output.resolve("memflame.json").toFile()).get("leakChecks").get(0);
        assertEquals("exceeded", entry.get("status").asText());
        assertTrue(entry.get("failsBuild").asBoolean());
        assertEquals(result.slope(), entry.get("slopeBytesPerRound").asDouble(), 0.0);
        assertEquals(figures[0], entry.get("rounds").get(0).get("bytes").asLong());
        assertTrue(entry.get("rounds").get(0).get("warmup").asBoolean());
        assertEquals(leak, entry.get("suspects").get(0).get("site").asText());
        assertEquals(1, entry.get("suspects").size());

        String junit = Files.readString(temp.resolve("report-junit.xml"));
        assertTrue(junit.contains("<testcase classname=\"memory leak check\" name=\"client (self) battle-round-*\" "
                + "time=\"0\">\n      <failure message=\"Memory leak check exceeded: client (self) in battle-round-*: "
                + "+40.0 KiB per round &gt; allowed +32.0 KiB per round\" type=\"memory leak check exceeded\">"), junit);
        String md = Files.readString(output.resolve("memflame.md"));
        assertTrue(md.contains("### Leak checks\n"), md);
        assertTrue(md.contains("| `client` | self | `battle-round-*` | 4 | +40.0 KiB | 32 KiB | \u274c **exceeded** | `"
                + leak + "` "), md);
    }

    @Test
    void withoutAWarmUpTheCacheRoundStillMakesNoSuspect() throws Exception {
        CheckOutcome outcome = check(ROUNDS, temp.resolve("report"), new RecordingListener(),
                battleRounds(0, "64 KiB"));
        LeakCheckResult result = outcome.report().run().leakChecks().get(0);
        assertEquals(List.of(oracle().get("leak").asText()),
                result.suspects().stream().map(LeakCheckResult.Suspect::site).toList());
    }

    @Test
    void fewerThanThreeMeasuredRoundsCannotDecideAndSaysWhy() throws Exception {
        Path twoRounds = Files.createDirectories(temp.resolve("three"));
        for (int round = 1; round <= 3; round++) {
            Files.copy(ROUNDS.resolve("battle-round-" + round + ".pickle"),
                    twoRounds.resolve("battle-round-" + round + ".pickle"));
        }
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = check(twoRounds, temp.resolve("report"), log, battleRounds(1, "64 KiB"));
        assertFalse(outcome.passed());
        LeakCheckResult result = outcome.report().run().leakChecks().get(0);
        assertEquals(LeakCheckResult.LeakStatus.UNDECIDED, result.status());
        assertNull(result.slope());
        assertTrue(log.lines().contains("[ERROR] Memory leak check cannot decide: client (self) in battle-round-*: 2 "
                + "measured rounds (3 matched, 1 warm-up), it needs at least 3. Let the test run play more rounds, or "
                + "lower <warmup>"), log.lines().toString());

        RecordingListener warned = new RecordingListener();
        CheckOutcome warnOnly = check(twoRounds, temp.resolve("warn"), warned,
                LeakCheck.parse(1, null, "battle-round-*", 1, "client", null, "64 KiB", "warn"));
        assertTrue(warnOnly.passed());
        assertTrue(warned.lines().stream().anyMatch(line -> line.startsWith("[WARNING] Memory leak check cannot decide "
                + "(level warn, the build goes on)")), warned.lines().toString());
    }

    @Test
    void aGlobMatchingNothingOrAPathMatchingNothingStopsTheCheck() {
        CheckFailure none = assertThrows(CheckFailure.class, () -> check(ROUNDS, temp.resolve("report"),
                new RecordingListener(), LeakCheck.parse(2, null, "raid-*", 1, "client", null, "64 KiB", null)));
        assertTrue(none.getMessage().startsWith("Memory leak check 2 (client, raid-*): <snapshots>raid-*</snapshots> "
                + "matches no snapshot of any run; snapshots read: battle-round-1.pickle"), none.getMessage());
        CheckFailure path = assertThrows(CheckFailure.class, () -> check(ROUNDS, temp.resolve("report"),
                new RecordingListener(), LeakCheck.parse(3, null, "battle-*", 1, "server", null, "64 KiB", null)));
        assertTrue(path.getMessage().startsWith("Memory leak check 3 (server, battle-*): path 'server' (self) matches "
                + "no allocation in any of the 5 rounds of the run"), path.getMessage());
        assertEquals("leak check 4 (client, battle-*): <warmup> must be 0 or more rounds, was -1",
                assertThrows(IllegalArgumentException.class, () -> LeakCheck.parse(4, null, "battle-*", -1, "client",
                        null, "64 KiB", null)).getMessage());
        assertEquals("leak check 5 (client, battle-*): <maxGrowthPerRound> is missing; write e.g. "
                        + "<maxGrowthPerRound>64 KiB</maxGrowthPerRound>",
                assertThrows(IllegalArgumentException.class, () -> LeakCheck.parse(5, null, "battle-*", 1, "client",
                        null, " ", null)).getMessage());
    }
}
