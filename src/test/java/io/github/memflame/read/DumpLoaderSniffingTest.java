package io.github.memflame.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which reader gets the content: pickles of protocols 0 and 1 have no signature and start with bytes folded stacks
 * may start with too ({@code (}, {@code c}, {@code ]}); the loader never gives one to the wrong reader, and says
 * why every format refused when none fits. (Every dump of the differential corpus is also checked to be read as a
 * pickle, by {@code DifferentialPickleTest}.)
 */
class DumpLoaderSniffingTest {
    private static final DumpLoader LOADER = new DumpLoader(StandardCharsets.UTF_8, 1L << 30);

    private static DumpFormat load(String content, RecordingSink sink) throws Exception {
        return load(content.getBytes(StandardCharsets.UTF_8), sink);
    }

    private static DumpFormat load(byte[] content, RecordingSink sink) throws Exception {
        return LOADER.load(new ByteArrayInputStream(content), "x.dump", sink);
    }

    private static DumpFormatException refuse(String content) {
        return assertThrows(DumpFormatException.class, () -> load(content, new RecordingSink()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(unknown);main.py:3 100\nmain.py:4 20\n", "client/a.py:1;client/b.py:2 100\nx 20",
        "]x.py:1 100\n(lp0 20", "c 120", "ctracemalloc.py:1 100\nSnapshot 20\n", "(lp0 100\n\n(dp1 20\n"})
    void foldedStacksThatStartLikePickleOpcodesStayFolded(String folded) throws Exception {
        RecordingSink sink = new RecordingSink();
        assertEquals(DumpFormat.FOLDED, load(folded, sink));
        assertEquals(120, sink.total());
    }

    @Test
    void aProtocol0PickleLongerThanTheSniffedBytesIsAPickle() throws Exception {
        StringBuilder pickle = new StringBuilder("(lp0\n(I16\n((S'a.py'\nI1\ntp1\ntp2\ntp3\na");
        while (pickle.length() < 3 * DumpLoader.SNIFF_BYTES) {
            pickle.append("g3\na");
        }
        RecordingSink sink = new RecordingSink();
        assertEquals(DumpFormat.TRACEMALLOC_PICKLE, load(pickle.append('.').toString(), sink));
        assertEquals(16L * sink.traces.size(), sink.total());
        assertTrue(sink.traces.size() > 6000);
    }

    /** No line break in the sniffed bytes: the folded reader cannot judge, but its control bytes rule text out. */
    @Test
    void aProtocol1PickleWithoutLineBreaksIsAPickleAndNeverFolded() throws Exception {
        String traces = "(K\u0010)ta".repeat(2 * DumpLoader.SNIFF_BYTES);
        RecordingSink sink = new RecordingSink();
        assertEquals(DumpFormat.TRACEMALLOC_PICKLE, load(("]" + traces + ".").getBytes(StandardCharsets.ISO_8859_1),
                sink));
        assertEquals(2 * DumpLoader.SNIFF_BYTES, sink.traces.size());

        DumpFormatException e = assertThrows(DumpFormatException.class, () -> load(("]K\u0010R" + traces + ".")
                .getBytes(StandardCharsets.ISO_8859_1), new RecordingSink()));
        assertTrue(e.found().contains("tracemalloc-pickle: at byte 3: expected copy_reg._reconstructor"),
                e::getMessage);
        assertTrue(e.found().contains("folded: at line 1 (byte 2): expected text without control characters, "
                + "found the byte 0x10"), e::getMessage);
    }

    @Test
    void gzippedProtocol0And1PicklesArePickles() throws Exception {
        Path corpus = Path.of("src/test/resources/differential");
        for (String name : new String[] {"d036-py27-p0-list-size-traceback.pickle",
            "d050-py310-p1-snapshot-list-size-traceback.pickle"}) {
            ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
                gzip.write(Files.readAllBytes(corpus.resolve(name)));
            }
            assertEquals(DumpFormat.TRACEMALLOC_PICKLE, load(gzipped.toByteArray(), new RecordingSink()), name);
        }
    }

    @Test
    void whenNoReaderFitsEachFormatSaysWhereAndWhy() {
        DumpFormatException e = refuse("memory report\n");
        assertEquals("byte 0", e.position());
        assertEquals("a tracemalloc pickle, JSON traces or folded stacks", e.expected());
        assertEquals("x.dump: at byte 0: expected a tracemalloc pickle, JSON traces or folded stacks, found content "
                + "none of them reads (tracemalloc-pickle: at byte 0: expected a tracemalloc opcode, found an unknown "
                + "opcode (0x6D); json-traces: at byte 0: expected '[' or '{', found 'm'; folded: at line 1, column 8 "
                + "(byte 0): expected 'frame;frame;frame COUNT' with COUNT a whole number of bytes, found 'report')",
                e.getMessage());
    }

    @Test
    void aFoldedLineRefusedInTheSniffedBytesIsPlacedByLineAndByte() {
        DumpFormatException e = refuse("a.py:1 10\nb.py:2 12kB\n");
        assertTrue(e.found().contains("folded: at line 2, column 8 (byte 10): expected"), e::getMessage);
        assertTrue(e.found().contains("json-traces: at byte 0: expected '[' or '{', found 'a'"), e::getMessage);
    }

    @Test
    void aHostileProtocol0PickleIsRefusedWithThePickleReadersReason() {
        DumpFormatException e = refuse("cos\nsystem\n(S'id'\ntR.");
        assertTrue(e.found().contains("tracemalloc-pickle: at byte 0: expected global tracemalloc.Snapshot or "
                + "tracemalloc._Traces, found os.system"), e::getMessage);
    }

    @Test
    void aFoldedErrorBeyondTheSniffedBytesIsTheFoldedReadersOwn() {
        String good = "a.py:1 10\n".repeat(DumpLoader.SNIFF_BYTES / 10 + 10);
        DumpFormatException e = refuse(good + "b.py:2 12kB\n");
        assertTrue(e.position().startsWith("line " + (DumpLoader.SNIFF_BYTES / 10 + 11)), e::getMessage);
    }
}
