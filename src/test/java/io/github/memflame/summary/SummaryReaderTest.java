package io.github.memflame.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Summaries are untrusted: each way a {@code memflame.json} can bend its shape is refused naming the file, the JSON
 * pointer with line and column, what was expected and what was found. On main each of these was read: a key twice
 * (the last won), {@code 187060.9} bytes (truncated), {@code "320"} traces, a negative count, and
 * {@code "snapshots": null}, which a baseline took for no snapshot at all, so that a check compared none of its
 * snapshots and checked no growth.
 */
class SummaryReaderTest {
    /** A summary as check writes it: one snapshot, one budget within its limit. */
    static final String GOOD = """
            {"schema": 1, "baselineFormat": 1, "result": "passed", "baseline": null,
             "snapshots": [{"name": "scene.pickle", "format": "tracemalloc-pickle", "traces": 320,
                            "totalBytes": 187060, "excludedTraces": 0, "excludedBytes": 0,
                            "reports": {"path": "scene.pickle.path.svg", "stack": "scene.pickle.stack.svg"},
                            "folded": {"path": "scene.pickle.path.folded.gz", "stack": "scene.pickle.stack.folded.gz"}}],
             "budgets": [{"path": "client", "scope": "self", "snapshot": "scene.pickle", "limitBytes": 200000,
                          "limit": "200 kB", "maxGrowth": null, "actualBytes": 187060, "status": "warning",
                          "level": "fail", "topSites": [], "growth": null}],
             "unreadable": [], "functionNames": null}
            """;

    /** {@link #GOOD} as check writes it now, with the bytes of each top-level path of the snapshot. */
    static final String WITH_PATHS = GOOD.replace("\"excludedBytes\": 0,", "\"excludedBytes\": 0,\n"
            + "                            \"topLevelPaths\": [{\"path\": \"client\", \"bytes\": 187000}, "
            + "{\"path\": \"main.py\", \"bytes\": 60}],");

    @TempDir
    Path temp;

    private String refusal(String json) throws IOException {
        Path file = temp.resolve("memflame.json");
        Files.writeString(file, json);
        IOException e = assertThrows(IOException.class, () -> SummaryReader.parse(file));
        String message = e.getMessage();
        assertEquals(file + ": ", message.substring(0, file.toString().length() + 2), message);
        return message.substring(file.toString().length() + 2);
    }

    private static String replaced(String from, String to) {
        if (!GOOD.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return GOOD.replace(from, to);
    }

    @Test
    void theGoodSummaryIsRead() throws IOException {
        Path file = temp.resolve("memflame.json");
        Files.writeString(file, GOOD);
        ReportSummary summary = SummaryReader.read(file);
        assertEquals(BigInteger.valueOf(187060), summary.totalBytes());
        assertEquals("warning", summary.budgets().get(0).status());
    }

    @Test
    void aKeyTwiceIsRefused() throws IOException {
        assertEquals("line 1, column 64: not a memflame summary: "
                + "at /result: expected each key once in an object, found \"result\" again",
                refusal(replaced("\"result\": \"passed\",", "\"result\": \"failed\", \"result\": \"passed\",")));
        assertEquals("line 3, column 46: not a memflame summary: "
                + "at /snapshots/0: expected each key once in an object, found \"totalBytes\" again",
                refusal(replaced("\"totalBytes\": 187060,", "\"totalBytes\": 1, \"totalBytes\": 187060,")));
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsRefused() throws IOException {
        assertEquals("line 3, column 31: not a memflame summary: "
                + "at /snapshots/0/totalBytes: expected a whole number, found 187060.9",
                refusal(replaced("\"totalBytes\": 187060,", "\"totalBytes\": 187060.9,")));
        assertEquals("line 7, column 68: not a memflame summary: "
                + "at /budgets/0/actualBytes: expected a whole number, found 1.8706E5",
                refusal(replaced("\"actualBytes\": 187060", "\"actualBytes\": 1.8706E5")));
    }

    @Test
    void aStringOrABooleanWhereANumberBelongsIsRefused() throws IOException {
        assertEquals("line 2, column 83: not a memflame summary: "
                + "at /snapshots/0/traces: expected a whole number, found the string \"320\"",
                refusal(replaced("\"traces\": 320", "\"traces\": \"320\"")));
        assertEquals("line 6, column 92: not a memflame summary: "
                + "at /budgets/0/limitBytes: expected a whole number, found true",
                refusal(replaced("\"limitBytes\": 200000", "\"limitBytes\": true")));
        assertEquals("line 2, column 25: not a memflame summary: at /snapshots/0/name: expected a string, found 7",
                refusal(replaced("\"name\": \"scene.pickle\"", "\"name\": 7")));
    }

    @Test
    void aNegativeCountIsRefused() throws IOException {
        assertEquals("line 5, column 107: not a memflame summary: "
                + "at /snapshots/0: expected \"excludedTraces\": a whole number from 0, found -1",
                refusal(replaced("\"excludedTraces\": 0", "\"excludedTraces\": -1")));
        assertEquals("line 8, column 32: not a memflame summary: "
                + "at /budgets/0: expected \"actualBytes\": a whole number from 0, found -187060",
                refusal(replaced("\"actualBytes\": 187060", "\"actualBytes\": -187060")));
    }

    @Test
    void snapshotsNullOrMissingIsRefused() throws IOException {
        String nullSnapshots = GOOD.substring(0, GOOD.indexOf("[{\"name\"")) + "null,\n \"budgets\": []"
                + GOOD.substring(GOOD.indexOf(",\n \"unreadable\""));
        assertEquals("line 2, column 15: not a memflame summary: at /snapshots: expected an array, found null",
                refusal(nullSnapshots));
        String noSnapshots = GOOD.substring(0, GOOD.indexOf("\"snapshots\"")) + "\"budgets\": []"
                + GOOD.substring(GOOD.indexOf(",\n \"unreadable\""));
        assertEquals("line 3, column 41: not a memflame summary: "
                + "at /snapshots: expected the key \"snapshots\", found none",
                refusal(noSnapshots));
    }

    @Test
    void aSummaryThatContradictsItselfIsRefused() throws IOException {
        assertEquals("line 9, column 20: not a memflame summary: "
                + "expected \"result\": \"failed\", found \"passed\" beside /budgets/0, which is exceeded at "
                + "level fail: the summary contradicts itself",
                refusal(replaced("\"status\": \"warning\"", "\"status\": \"exceeded\"")));
        assertEquals("line 9, column 20: not a memflame summary: "
                + "expected \"result\": \"passed\" or \"failed\", found \"ok\"",
                refusal(replaced("\"result\": \"passed\"", "\"result\": \"ok\"")));
    }

    /** A check reads dumps that claim up to Long.MAX_VALUE bytes each: their total is exact, not wrapped. */
    @Test
    void snapshotTotalsAddUpBeyondALong() throws IOException {
        String huge = replaced("\"totalBytes\": 187060,", "\"totalBytes\": 9223372036854775807,");
        String entry = huge.substring(huge.indexOf("{\"name\""), huge.indexOf("}}]") + 2);
        Path file = temp.resolve("memflame.json");
        Files.writeString(file, huge.replace(entry, entry + ", " + entry.replace("scene.pickle", "other.pickle")));
        assertEquals(new BigInteger("18446744073709551614"), SummaryReader.read(file).totalBytes());
    }

    @Test
    void trailingContentIsRefused() throws IOException {
        assertEquals("line 10, column 1: not a memflame summary: "
                + "expected the end of the file after the summary, found more JSON",
                refusal(GOOD + "{}"));
    }

    @Test
    void theTopLevelPathsAreReadInTheirOrderWithExactBytes() throws IOException {
        Path file = temp.resolve("memflame.json");
        Files.writeString(file, WITH_PATHS);
        ReportSummary.Snapshot snapshot = SummaryReader.read(file).snapshots().get(0);
        assertEquals(List.of(new ReportSummary.TopLevelPath("client", 187_000),
                new ReportSummary.TopLevelPath("main.py", 60)), snapshot.topLevelPaths());
        assertEquals("{client=187000, main.py=60}", snapshot.topLevelBytes().toString());
        assertEquals(snapshot.topLevelPaths(), SummaryReader.readBaseline(file).snapshots().get(0).topLevelPaths());

        // The largest 20 of more paths: the others hold the rest of the total.
        Files.writeString(file, WITH_PATHS.replace("[{\"path\": \"client\", \"bytes\": 187000}, "
                + "{\"path\": \"main.py\", \"bytes\": 60}]", manyPaths(20)));
        assertEquals(20, SummaryReader.read(file).snapshots().get(0).topLevelPaths().size());
    }

    /** Summaries written before the top-level paths were stated are read, as aggregate reports and baselines. */
    @Test
    void aSummaryWithoutTopLevelPathsIsReadWithoutThem() throws IOException {
        Path file = temp.resolve("memflame.json");
        Files.writeString(file, GOOD);
        assertNull(SummaryReader.read(file).snapshots().get(0).topLevelPaths());
        assertNull(SummaryReader.read(file).snapshots().get(0).topLevelBytes());
        assertNull(SummaryReader.readBaseline(file).snapshots().get(0).topLevelPaths());
    }

    @Test
    void malformedTopLevelPathsAreRefusedNamingWhereAndWhat() throws IOException {
        String paths = "[{\"path\": \"client\", \"bytes\": 187000}, {\"path\": \"main.py\", \"bytes\": 60}]";
        String[][] cases = {
                {"null", "line 4, column 46: not a memflame summary: at /snapshots/0/topLevelPaths: expected an array, "
                        + "found null"},
                {"{\"client\": 187060}", "line 4, column 46: not a memflame summary: at /snapshots/0/topLevelPaths: "
                        + "expected an array, found an object"},
                {"[null]", "line 6, column 107: not a memflame summary: at /snapshots/0: "
                        + "expected \"topLevelPaths\"[0]: an object, found null"},
                {"[{\"path\": \"client\", \"bytes\": 187059.5}, {\"path\": \"main.py\", \"bytes\": 0.5}]",
                        "line 4, column 75: not a memflame summary: at /snapshots/0/topLevelPaths/0/bytes: "
                                + "expected a whole number, found 187059.5"},
                {"[{\"path\": \"client\", \"bytes\": \"187060\"}]", "line 4, column 75: not a memflame summary: "
                        + "at /snapshots/0/topLevelPaths/0/bytes: expected a whole number, found the string \"187060\""},
                {"[{\"path\": 7, \"bytes\": 187060}]", "line 4, column 56: not a memflame summary: "
                        + "at /snapshots/0/topLevelPaths/0/path: expected a string, found 7"},
                {"[{\"path\": null, \"bytes\": 187060}]", "line 4, column 77: not a memflame summary: "
                        + "at /snapshots/0/topLevelPaths/0: expected \"path\": a string, found null"},
                {"[{\"path\": \"client\"}]", "line 4, column 64: not a memflame summary: "
                        + "at /snapshots/0/topLevelPaths/0/bytes: expected the key \"bytes\", found none"},
                {"[{\"path\": \"client\", \"bytes\": 187100}, {\"path\": \"main.py\", \"bytes\": -40}]",
                        "line 4, column 116: not a memflame summary: at /snapshots/0/topLevelPaths/1: "
                                + "expected \"bytes\": a whole number from 0, found -40"},
                {"[{\"path\": \"client\", \"bytes\": 187000}, {\"path\": \"client\", \"bytes\": 60}]",
                        "line 6, column 107: not a memflame summary: at /snapshots/0: expected each path once in "
                                + "\"topLevelPaths\", found \"client\" again in \"topLevelPaths\"[1]"},
                {"[{\"path\": \"client\", \"bytes\": 187000}, {\"path\": \"main.py\", \"bytes\": 61}]",
                        "line 6, column 107: not a memflame summary: at /snapshots/0: expected the bytes of "
                                + "\"topLevelPaths\" to add up to at most \"totalBytes\" 187060, found 187061: the "
                                + "summary contradicts itself"},
                {"[{\"path\": \"client\", \"bytes\": 9223372036854775807}, "
                        + "{\"path\": \"main.py\", \"bytes\": 9223372036854775807}]",
                        "line 6, column 107: not a memflame summary: at /snapshots/0: expected the bytes of "
                                + "\"topLevelPaths\" to add up to at most \"totalBytes\" 187060, found "
                                + "18446744073709551614: the summary contradicts itself"},
                {manyPaths(21), "line 6, column 107: not a memflame summary: at /snapshots/0: expected at most 20 "
                        + "entries in \"topLevelPaths\" (the largest top-level paths), found 21"}};
        for (String[] bad : cases) {
            assertEquals(bad[1], refusal(WITH_PATHS.replace(paths, bad[0])), bad[0]);
        }
        Path file = temp.resolve("memflame.json");
        Files.writeString(file, WITH_PATHS.replace(paths, "[]"));
        Files.writeString(file, WITH_PATHS.replace(paths, "[{\"path\": \"client\", \"bytes\": 187061}]"));
        IOException baseline = assertThrows(IOException.class, () -> SummaryReader.readBaseline(file));
        assertEquals(file + ": line 6, column 107: not a memflame summary: at /snapshots/0: expected the bytes of "
                + "\"topLevelPaths\" to add up to at most \"totalBytes\" 187060, found 187061: the summary "
                + "contradicts itself", baseline.getMessage());
    }

    /** {@code n} top-level paths of 1 byte each: {@code d0} to {@code d(n-1)}. */
    private static String manyPaths(int n) {
        StringBuilder paths = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            paths.append(i == 0 ? "" : ", ").append("{\"path\": \"d").append(i).append("\", \"bytes\": 1}");
        }
        return paths.append(']').toString();
    }
}
