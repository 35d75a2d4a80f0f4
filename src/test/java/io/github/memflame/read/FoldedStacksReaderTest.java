package io.github.memflame.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FoldedStacksReaderTest {

    private static RecordingSink read(String text) throws Exception {
        RecordingSink sink = new RecordingSink();
        new FoldedStacksReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "s.folded",
                new Interner(), sink);
        return sink;
    }

    @Test
    void readsRootFirstStacksIntoMostRecentFirstTracebacks() throws Exception {
        RecordingSink sink = read("main.py:1;client/ui/bag.py:9 300\n\n[unknown];perl 7\r\nsolo 5\n");
        assertEquals(312, sink.total());
        Traceback bag = sink.traces.get(0).traceback();
        assertEquals(new Frame("client/ui/bag.py", 9), bag.frame(0));
        assertEquals(new Frame("main.py", 1), bag.frame(1));
        assertEquals(new Frame("perl", 0), sink.traces.get(1).traceback().frame(0));
        assertEquals(new Frame("[unknown]", 0), sink.traces.get(1).traceback().frame(1));
    }

    @Test
    void aFrameWithSpacesKeepsThemAndOnlyTheLastFieldIsTheCount() throws Exception {
        RecordingSink sink = read("C:/Program Files/game/a.py:3 12\n");
        assertEquals(new Frame("C:/Program Files/game/a.py", 3), sink.traces.get(0).traceback().frame(0));
    }

    @Test
    void aNonNumericOrNegativeCountNamesTheLineAndColumn() {
        DumpFormatException error = assertThrows(DumpFormatException.class, () -> read("a;b 1\na;b 12x\n"));
        assertEquals("line 2, column 5", error.position());
        assertEquals("'12x'", error.found());
        assertThrows(DumpFormatException.class, () -> read("a;b -4\n"));
        assertThrows(DumpFormatException.class, () -> read("a;b\n"));
        assertThrows(DumpFormatException.class, () -> read("a 99999999999999999999\n"));
    }

    @Test
    void linesAreStrippedOfUnicodeWhitespaceAndColumnsCountCharacters() throws Exception {
        RecordingSink sink = read("\u3000客户端/界面.py:3;客户端/界面.py:3 9\u2003\n");
        Traceback twice = sink.traces.get(0).traceback();
        assertEquals(new Frame("客户端/界面.py", 3), twice.frame(0));
        assertTrue(twice.frame(0) == twice.frame(1), "a repeated frame is the same frame");
        DumpFormatException error = assertThrows(DumpFormatException.class, () -> read("客户端;b 12x\n"));
        assertEquals("line 1, column 7", error.position());
    }

    @Test
    void invalidUtf8IsRefusedWithItsLineEvenInAFrameSeenBefore() {
        byte[] good = "a.py:1;b.py:2 5\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "a.py:1;b\u00ff.py:2 5\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] both = new byte[good.length + bad.length];
        System.arraycopy(good, 0, both, 0, good.length);
        System.arraycopy(bad, 0, both, good.length, bad.length);
        DumpFormatException error = assertThrows(DumpFormatException.class, () -> new FoldedStacksReader()
                .read(new ByteArrayInputStream(both), "s.folded", new Interner(), new RecordingSink()));
        assertEquals("line 2", error.position());
        assertEquals("UTF-8 text", error.expected());
    }

    @Test
    void lineEndingsAreThoseOfReadLine() throws Exception {
        RecordingSink sink = read("a 1\rb 2\r\nc 3\n\r\nd 4");
        assertEquals(4, sink.traces.size());
        assertEquals(10, sink.total());
    }

    /** Endless bytes with no line break: refused once the limit is passed, having read little more than it. */
    @Test
    void anEndlessLineIsRefusedAtTheLimitWithoutBufferingIt() {
        CountingEndlessStream endless = new CountingEndlessStream((byte) 'a', 4L << 30);
        InputStream in = new SequenceInputStream(new ByteArrayInputStream("main.py:1 5\n".getBytes(
                StandardCharsets.UTF_8)), endless);
        DumpFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                DumpFormatException.class, () -> new FoldedStacksReader().read(in, "s.folded", new Interner(),
                        new RecordingSink())));
        assertEquals("line 2", e.position());
        assertEquals("a line of at most 1048576 bytes", e.expected());
        assertTrue(e.found().startsWith("a longer line"), e::getMessage);
        assertTrue(endless.delivered < 4L * FoldedStacksReader.MAX_LINE_BYTES, () -> endless.delivered + " bytes read");
    }

    @Test
    void aLineOfExactlyTheLimitIsRead() throws Exception {
        char[] frame = new char[FoldedStacksReader.MAX_LINE_BYTES - 2];
        Arrays.fill(frame, 'f');
        RecordingSink sink = read(new String(frame) + " 7\n");
        assertEquals(7, sink.total());
        assertThrows(DumpFormatException.class, () -> read(new String(frame) + " 17\n"));
    }

    /** An input stream of {@code length} copies of one byte, counting what it handed out. */
    static final class CountingEndlessStream extends InputStream {
        private final byte value;
        private final long length;
        long delivered;

        CountingEndlessStream(byte value, long length) {
            this.value = value;
            this.length = length;
        }

        @Override
        public int read() {
            if (delivered >= length) {
                return -1;
            }
            delivered++;
            return value & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (delivered >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - delivered);
            Arrays.fill(b, off, off + n, value);
            delivered += n;
            return n;
        }
    }
}
