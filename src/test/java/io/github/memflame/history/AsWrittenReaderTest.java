package io.github.memflame.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reader of entries exactly as written takes only text that {@link HistoryJson#text} writes, and reads it to the
 * entry the strict reader reads; whatever it declines, {@link HistoryJson#parse} reads strictly, with the strict
 * reader's words.
 */
class AsWrittenReaderTest {
    private static HistoryEntry entry() {
        Map<String, Long> directories = new LinkedHashMap<>();
        directories.put("client", 9_000_000_000L);
        directories.put("(other)", 0L);
        return new HistoryEntry("4f2a9c1e build #7 (release/1.2)", Instant.parse("2026-12-07T04:45:40Z"), true,
                List.of(new HistoryEntry.SnapshotFigures("scene-1 battle.pickle", Long.MAX_VALUE, 3, directories),
                        new HistoryEntry.SnapshotFigures("scene-2.pickle", 0, 0, Map.of())),
                List.of(new HistoryEntry.BudgetFigures("", "self", List.of(new HistoryEntry.Figure(0, 10, "ok"))),
                        new HistoryEntry.BudgetFigures("client/ui", "inclusive", List.of(
                                new HistoryEntry.Figure(0, 0, "exceeded"), new HistoryEntry.Figure(1, 7, "ok"))),
                        new HistoryEntry.BudgetFigures("client/net", "self", List.of())));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEntryAsWrittenReadsAsTheStrictReaderReadsIt() throws HistoryException {
        for (HistoryEntry entry : List.of(entry(), new HistoryEntry("b", Instant.EPOCH, false, List.of(), List.of()),
                new HistoryEntry("2026-12-07T04:45:40.123456789Z", Instant.parse("2026-12-07T04:45:40.5Z"), true,
                        List.of(), List.of()))) {
            byte[] text = bytes(HistoryJson.text(entry));
            HistoryEntry asWritten = AsWrittenReader.read(text);
            assertEquals(entry, asWritten);
            assertEquals(HistoryJson.parseStrictly("e", text), HistoryJson.parse("e", text));
        }
    }

    @Test
    void aNameRepeatedInAnEntryIsOneString() {
        HistoryEntry read = AsWrittenReader.read(bytes(HistoryJson.text(entry())));
        assertNotNull(read);
        assertSame(read.budgets().get(0).figures().get(0).status(), read.budgets().get(1).figures().get(1).status());
        assertSame(read.budgets().get(0).scope(), read.budgets().get(2).scope());
    }

    @Test
    void textNotExactlyAsWrittenIsLeftToTheStrictReader() throws HistoryException {
        String text = HistoryJson.text(entry());
        List<String> declined = List.of(
                text.replace(",\"traces\":3,", ",\"traces\":03,"),
                text.replace(",\"traces\":3,", ",\"traces\":-3,"),
                text.replace(",\"traces\":3,", ",\"traces\":3.0,"),
                text.replace(",\"traces\":3,", ",\"traces\":99999999999999999999,"),
                text.replace("\"(other)\":0", "\"client\":0"),
                text.replace("{\"historyFormat\":2,", "{\"historyFormat\":1,"),
                text.replace("{\"historyFormat\":2,", "{\"historyFormat\":3,"),
                text.replace("{\"historyFormat\":2,", "{ \"historyFormat\":2,"),
                text.replace("[1,7,\"ok\"]", "[2,7,\"ok\"]"),
                text.replace("[1,7,\"ok\"]", "[1,7]"),
                text.replace("[1,7,\"ok\"]", "[1,7,\"ok\",1]"),
                text.replace("[1,7,\"ok\"]", "[4294967297,7,\"ok\"]"),
                text.replace("\"figures\":[]", "\"figures\":[ ]"),
                text.replace("04:45:40Z", "04:45:40.000Z"),
                text.replace("04:45:40Z", "04:45:40+00:00"),
                text.replace("\"passed\"", "\"maybe\""),
                text.replace("\"scope\":\"self\"", "\"scope\":\"\""),
                text.replace("scene-2.pickle", "scene-2\\u002epickle"),
                text.replace("scene-2.pickle", "sc\u00e8ne-2.pickle"),
                text.replace("\"path\":\"\",\"scope\"", "\"scope\":\"self\",\"path\":\"\",\"scope\""),
                text.strip(),
                text + "\n",
                text.replace("}\n", "}{}\n"));
        for (String flawed : declined) {
            byte[] flawedBytes = bytes(flawed);
            assertNull(AsWrittenReader.read(flawedBytes), flawed);
            assertEquals(outcome(() -> HistoryJson.parseStrictly("e", flawedBytes)),
                    outcome(() -> HistoryJson.parse("e", flawedBytes)), flawed);
        }
    }

    @Test
    void everyTextOneByteAwayReadsAsStrictlyOrIsLeftToTheStrictReader() throws HistoryException {
        byte[] text = bytes(HistoryJson.text(entry()));
        List<byte[]> variants = new ArrayList<>();
        byte[] replacements = {'0', '9', '"', ',', ':', '{', '}', '[', ']', ' ', '\\', 'a', '-', '\n', (byte) 0xc3};
        for (int i = 0; i < text.length; i++) {
            byte[] deleted = new byte[text.length - 1];
            System.arraycopy(text, 0, deleted, 0, i);
            System.arraycopy(text, i + 1, deleted, i, text.length - i - 1);
            variants.add(deleted);
            for (byte replacement : replacements) {
                byte[] replaced = text.clone();
                replaced[i] = replacement;
                variants.add(replaced);
            }
        }
        int taken = 0;
        for (byte[] variant : variants) {
            HistoryEntry asWritten = AsWrittenReader.read(variant);
            if (asWritten != null) {
                taken++;
                HistoryJson.Parsed strictly = HistoryJson.parseStrictly("e", variant);
                assertEquals(strictly.entry(), asWritten);
                assertEquals(new String(variant, StandardCharsets.ISO_8859_1), strictly.text());
            }
        }
        // Digits changed in figures and letters in names still read as written.
        assertEquals(true, taken > 100, "variants read as written: " + taken);
    }

    private interface Parse {
        HistoryJson.Parsed run() throws HistoryException;
    }

    private static Object outcome(Parse parse) {
        try {
            return parse.run();
        } catch (HistoryException e) {
            return e.getMessage();
        }
    }
}
