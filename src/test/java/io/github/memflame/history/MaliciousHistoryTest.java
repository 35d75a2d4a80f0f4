package io.github.memflame.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile entry of {@code src/test/resources/malicious/history} (written by {@code make_malicious_history.py})
 * read as the only entry of a history directory: refused with its file, place and reason, in well under a second;
 * the readable hostile ones are shown harmlessly ({@code HistoryCheckTest}, {@code HostileHistoryReportTest}).
 */
class MaliciousHistoryTest {
    private static final Path CORPUS = Path.of("src/test/resources/malicious/history");
    private static final String NAME = "build-000001.history.json";

    @TempDir
    Path temp;

    private static final Map<String, String> REFUSALS = new TreeMap<>(Map.ofEntries(
            Map.entry("class-key.json", "line 1, column 321: not a memflame history entry: at /@class: expected one "
                    + "of the keys budgets, build, historyFormat, result, snapshots, time, found the key \"@class\""),
            Map.entry("many-directories.json", "not a memflame history entry: at /snapshots/0: a snapshot has at most "
                    + "13 directories (the 12 largest and (other)), found 20000"),
            Map.entry("long-label.json", "not a memflame history entry: the build is longer than 200 characters"),
            Map.entry("control-label.json", "not a memflame history entry: the build holds a control character "
                    + "(U+001B) at position 6"),
            Map.entry("future-format.json", "line 1, column 19: not a memflame history entry: at /historyFormat: "
                    + "expected historyFormat 1 or 2 (the formats this memflame reads), found 999: written by another "
                    + "memflame version"),
            Map.entry("negative-bytes.json", "not a memflame history entry: at /budgets/0: bytes cannot be negative, "
                    + "was -5"),
            Map.entry("huge-float.json", "line 1, column 148: not a memflame history entry: at "
                    + "/snapshots/0/totalBytes: expected a whole number, found 1.5e+300"),
            Map.entry("huge-integer.json", "line 1, column 5317: not a memflame history entry: Number value length (5000) exceeds the "
                    + "maximum allowed (1000)"),
            Map.entry("nested-arrays.json", "line 1, column 225: not a memflame history entry: at /budgets/0: "
                    + "expected an object, found an array"),
            Map.entry("duplicate-result.json", "line 1, column 102: not a memflame history entry: expected each key "
                    + "once in an object, found \"result\" again"),
            Map.entry("null-snapshots.json", "line 1, column 107: not a memflame history entry: at /snapshots: "
                    + "expected an array, found null"),
            Map.entry("utf16.json", "not a memflame history entry: expected UTF-8 text, found a byte sequence "
                    + "that is not UTF-8 at byte 0"),
            Map.entry("nul-bytes.json", "line 1, column 2: not a memflame history entry: Illegal character ((CTRL-CHAR, code 0))"),
            Map.entry("trailing.json", "line 2, column 1: not a memflame history entry: expected the end of the file "
                    + "after the entry, found more JSON"),
            Map.entry("string-number.json", "line 1, column 163: not a memflame history entry: at "
                    + "/snapshots/0/traces: expected a whole number, found \"3\""),
            Map.entry("unknown-snapshot.json", "not a memflame history entry: at /budgets/0/snapshot: expected the "
                    + "name of one of the entry's snapshots, found \"../../etc/passwd\""),
            Map.entry("snapshot-index-out-of-range.json", "not a memflame history entry: at /budgets/0/figures/0/0: "
                    + "expected the index of one of the entry's 1 snapshots (0 to 0), found 7"),
            Map.entry("snapshot-index-huge.json", "line 1, column 274: not a memflame history entry: at "
                    + "/budgets/0/figures/0/0: expected the index of a snapshot of the entry, found 2147483648"),
            Map.entry("short-figure.json", "line 1, column 273: not a memflame history entry: at /budgets/0/figures/0: "
                    + "expected an array of 3 values [snapshot, bytes, status], found an array of 2"),
            Map.entry("format-1-figure-as-2.json", "line 1, column 261: not a memflame history entry: at "
                    + "/budgets/0/snapshot: expected one of the keys figures, path, scope, found the key \"snapshot\""),
            Map.entry("time-not-utc.json", "not a memflame history entry: at /time: expected a UTC time such as "
                    + "2026-12-07T04:45:40Z, found \"2026-12-07T04:45:40+02:00\"")));

    @Test
    void everyHostileEntryIsRefusedNamingItsFileAndPlace() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            assertEquals(23, files.count(), "the corpus as make_malicious_history.py writes it");
        }
        java.util.List<String> unexpected = new java.util.ArrayList<>();
        for (Map.Entry<String, String> refusal : REFUSALS.entrySet()) {
            Path directory = Files.createDirectories(temp.resolve(refusal.getKey()));
            Files.copy(CORPUS.resolve(refusal.getKey()), directory.resolve(NAME));
            HistoryReader.Read read = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> HistoryReader.read(directory, 100));
            assertEquals(0, read.entries().size(), refusal.getKey());
            String error = read.unreadable().get(0).error();
            String prefix = directory.resolve(NAME) + ": ";
            if (!error.startsWith(prefix + refusal.getValue())) {
                unexpected.add(refusal.getKey() + ": " + error);
            }
        }
        assertEquals(java.util.List.of(), unexpected);
    }

    @Test
    void theReadableHostileEntriesAreReadAsTheyAre() throws IOException {
        for (String name : new String[] {"xss-labels.json", "bidi-label.json"}) {
            Path directory = Files.createDirectories(temp.resolve(name));
            Files.copy(CORPUS.resolve(name), directory.resolve(NAME));
            assertEquals(1, HistoryReader.read(directory, 100).entries().size(), name);
        }
    }
}
