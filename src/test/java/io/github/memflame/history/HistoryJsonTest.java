package io.github.memflame.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entry format written and read back, and every way the strict reader refuses an entry, with its words. */
class HistoryJsonTest {
    static final String VALID = "{\"historyFormat\": 1, \"build\": \"4f2a9c1\", \"time\": \"2026-12-07T04:45:40Z\","
            + " \"result\": \"passed\",\n \"snapshots\": [{\"name\": \"battle.pickle\", \"totalBytes\": 100,"
            + " \"traces\": 3, \"directories\": {\"client\": 60, \"common\": 40}}],\n"
            + " \"budgets\": [{\"path\": \"client\", \"scope\": \"self\", \"snapshot\": \"battle.pickle\","
            + " \"bytes\": 60, \"status\": \"ok\"}]}";

    static HistoryEntry entry(String build, boolean passed, long bytes) {
        Map<String, Long> directories = new LinkedHashMap<>();
        directories.put("client", bytes);
        return new HistoryEntry(build, Instant.parse("2026-12-07T04:45:40Z"), passed,
                List.of(new HistoryEntry.SnapshotFigures("battle.pickle", bytes, 3, directories)),
                List.of(new HistoryEntry.BudgetFigure("client", "self", "battle.pickle", bytes, "ok")));
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
        assertEquals(60, entry.budgets().get(0).bytes());
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
                + "historyFormat 1 (this memflame's), found 2: written by another memflame version",
                refused(VALID.replace("\"historyFormat\": 1", "\"historyFormat\": 2")));
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
}
