package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps and baselines are untrusted, and a folded dump may claim any count up to {@link Long#MAX_VALUE} bytes:
 * figures computed from such claims neither overflow nor wrap. On main a {@code maxGrowth} of 200% over a baseline
 * figure of 6 EB ended the build with {@code ArithmeticException: Overflow}, naming nothing, and two dumps of
 * 6 and 7 EB were "-4.7 EiB traced" in {@code memflame.md}.
 */
class HugeFiguresTest {
    private static final long SIX_EXABYTES = 6_000_000_000_000_000_000L;

    @TempDir
    Path temp;

    private Path snapshots(long client, long server) throws Exception {
        Path snapshots = Files.createDirectories(temp.resolve("snapshots-" + client));
        Files.writeString(snapshots.resolve("client.folded"), "main.py:1;client/x.py:1 " + client + "\n");
        Files.writeString(snapshots.resolve("server.folded"), "main.py:1;server/y.py:1 " + server + "\n");
        return snapshots;
    }

    @Test
    void aPercentageOfAHugeBaselineFigureSaturatesAndTotalsAddUpExactly() throws Exception {
        List<Budget> budgets = List.of(Budget.parse("budget 1 (path 'client')", "client", null, "200%", "self", null,
                null));
        Path baseline = temp.resolve("baseline");
        new MemflameCheck(CheckSettingsBuilder.snapshots(snapshots(SIX_EXABYTES, SIX_EXABYTES)).budgets(budgets)
                .output(baseline).build(), new RecordingListener()).run();

        Path output = temp.resolve("report");
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = new MemflameCheck(CheckSettingsBuilder.snapshots(snapshots(7_000_000_000_000_000_000L,
                SIX_EXABYTES)).budgets(budgets).baseline(baseline).output(output).build(), log).run();

        assertTrue(outcome.passed(), String.join("\n", log.lines()));
        BudgetResult client = outcome.report().budgets().get(0);
        assertEquals(1_000_000_000_000_000_000L, client.growth().deltaBytes());
        // 200% of 6 EB is 12 EB, more than a long holds: no growth can exceed it.
        assertEquals(Long.MAX_VALUE, client.growth().allowedBytes());
        JsonNode growth = new ObjectMapper().readTree(output.resolve("memflame.json").toFile())
                .get("budgets").get(0).get("growth");
        assertEquals(Long.MAX_VALUE, growth.get("limitBytes").longValue());
        assertEquals("ok", growth.get("status").textValue());
        // 13 EB in all: 11.3 EiB, not a wrapped negative figure.
        assertTrue(Files.readString(output.resolve("memflame.md")).contains("2 snapshots, 11.3 EiB traced"),
                Files.readString(output.resolve("memflame.md")));
        assertTrue(Files.readString(output.resolve("index.html")).contains("11.3 EiB traced"));
    }
}
