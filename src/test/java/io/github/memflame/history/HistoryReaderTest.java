package io.github.memflame.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Reading a history directory as CI restored it: the window, names that are no entry's, broken entries. */
class HistoryReaderTest {
    @TempDir
    Path directory;

    private void write(int sequence, HistoryEntry entry) throws IOException {
        Files.writeString(directory.resolve(HistoryFormat.fileName(sequence)), HistoryJson.text(entry));
    }

    @Test
    void noDirectoryIsNoHistory() throws HistoryException {
        assertNull(HistoryReader.read(directory.resolve("missing"), 5));
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws IOException {
        Path file = Files.writeString(directory.resolve("history"), "x");
        assertEquals(file + ": the history is not a directory; set history to the directory that holds the "
                + ".history.json files of earlier builds",
                assertThrows(HistoryException.class, () -> HistoryReader.read(file, 5)).getMessage());
    }

    @Test
    void theNewestEntriesOfTheWindowAreReadOldestFirst() throws IOException {
        for (int i = 1; i <= 7; i++) {
            write(i, HistoryJsonTest.entry("b" + i, true, i));
        }
        Files.writeString(directory.resolve("README.md"), "the history");
        Files.createDirectory(directory.resolve("build-000099.history.json.d"));
        HistoryReader.Read read = HistoryReader.read(directory, 3);
        assertEquals(List.of("b5", "b6", "b7"), read.entries().stream().map(r -> r.entry().build()).toList());
        assertEquals(List.of(5, 6, 7), read.entries().stream().map(HistoryReader.Recorded::sequence).toList());
        assertEquals(List.of("README.md", "build-000099.history.json.d"), read.ignored());
        assertEquals(7, read.lastSequence());
    }

    @Test
    void aBrokenEntryIsNamedAndLeftOutAndItsNumberIsNotReused() throws IOException {
        write(1, HistoryJsonTest.entry("b1", true, 1));
        Files.writeString(directory.resolve(HistoryFormat.fileName(2)), "{\"historyFormat\": 1");
        Files.write(directory.resolve(HistoryFormat.fileName(3)), new byte[(int) HistoryFormat.MAX_ENTRY_BYTES + 1]);
        HistoryReader.Read read = HistoryReader.read(directory, 10);
        assertEquals(List.of("b1"), read.entries().stream().map(r -> r.entry().build()).toList());
        Path second = directory.resolve("build-000002.history.json");
        assertEquals(List.of(
                new HistoryReader.Unreadable("build-000002.history.json", second + ": line 1, column 20: not a memflame "
                        + "history entry: expected the rest of the entry, found the end of the file (the entry is cut "
                        + "short: expected close marker for Object)", "{\"historyFormat\": 1".getBytes(
                        StandardCharsets.UTF_8)),
                new HistoryReader.Unreadable("build-000003.history.json", directory.resolve("build-000003.history.json")
                        + ": larger than 1048576 bytes, the most a history entry may be (an entry holds figures "
                        + "only, a few KiB)")), read.unreadable());
        assertEquals(3, read.lastSequence());
    }

    /**
     * The history written for the next build copies an earlier entry's text when it is exactly what
     * {@link HistoryJson#text} writes for that entry, and writes the entry anew otherwise: either way the files are,
     * byte for byte, those that writing every entry anew makes.
     */
    @Test
    void theHistoryWrittenForTheNextBuildIsEveryEntryWrittenAnew() throws IOException {
        String canonical = HistoryJson.text(HistoryJsonTest.entry("4f2a9c1", true, 1234567));
        List<String> texts = List.of(
                canonical,
                HistoryJson.text(HistoryJsonTest.entry("v1.2 \u202e", false, 5)),
                HistoryJson.text(HistoryJsonTest.entry("caf\u00e9", true, 0)),
                HistoryJson.text(HistoryJsonTest.entry("quote \" and \\", true, 5)),
                canonical.replace(",", ", "),
                canonical.replace("\n", "\r\n"),
                canonical.replace("\n", ""),
                canonical.replace("\n", " "),
                " " + canonical.replace("\n", ""),
                canonical.replace("\"4f2a9c1\"", "\"4f2a\\u0039c1\""),
                canonical.replace("\"client\"", "\"\\u0063lient\""),
                canonical.replace("04:45:40Z", "04:45:40.000Z"),
                canonical.replace("\"traces\":3", "\"traces\":-0"),
                canonical.replace("\"historyFormat\":2,\"build\":\"4f2a9c1\"", "\"build\":\"4f2a9c1\",\"historyFormat\":2"),
                canonical.replace("\"ok\"]", "\"ok\" ]").replace("\n", ""),
                HistoryJson.text(HistoryJsonTest.entry("b2", true, 0)));
        for (int i = 0; i < texts.size(); i++) {
            Files.writeString(directory.resolve(HistoryFormat.fileName(i + 1)), texts.get(i));
        }
        HistoryReader.Read read = HistoryReader.read(directory, texts.size());
        assertEquals(List.of(), read.unreadable());
        assertEquals(List.of(1, 16), read.entries().stream().filter(entry -> entry.text() != null)
                .map(HistoryReader.Recorded::sequence).toList());
        HistoryEntry current = HistoryJsonTest.entry("b17", false, 9);
        Map<String, String> files = HistoryWindow.of(read.entries(), read.lastSequence(), current).files();
        assertEquals(texts.size() + 1, files.size());
        for (HistoryReader.Recorded entry : read.entries()) {
            assertEquals(HistoryJson.text(entry.entry()), files.get(entry.fileName()), entry.fileName());
        }
        assertEquals(canonical, files.get(HistoryFormat.fileName(1)));
        assertEquals(HistoryJson.text(current), files.get(HistoryFormat.fileName(17)));
    }

    @Test
    void aHistoryOfFormatOneIsCarriedOnInFormatTwo() throws IOException {
        Files.writeString(directory.resolve(HistoryFormat.fileName(1)), HistoryJsonTest.FORMAT_1);
        HistoryReader.Read read = HistoryReader.read(directory, 5);
        assertEquals(List.of(), read.unreadable());
        HistoryEntry current = HistoryJsonTest.entry("b2", true, 70);
        Map<String, String> files = HistoryWindow.of(read.entries(), read.lastSequence(), current).files();
        assertEquals("{\"historyFormat\":2,\"build\":\"4f2a9c1\",\"time\":\"2026-12-07T04:45:40Z\",\"result\":\"passed\","
                + "\"snapshots\":[{\"name\":\"battle.pickle\",\"totalBytes\":100,\"traces\":3,\"directories\":"
                + "{\"client\":60,\"common\":40}}],\"budgets\":[{\"path\":\"client\",\"scope\":\"self\",\"figures\":"
                + "[[0,60,\"ok\"]]}]}\n", files.get(HistoryFormat.fileName(1)));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links need privileges on Windows")
    void anEntryThatIsALinkOutOfTheDirectoryIsNotRead(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.json"), HistoryJson.text(
                HistoryJsonTest.entry("secret", true, 1)));
        Files.createSymbolicLink(directory.resolve(HistoryFormat.fileName(1)), secret);
        HistoryReader.Read read = HistoryReader.read(directory, 10);
        assertEquals(List.of(), read.entries());
        assertEquals(directory.resolve("build-000001.history.json") + ": refused: it is a link, or lies under one, "
                + "that leads out of " + directory, read.unreadable().get(0).error());
    }
}
