package io.github.memflame.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTracesReaderTest {

    private static RecordingSink read(String json) throws Exception {
        RecordingSink sink = new RecordingSink();
        new JsonTracesReader().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json",
                new Interner(), sink);
        return sink;
    }

    private static DumpFormatException failure(String json) {
        return assertThrows(DumpFormatException.class, () -> read(json));
    }

    @Test
    void readsEveryLayout() throws Exception {
        assertEquals(30, read("[[10, [[\"a.py\", 1]]], [20, [[\"b.py\", null]]]]").total());
        assertEquals(30, read("[[0, 10, [[\"a.py\", 1]]], [0, 20, [[\"b.py\", 2]]]]").total());
        assertEquals(30, read("[[0, 10, [[\"a.py\", 1]], 1], [0, 20, [[\"b.py\", 2]], 5]]").total());
        assertEquals(208, read("[[208, [[\"C:\\\\py\\\\socket.py\", 47]], \"socket\"]]").total());
        assertEquals(10, read("{\"traceback_limit\": 25, \"traces\": [[10, [[\"a.py\", 1]]]]}").total());
        assertEquals(0, read("[]").total());
    }

    @Test
    void framesAreMostRecentFirstAndTracebacksInterned() throws Exception {
        RecordingSink sink = read("[[0, 1, [[\"leaf.py\", 3], [\"root.py\", 1]], 2],"
                + " [0, 2, [[\"leaf.py\", 3], [\"root.py\", 1]], 2], [0, 4, [], 0]]");
        Traceback first = sink.traces.get(0).traceback();
        assertEquals(new Frame("leaf.py", 3), first.frame(0));
        assertEquals(new Frame("root.py", 1), first.frame(1));
        assertSame(first, sink.traces.get(1).traceback());
        assertEquals(0, sink.traces.get(2).traceback().depth());
    }

    @Test
    void sizesAbove2To31AreExact() throws Exception {
        assertEquals(3L * Integer.MAX_VALUE, read("[[0, 6442450941, [[\"a.py\", 1]]]]").total());
    }

    @Test
    void anUnknownOrAmbiguousLayoutIsAnErrorWithItsJsonPath() {
        DumpFormatException unknown = failure("[[10, [[\"a.py\", 1]], 3]]");
        assertEquals("$[0] (line 1, column 2)", unknown.position());
        assertEquals("[int,traceback,int]", unknown.found());
        DumpFormatException mixed = failure("[[10, [[\"a.py\", 1]]], [0, 10, [[\"a.py\", 1]]]]");
        assertEquals("[domain, size, traceback]", mixed.found());
        assertEquals("the layout of the first trace, [size, traceback]", mixed.expected());
    }

    @Test
    void wrongShapesNegativeSizesAndTruncationAreErrors() {
        DumpFormatException stringTraceback = failure("[[10, \"a.py\"]]");
        assertEquals("$[0]", stringTraceback.position().split(" ")[0]);
        assertEquals("[int,string]", stringTraceback.found());
        assertEquals("$[0][0]", failure("[[-10, [[\"a.py\", 1]]]]").position().split(" ")[0]);
        assertEquals("$[0][1][0][1]", failure("[[10, [[\"a.py\", \"x\"]]]]").position().split(" ")[0]);
        assertEquals("$[0][1][0][1]", failure("[[10, [[\"a.py\", -3]]]]").position().split(" ")[0]);
        DumpFormatException truncated = failure("[[10, [[\"a.py\", 1]]], [20, [[\"b");
        assertEquals("well-formed JSON within memflame's limits", truncated.expected());
        failure("[[1.5, [[\"a.py\", 1]]]]");
        failure("[[99999999999999999999, [[\"a.py\", 1]]]]");
        failure("{\"traces\": [], \"extra\": 1}");
        failure("{\"traceback_limit\": 1}");
        failure("\"traces\"");
        failure("[] []");
    }

    @Test
    void aTotalAboveLongMaxIsAnErrorNotAWrapAround() {
        DumpFormatException overflow = assertThrows(DumpFormatException.class, () -> new JsonTracesReader().read(
                new ByteArrayInputStream("[[9223372036854775807, []], [1, []]]".getBytes(StandardCharsets.UTF_8)),
                "t.json", new Interner(), new io.github.memflame.fold.SnapshotFolder()));
        assertEquals("$[1] (line 1, column 29)", overflow.position());
    }

    /** Found by fuzzing: zero bytes make Jackson read UTF-32, whose decoder threw CharConversionException. */
    @Test
    void invalidUtf32IsADumpFormatException() {
        byte[] data = {0x46, 0, 0, 0, 0x20, 0x31, 0x32, (byte) 0xf8, 0x2c, 0x20};
        DumpFormatException e = assertThrows(DumpFormatException.class, () -> new JsonTracesReader().read(
                new java.io.ByteArrayInputStream(data), "t.json", new Interner(), new RecordingSink()));
        assertTrue(e.found().startsWith("invalid characters: Invalid UTF-32 character"), e::getMessage);
    }

    /** A million traces stream through: nothing per trace is kept, only the one distinct traceback. */
    @Test
    void aMillionTracesAccumulateNothing() throws Exception {
        int count = 1_000_000;
        byte[] trace = "[0, 64, [[\"game/a.py\", 12], [\"main.py\", 1]], 2],".getBytes(StandardCharsets.UTF_8);
        java.io.InputStream in = new java.io.InputStream() {
            private long position = -1;
            private final long end = (long) count * trace.length;

            @Override
            public int read() {
                if (position == -1) {
                    position++;
                    return '[';
                }
                if (position < end) {
                    int b = trace[(int) (position++ % trace.length)];
                    // the last trace's comma becomes the closing bracket
                    return position == end ? ']' : b;
                }
                return -1;
            }
        };
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        Interner interner = new Interner();
        long[] totals = new long[2];
        java.util.Set<Traceback> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        new JsonTracesReader().read(new java.io.BufferedInputStream(in, 1 << 16), "big.json", interner,
                (size, traceback) -> {
                    totals[0]++;
                    totals[1] += size;
                    distinct.add(traceback);
                });
        System.gc();
        long retained = runtime.totalMemory() - runtime.freeMemory() - before;
        assertEquals(count, totals[0]);
        assertEquals(64L * count, totals[1]);
        assertEquals(1, distinct.size(), "every trace shares one interned traceback");
        assertTrue(retained < (32L << 20), "retained " + retained + " bytes after " + count + " traces");
        assertSame(interner.frame("main.py", 1), interner.frame("main.py", 1));
    }
}
