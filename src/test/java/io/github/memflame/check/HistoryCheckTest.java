package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.history.HistorySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history in whole checks, on builds 1 and 8 of the twelve-build sequence ({@code make_history_fixtures.py}):
 * broken entries with and without drift limits, a history kept in the report itself, what CI systems are told.
 */
class HistoryCheckTest {
    private static final Path FIXTURES = Path.of("src/test/resources/history/sequence");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");
    private static final String PATH = "client/controller/battle_controller.py";
    private static final List<Budget> DRIFT = List.of(Budget.parse("budget 1", PATH, null, null, "20%", null, null,
            null));
    private static final List<Budget> LIMIT = List.of(Budget.parse("budget 1", PATH, "1 GiB", null, null, null, null,
            null));

    @TempDir
    Path temp;

    private CheckSettingsBuilder build(String label, Path output, Path history, List<Budget> budgets) {
        return CheckSettingsBuilder.snapshots(FIXTURES.resolve(label)).output(output).stripPrefixes(STRIP)
                .budgets(budgets).history(new HistorySettings(history, 100, label, null));
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aBrokenEntryIsAWarningLeftOutOfTheChartsAndCarriedOnWithoutDriftLimits() throws Exception {
        Path first = temp.resolve("first");
        new MemflameCheck(build("build-01", first, temp.resolve("no-history"), LIMIT).build(), new RecordingListener()).run();
        Path broken = first.resolve("history/build-000002.history.json");
        Files.writeString(broken, "{\"historyFormat\": 1, \"build\": 7}");
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = new MemflameCheck(build("build-08", temp.resolve("second"), first.resolve("history"),
                LIMIT).build(), log).run();
        assertTrue(outcome.passed());
        assertTrue(log.lines().contains("[WARNING] History entry left out: " + broken + ": line 1, column 31: not a "
                + "memflame history entry: at /build: expected a string, found 7 (its file is carried on unchanged "
                + "in the history for the next build, until the window leaves it behind)"),
                String.join("\n", log.lines()));
        assertTrue(log.lines().contains("[INFO] History: 1 earlier build read from " + first.resolve("history")
                + " (window of 100 builds)"), String.join("\n", log.lines()));
        // An entry this memflame cannot read (damaged, or of a later format) is not lost to the next build.
        assertEquals(List.of("build-000001.history.json", "build-000002.history.json", "build-000003.history.json"),
                files(temp.resolve("second/history")));
        assertEquals("{\"historyFormat\": 1, \"build\": 7}",
                Files.readString(temp.resolve("second/history/build-000002.history.json")));
        assertEquals(2, outcome.report().history().builds().size(), "charted: build-01 and this build");
        assertTrue(log.lines().contains("[INFO] History for the next build: 3 builds in "
                + temp.resolve("second").resolve("history")), String.join("\n", log.lines()));
    }

    @Test
    void aBrokenEntryFailsTheCheckWhenBudgetsMeasureDrift() throws Exception {
        Path first = temp.resolve("first");
        new MemflameCheck(build("build-01", first, temp.resolve("no-history"), DRIFT).build(), new RecordingListener()).run();
        Path broken = first.resolve("history/build-000002.history.json");
        Files.writeString(broken, "");
        CheckFailure failure = assertThrows(CheckFailure.class, () -> new MemflameCheck(build("build-08",
                temp.resolve("second"), first.resolve("history"), DRIFT).build(), new RecordingListener()).run());
        assertEquals("Cannot read a history entry, and budgets measure drift over the history (" + PATH
                + " (maxDrift 20%)): " + broken + ": not a memflame history entry: the file is empty (cut short "
                + "when it was saved or restored?). Remove the broken entries from " + first.resolve("history")
                + ", or restore the history.", failure.getMessage());
        assertFalse(Files.exists(temp.resolve("second")), "nothing written");
    }

    @Test
    void aHistoryKeptInTheReportItselfGrowsBuildByBuild() throws Exception {
        Path report = temp.resolve("memflame");
        for (String label : List.of("build-01", "build-02", "build-03")) {
            new MemflameCheck(build(label, report, report.resolve("history"), DRIFT).build(),
                    new RecordingListener()).run();
        }
        assertEquals(List.of("build-000001.history.json", "build-000002.history.json", "build-000003.history.json"),
                files(report.resolve("history")));
    }

    @Test
    void theWindowKeepsTheNewestBuilds() throws Exception {
        Path report = temp.resolve("memflame");
        for (String label : List.of("build-01", "build-02", "build-03", "build-04")) {
            CheckSettings settings = CheckSettingsBuilder.snapshots(FIXTURES.resolve(label)).output(report)
                    .stripPrefixes(STRIP).budgets(DRIFT)
                    .history(new HistorySettings(report.resolve("history"), 3, label, null)).build();
            new MemflameCheck(settings, new RecordingListener()).run();
        }
        assertEquals(List.of("build-000002.history.json", "build-000003.history.json", "build-000004.history.json"),
                files(report.resolve("history")));
    }

    @Test
    void aDriftFailureIsItsOwnJunitFailureAndJobSummaryWord() throws Exception {
        Path first = temp.resolve("first");
        new MemflameCheck(build("build-01", first, temp.resolve("no-history"), DRIFT).build(), new RecordingListener()).run();
        Path junit = temp.resolve("TEST-memflame.xml");
        Path summary = temp.resolve("summary.md");
        CheckOutcome outcome = new MemflameCheck(build("build-08", temp.resolve("second"), first.resolve("history"),
                DRIFT).ciOutputs(new CiOutputs(junit, summary)).build(), new RecordingListener()).run();
        assertFalse(outcome.passed());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("type=\"memory drift exceeded\""), xml);
        assertTrue(xml.contains("Memory drift exceeded: " + PATH + " (self) in scene-3-battle.pickle: "), xml);
        assertTrue(Files.readString(summary).contains("\u274c **drift exceeded**"), Files.readString(summary));
    }

    @Test
    void aMissingHistoryStartsOneAndSaysDriftIsNotChecked() throws Exception {
        RecordingListener log = new RecordingListener();
        CheckOutcome outcome = new MemflameCheck(build("build-08", temp.resolve("out"), temp.resolve("restored"),
                DRIFT).build(), log).run();
        assertTrue(outcome.passed());
        assertTrue(log.lines().contains("[WARNING] No history at " + temp.resolve("restored") + " (not found): this "
                + "build starts one; drift is not checked in this build: " + PATH + " (maxDrift 20%)."),
                String.join("\n", log.lines()));
        assertTrue(log.lines().stream().anyMatch(line -> line.endsWith("; drift not checked: no green build in the "
                + "history has a figure for this snapshot")), String.join("\n", log.lines()));
        assertTrue(log.lines().contains("[INFO] History for the next build: 1 build in "
                + temp.resolve("out").resolve("history")), String.join("\n", log.lines()));
    }

    @Test
    void withoutAConfiguredHistoryNoneIsReadOrWritten() throws Exception {
        RecordingListener log = new RecordingListener();
        Path report = temp.resolve("memflame");
        new MemflameCheck(build("build-01", report, null, DRIFT).build(), log).run();
        assertFalse(Files.exists(report.resolve("history")));
        assertTrue(log.lines().contains("[WARNING] No history is configured; drift is not checked in this build: "
                + PATH + " (maxDrift 20%). Set history to where CI restores the history directory of the last "
                + "build's report, e.g. -Dmemflame.history=memflame-history."), String.join("\n", log.lines()));
    }
}
