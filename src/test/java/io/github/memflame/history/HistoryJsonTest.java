package io.github.memflame.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The entry format written and read back, format 1 read as format 2 holds it, and every way the strict reader
 * refuses an entry, with its words.
 */
class HistoryJsonTest {
    static final String VALID = "{\"historyFormat\": 2, \"build\": \"4f2a9c1\", \"time\": \"2026-12-07T04:45:40Z\","
            + " \"result\": \"passed\",\n \"snapshots\": [{\"name\": \"battle.pickle\", \"totalBytes\": 100,"
            + " \"traces\": 3, \"directories\": {\"client\": 60, \"common\": 40}}],\n"
            + " \"budgets\": [{\"path\": \"client\", \"scope\": \"self\", \"figures\": [[0, 60, \"ok\"]]}]}";
    /** The same entry as format 1 wrote it, each figure naming its budget and snapshot. */
    static final String FORMAT_1 = "{\"historyFormat\": 1, \"build\": \"4f2a9c1\", \"time\": \"2026-12-07T04:45:40Z\","
            + " \"result\": \"passed\",\n \"snapshots\": [{\"name\": \"battle.pickle\", \"totalBytes\": 100,"
            + " \"traces\": 3, \"directories\": {\"client\": 60, \"common\": 40}}],\n"
            + " \"budgets\": [{\"path\": \"client\", \"scope\": \"self\", \"snapshot\": \"battle.pickle\","
            + " \"bytes\": 60, \"status\": \"ok\"}]}";

    static HistoryEntry entry(String build, boolean passed, long bytes) {
        Map<String, Long> directories = new LinkedHashMap<>();
        directories.put("client", bytes);
        return new HistoryEntry(build, Instant.parse("2026-12-07T04:45:40Z"), passed,
                List.of(new HistoryEntry.SnapshotFigures("battle.pickle", bytes, 3, directories)),
                List.of(new HistoryEntry.BudgetFigures("client", "self",
                        List.of(new HistoryEntry.Figure(0, bytes, "ok")))));
    }

    @Test
    void anEntryReadsBackAsWritten() throws HistoryException {
        HistoryEntry written = entry("v1.2 \u202e", false, 12345);
        String text = HistoryJson.text(written);
        assertEquals(written, HistoryJson.read("e.json", text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, text.contains("\"build\":\"v1.2 \\u202E\""), text);
        assertEquals(true, text.contains("\"result\":\"failed\""), text);
    }

    @Test
    void theDocumentedExampleReads() throws HistoryException {
        HistoryEntry entry = HistoryJson.read("e.json", VALID.getBytes(StandardCharsets.UTF_8));
        assertEquals("4f2a9c1", entry.build());
        assertEquals(Map.of("client", 60L, "common", 40L), entry.snapshots().get(0).directories());
        assertEquals(60, entry.budgets().get(0).figures().get(0).bytes());
    }

    @Test
    void formatOneReadsAsFormatTwoHoldsItAndIsWrittenAnew() throws HistoryException {
        HistoryJson.Parsed formatOne = HistoryJson.parse("e.json", FORMAT_1.getBytes(StandardCharsets.UTF_8));
        assertEquals(HistoryJson.read("e.json", VALID.getBytes(StandardCharsets.UTF_8)), formatOne.entry());
        assertNull(formatOne.text(), "not what this memflame writes: written anew for the next build");
        String formatOneAsWritten = HistoryJson.text(formatOne.entry()).replace("\"historyFormat\":2",
                "\"historyFormat\":1").replace("\"figures\":[[0,60,\"ok\"]]",
                "\"snapshot\":\"battle.pickle\",\"bytes\":60,\"status\":\"ok\"");
        assertNull(HistoryJson.parse("e.json", formatOneAsWritten.getBytes(StandardCharsets.UTF_8)).text(),
                formatOneAsWritten);
        // Format 1 listed a budget's figures one after another: a run of one path and scope is one budget's.
        String twoSnapshots = FORMAT_1.replace("}}],", "}}, {\"name\": \"town.pickle\", \"totalBytes\": 9, "
                + "\"traces\": 1, \"directories\": {}}],").replace("}]}", "}, {\"path\": \"client\", \"scope\": "
                + "\"self\", \"snapshot\": \"town.pickle\", \"bytes\": 9, \"status\": \"exceeded\"}, {\"path\": "
                + "\"common\", \"scope\": \"self\", \"snapshot\": \"town.pickle\", \"bytes\": 0, \"status\": "
                + "\"ok\"}]}");
        HistoryEntry grouped = HistoryJson.read("e.json", twoSnapshots.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new HistoryEntry.BudgetFigures("client", "self", List.of(new HistoryEntry.Figure(0,
                60, "ok"), new HistoryEntry.Figure(1, 9, "exceeded"))), new HistoryEntry.BudgetFigures("common",
                "self", List.of(new HistoryEntry.Figure(1, 0, "ok")))), grouped.budgets());
        // The format is known before the budgets are read, wherever its key is.
        String formatLast = FORMAT_1.replace("\"historyFormat\": 1, ", "").replace("}]}", "}], \"historyFormat\": 1}");
        assertEquals(formatOne.entry(), HistoryJson.read("e.json", formatLast.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theCurrentFormatIsASixthOfFormatOneForManyFigures() {
        List<HistoryEntry.SnapshotFigures> snapshots = new java.util.ArrayList<>();
        List<HistoryEntry.Figure> figures = new java.util.ArrayList<>();
        for (int s = 0; s < 30; s++) {
            snapshots.add(new HistoryEntry.SnapshotFigures("scene-" + s + "-battle.pickle", 1_000_000, 10_000,
                    Map.of()));
            figures.add(new HistoryEntry.Figure(s, 343_440, "ok"));
        }
        List<HistoryEntry.BudgetFigures> budgets = new java.util.ArrayList<>();
        StringBuilder formatOne = new StringBuilder();
        for (int b = 0; b < 50; b++) {
            budgets.add(new HistoryEntry.BudgetFigures("client/controller/module_" + b, "self", figures));
            for (int s = 0; s < 30; s++) {
                formatOne.append("{\"path\":\"client/controller/module_").append(b).append("\",\"scope\":\"self\","
                        + "\"snapshot\":\"scene-").append(s).append("-battle.pickle\",\"bytes\":343440,\"status\":"
                        + "\"ok\"},");
            }
        }
        String text = HistoryJson.text(new HistoryEntry("b", Instant.EPOCH, true, snapshots, budgets));
        int budgetsNow = text.length() - text.indexOf("\"budgets\":");
        assertEquals(true, budgetsNow * 6 < formatOne.length(), budgetsNow + " against " + formatOne.length());
    }

    private static String refused(String text) {
        return assertThrows(HistoryException.class,
                () -> HistoryJson.read("h/build-000001.history.json", text.getBytes(StandardCharsets.UTF_8)))
                .getMessage();
    }

    @Test
    void eachFlawIsNamedWithItsPlace() {
        String prefix = "h/build-000001.history.json: ";
        assertEquals(prefix + "line 1, column 19: not a memflame history entry: at /historyFormat: expected "
                + "historyFormat 1 or 2 (the formats this memflame reads), found 3: written by another memflame "
                + "version", refused(VALID.replace("\"historyFormat\": 2", "\"historyFormat\": 3")));
        assertEquals(prefix + "line 2, column 56: not a memflame history entry: at /snapshots/0/totalBytes: "
                + "expected a whole number, found 100.5", refused(VALID.replace("100,", "100.5,")));
        assertEquals(prefix + "line 2, column 56: not a memflame history entry: at /snapshots/0/totalBytes: "
                + "expected a whole number, found \"100\"", refused(VALID.replace("100,", "\"100\",")));
        assertEquals(prefix + "line 1, column 84: not a memflame history entry: at /result: expected \"passed\" or "
                + "\"failed\", found \"maybe\"", refused(VALID.replace("\"passed\"", "\"maybe\"")));
        assertEquals(prefix + "not a memflame history entry: at /time: expected a UTC time such as "
                + "2026-12-07T04:45:40Z, found \"yesterday\"",
                refused(VALID.replace("2026-12-07T04:45:40Z", "yesterday")));
        assertEquals(prefix + "line 1, column 2: not a memflame history entry: at /exec: expected one of the keys "
                + "budgets, build, historyFormat, result, snapshots, time, found the key \"exec\"",
                refused("{\"exec\": \"rm -rf /\"}"));
        assertEquals(prefix + "line 1, column 49: not a memflame history entry: expected each key once in an "
                + "object, found \"build\" again",
                refused(VALID.replace("\"build\": \"4f2a9c1\",", "\"build\": \"4f2a9c1\", \"build\": \"x\",")));
        assertEquals(prefix + "line 1, column 20: not a memflame history entry: expected the key \"budgets\", "
                + "found none", refused("{\"historyFormat\": 1}"));
        assertEquals(prefix + "line 5, column 1: not a memflame history entry: expected the end of the file after "
                + "the entry, found more JSON", refused(VALID + "\n\n{}"));
        assertEquals(prefix + "line 1, column 1: not a memflame history entry: expected an object, found an array",
                refused("[]"));
        assertEquals(prefix + "not a memflame history entry: at /snapshots/0: totalBytes cannot be negative, was -1",
                refused(VALID.replace("100,", "-1,")));
        assertEquals(prefix + "not a memflame history entry: the build holds a control character (U+001B) at "
                + "position 1", refused(VALID.replace("4f2a9c1", "\\u001b[31m")));
        assertEquals(prefix + "line 2, column 56: not a memflame history entry: at /snapshots/0/totalBytes: "
                + "expected a whole number up to 9223372036854775807, found 99999999999999999999",
                refused(VALID.replace("100,", "99999999999999999999,")));
    }

    @Test
    void eachFlawOfABudgetsFiguresIsNamedWithItsPlace() {
        String prefix = "h/build-000001.history.json: ";
        assertEquals(prefix + "not a memflame history entry: at /budgets/0/figures/0/0: expected the index of one of "
                + "the entry's 1 snapshots (0 to 0), found 1", refused(VALID.replace("[[0, 60,", "[[1, 60,")));
        assertEquals(prefix + "line 3, column 62: not a memflame history entry: at /budgets/0/figures/0: expected an "
                + "array of 3 values [snapshot, bytes, status], found an array of 2",
                refused(VALID.replace("[[0, 60, \"ok\"]]", "[[0, 60]]")));
        assertEquals(prefix + "line 3, column 62: not a memflame history entry: at /budgets/0/figures/0: expected an "
                + "array of 3 values [snapshot, bytes, status], found more values",
                refused(VALID.replace("\"ok\"]]", "\"ok\", 1]]")));
        assertEquals(prefix + "line 3, column 62: not a memflame history entry: at /budgets/0/figures/0: expected an "
                + "array [snapshot, bytes, status], found an object",
                refused(VALID.replace("[[0, 60, \"ok\"]]", "[{\"snapshot\": 0}]")));
        assertEquals(prefix + "not a memflame history entry: at /budgets/0/figures/0: a figure's snapshot is an index "
                + "from 0, was -1", refused(VALID.replace("[[0, 60,", "[[-1, 60,")));
        assertEquals(prefix + "line 3, column 50: not a memflame history entry: at /budgets/0/snapshot: expected one "
                + "of the keys figures, path, scope, found the key \"snapshot\"",
                refused(FORMAT_1.replace("\"historyFormat\": 1", "\"historyFormat\": 2")));
        assertEquals(prefix + "not a memflame history entry: at /budgets/0/snapshot: expected the name of one of the "
                + "entry's snapshots, found \"town.pickle\"",
                refused(FORMAT_1.replace("\"snapshot\": \"battle.pickle\"", "\"snapshot\": \"town.pickle\"")));
    }
}
