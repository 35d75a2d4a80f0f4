package io.github.memflame.read.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.Frame;
import io.github.memflame.read.Interner;
import io.github.memflame.read.Traceback;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the dumps CPython wrote (src/test/python/make_pickle_unit_fixtures.py) and compares with the figures CPython
 * computed from the same files (the .json next to each).
 */
class PickleFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = PickleFixturesTest.class.getResourceAsStream("/pickle-unit/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    static JsonNode expected(String name) throws IOException {
        return JSON.readTree(fixture(name + ".json"));
    }

    static PickleTestSink read(byte[] pickle, Charset encoding, Interner interner) throws Exception {
        PickleTestSink sink = new PickleTestSink(false);
        new TracemallocPickleReader(encoding).read(new java.io.ByteArrayInputStream(pickle), "test.pickle", interner, sink);
        return sink;
    }

    @ParameterizedTest
    @ValueSource(strings = {"py36-real", "py38-real", "py312-real", "py27-p2-gbk", "shared-p4-layout3",
        "shared-p5-layout4", "layout2-p4", "tuple-of-traces-p5", "empty-p5", "lone-surrogate-p5", "long-filename-p4",
        "reframed-p5"})
    void readsWhatCPythonWrote(String name) throws Exception {
        JsonNode expected = expected(name);
        Charset encoding = expected.has("fileNameEncoding")
                ? Charset.forName(expected.get("fileNameEncoding").asText()) : StandardCharsets.UTF_8;

        PickleTestSink sink = read(fixture(name + ".pickle"), encoding, new Interner());

        assertEquals(expected.get("traces").asLong(), sink.traces, "traces");
        assertEquals(expected.get("total").asLong(), sink.totalBytes, "total bytes");
        assertEquals(expected.get("distinctTracebacks").asInt(), sink.byTraceback.size(), "distinct tracebacks");
        // Repeated tracebacks arrive as one interned instance.
        assertEquals(sink.byTraceback.size(), sink.instances.size(), "Traceback instances");
        for (JsonNode traceback : expected.get("tracebacks")) {
            List<Frame> frames = new ArrayList<>();
            traceback.get("frames").forEach(f -> frames.add(new Frame(f.get(0).asText(), f.get(1).asInt())));
            long[] totals = sink.byTraceback.get(new Traceback(frames.toArray(new Frame[0])));
            assertTrue(totals != null, () -> "no traces for " + frames);
            assertEquals(traceback.get("size").asLong(), totals[0], () -> "size of " + frames);
            assertEquals(traceback.get("count").asLong(), totals[1], () -> "count of " + frames);
        }
    }

    /** Guards the fixtures themselves: each exercises the opcodes and layouts its test relies on. */
    @Test
    void fixturesUseTheOpcodesTheyStandFor() throws IOException {
        assertUses("py27-p2-gbk", 2, "GLOBAL", "BINPUT", "LONG_BINPUT", "LONG_BINGET", "SHORT_BINSTRING", "INT",
                "LONG1", "NONE");
        assertUses("shared-p4-layout3", 4, "LONG_BINGET", "LONG1", "TUPLE3", "NONE", "APPENDS");
        assertUses("shared-p5-layout4", 5, "LONG_BINGET", "LONG1", "TUPLE", "FRAME");
        assertUses("long-filename-p4", 4, "BINUNICODE");
        assertUses("reframed-p5", 5, "FRAME", "MARK", "BININT1", "LONG_BINGET", "TUPLE2", "TUPLE", "MEMOIZE");
        assertEquals("[3]", expected("py36-real").get("layout").toString());
        assertEquals("[3]", expected("py38-real").get("layout").toString());
        assertEquals("[4]", expected("py312-real").get("layout").toString());
        assertEquals("[2]", expected("layout2-p4").get("layout").toString());
        assertEquals("[2]", expected("py27-p2-gbk").get("layout").toString());
    }

    /**
     * The reader looks ahead at whole values in its buffer: a stream that hands over a few bytes per read makes it
     * keep the bytes it has not consumed and read more, at every position of every value.
     */
    @ParameterizedTest
    @ValueSource(strings = {"py312-real", "py27-p2-gbk", "shared-p4-layout3", "shared-p5-layout4", "reframed-p5"})
    void readsTheSameWhenTheStreamHandsOverAFewBytesAtATime(String name) throws Exception {
        JsonNode expected = expected(name);
        Charset encoding = expected.has("fileNameEncoding")
                ? Charset.forName(expected.get("fileNameEncoding").asText()) : StandardCharsets.UTF_8;
        byte[] pickle = fixture(name + ".pickle");
        PickleTestSink whole = read(pickle, encoding, new Interner());

        PickleTestSink dribbled = new PickleTestSink(true);
        new TracemallocPickleReader(encoding).read(fewBytesAtATime(pickle, name), "test.pickle", new Interner(),
                dribbled);

        assertEquals(whole.traces, dribbled.traces);
        assertEquals(whole.totalBytes, dribbled.totalBytes);
        assertEquals(totals(whole), totals(dribbled));

        // Offsets stay right: an opcode no pickle has, three quarters in, is refused at the same byte.
        byte[] broken = pickle.clone();
        broken[broken.length * 3 / 4] = (byte) 0xff;
        DumpFormatException readWhole = assertThrows(DumpFormatException.class,
                () -> read(broken, encoding, new Interner()));
        DumpFormatException readDribbled = assertThrows(DumpFormatException.class,
                () -> new TracemallocPickleReader(encoding).read(fewBytesAtATime(broken, name), "test.pickle",
                        new Interner(), new PickleTestSink(false)));
        assertEquals(readWhole.getMessage(), readDribbled.getMessage());
    }

    private static InputStream fewBytesAtATime(byte[] data, String seed) {
        java.util.Random random = new java.util.Random(seed.hashCode());
        return new java.io.ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] into, int offset, int length) {
                return super.read(into, offset, Math.min(length, 1 + random.nextInt(7)));
            }
        };
    }

    private static Map<Traceback, List<Long>> totals(PickleTestSink sink) {
        Map<Traceback, List<Long>> totals = new LinkedHashMap<>();
        sink.byTraceback.forEach((traceback, sizeAndCount) -> totals.put(traceback, List.of(sizeAndCount[0],
                sizeAndCount[1])));
        return totals;
    }

    private static void assertUses(String name, int protocol, String... opcodes) throws IOException {
        JsonNode expected = expected(name);
        assertEquals(protocol, expected.get("protocol").asInt(), name);
        List<String> used = new ArrayList<>();
        expected.get("opcodes").forEach(op -> used.add(op.asText()));
        for (String opcode : opcodes) {
            assertTrue(used.contains(opcode), () -> name + " does not use " + opcode);
        }
    }

    @Test
    void sizesFromTwoToThe31UpArriveExactly() throws Exception {
        PickleTestSink sink = new PickleTestSink(true);
        new TracemallocPickleReader(StandardCharsets.UTF_8).read(
                new java.io.ByteArrayInputStream(fixture("shared-p4-layout3.pickle")), "x", new Interner(), sink);
        assertTrue(sink.sizes.contains(1L << 31));
        assertTrue(sink.sizes.contains((1L << 40) + 7));
        assertTrue(sink.sizes.contains(1L << 62));
    }

    @Test
    void gbkFileNamesAreDecodedWithTheGivenEncoding() throws Exception {
        PickleTestSink sink = read(fixture("py27-p2-gbk.pickle"), Charset.forName("GBK"), new Interner());
        assertTrue(sink.byTraceback.keySet().stream().anyMatch(t -> t.depth() == 2
                && t.frame(0).equals(new Frame("C:\\项目\\模块.py", 3))
                && t.frame(1).equals(new Frame("C:\\app\\x.py", 0))));

        DumpFormatException asUtf8 = assertThrows(DumpFormatException.class,
                () -> read(fixture("py27-p2-gbk.pickle"), StandardCharsets.UTF_8, new Interner()));
        assertEquals("a byte string in UTF-8 (the file name encoding)", asUtf8.expected());
    }

    @Test
    void loneSurrogatesBecomeLoneChars() throws Exception {
        PickleTestSink sink = read(fixture("lone-surrogate-p5.pickle"), StandardCharsets.UTF_8, new Interner());
        Traceback traceback = sink.byTraceback.keySet().iterator().next();
        assertEquals("/app/bad\udcffname.py", traceback.frame(0).file());
        assertEquals("/app/\ud83d\ude00.py", traceback.frame(1).file());
    }

    @Test
    void fileNamesFramesAndTracebacksGoThroughTheInterner() throws Exception {
        Interner interner = new Interner();
        PickleTestSink first = read(fixture("py312-real.pickle"), StandardCharsets.UTF_8, interner);
        PickleTestSink second = read(fixture("py312-real.pickle"), StandardCharsets.UTF_8, interner);
        for (Traceback traceback : first.byTraceback.keySet()) {
            Traceback again = second.byTraceback.keySet().stream().filter(traceback::equals).findFirst().orElseThrow();
            assertSame(traceback, again);
            assertSame(interner.string(traceback.frame(0).file()), traceback.frame(0).file());
        }
    }

    @Test
    void anEmptyTracebackAndANoneLineAreKept() throws Exception {
        PickleTestSink sink = read(fixture("shared-p5-layout4.pickle"), StandardCharsets.UTF_8, new Interner());
        long[] empty = sink.byTraceback.get(new Traceback(new Frame[0]));
        assertEquals((1L << 62) + 5, empty[0]);
        assertEquals(2, empty[1]);
        long[] noneLine = sink.byTraceback.get(new Traceback(new Frame[] {new Frame("/app/none_line.py", 0)}));
        assertEquals(3, noneLine[0]);
    }
}
