package io.github.memflame.read.pickle;

import static io.github.memflame.read.pickle.PickleFixturesTest.expected;
import static io.github.memflame.read.pickle.PickleFixturesTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.Frame;
import io.github.memflame.read.Interner;
import io.github.memflame.read.Traceback;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every malformed or hostile dump ends in a DumpFormatException that says where and what. */
class PickleRefusalTest {

    private static DumpFormatException refuse(byte[] pickle) {
        return assertThrows(DumpFormatException.class, () -> PickleFixturesTest.read(pickle, StandardCharsets.UTF_8,
                new Interner()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"refuse-negative-size", "refuse-total-overflow", "refuse-size-beyond-long",
        "refuse-os-system-p4", "refuse-wrong-global"})
    void refusesInvalidDumpsCPythonWrote(String name) throws Exception {
        JsonNode expected = expected(name);
        DumpFormatException e = refuse(fixture(name + ".pickle"));
        assertEquals(expected.get("refusal").asText(), e.expected(), e::getMessage);
        assertEquals(expected.get("found").asText(), e.found(), e::getMessage);
        assertEquals("test.pickle", e.source());
        assertTrue(e.position().startsWith("byte "), e::getMessage);
    }

    @Test
    void refusesReduceEvenOnAnAcceptedGlobal() {
        PickleBytes pickle = new PickleBytes().proto(4).str("tracemalloc").str("Snapshot").op(0x93)
                .op(')');
        int reduceAt = pickle.size();
        DumpFormatException e = refuse(pickle.op('R').op('.').bytes());
        assertEquals("byte " + reduceAt, e.position());
        assertEquals("test.pickle: at byte 27: expected copy_reg._reconstructor(tracemalloc.Snapshot or "
                + "tracemalloc._Traces, object, None) for REDUCE, found class tracemalloc.Snapshot called with ()",
                e.getMessage());
    }

    @Test
    void reduceOnlyAsTheReconstructorOfATracemallocClass() {
        String reconstruct = "ccopy_reg\n_reconstructor\n";
        DumpFormatException objectItself = refuse(latin1(reconstruct + "(c__builtin__\nobject\nc__builtin__\nobject\n"
                + "NtR."));
        assertEquals("a tuple of (class object, class object, None)", objectItself.found());
        DumpFormatException stateNotNone = refuse(latin1(reconstruct + "(ctracemalloc\nSnapshot\n"
                + "c__builtin__\nobject\nI1\ntR."));
        assertEquals("the arguments (tracemalloc.Snapshot, object, None) of copy_reg._reconstructor",
                stateNotNone.expected());
        assertEquals("a tuple of (class tracemalloc.Snapshot, class object, int)", stateNotNone.found());
        DumpFormatException otherCallable = refuse(latin1("ctracemalloc\n_Traces\n(ctracemalloc\nSnapshot\n"
                + "c__builtin__\nobject\nNtR."));
        assertEquals("class tracemalloc._Traces called with tuple (class, object, None)", otherCallable.found());
        assertEquals("copy_reg._reconstructor called with None", refuse(latin1(reconstruct + "NR.")).found());
    }

    @Test
    void instObjAndPersistentIdsAreRefusedNamingWhatTheyAskFor() {
        DumpFormatException inst = refuse(latin1("(itracemalloc\nSnapshot\n."));
        assertEquals("tracemalloc objects created by NEWOBJ or copy_reg._reconstructor", inst.expected());
        assertEquals("INST of tracemalloc.Snapshot", inst.found());
        assertEquals("os.system", refuse(latin1("(S'id'\nios\nsystem\n.")).found());
        DumpFormatException obj = refuse(latin1("(ctracemalloc\n_Traces\no."));
        assertEquals("OBJ of class tracemalloc._Traces", obj.found());
        assertEquals("nothing", refuse(latin1("(o.")).found());
        DumpFormatException persid = refuse(latin1("P/etc/passwd\n."));
        assertEquals("no persistent id (Snapshot.load and pickle.load define no persistent_load)", persid.expected());
        assertEquals("PERSID '/etc/passwd'", persid.found());
        assertEquals("BINPERSID of int", refuse(latin1("K\u0001Q.")).found());
    }

    @Test
    void textValuesAreReadAsCPythonReadsThem() throws Exception {
        // STRING escapes (backslash, hex, octal, quote), UNICODE escapes (4 and 8 hex digits, an even run of
        // backslashes that is no escape), LONG text.
        PickleTestSink sink = readLatin1("(lp0\n(L4294967296L\n((S'a\\\\b\\x41\\101\\'.py'\nI1\ntp1\n"
                + "(V\\u5ba2\\U0001f600\\\\u.py\nI1\ntp2\ntp3\ntp4\na(I0\nI7\ng3\nI2\ntp5\na.");
        assertEquals(2, sink.traces);
        assertEquals(4294967303L, sink.totalBytes);
        Traceback traceback = sink.byTraceback.keySet().iterator().next();
        assertEquals(new Frame("a\\bAA'.py", 1), traceback.frame(0));
        assertEquals(new Frame("\u5ba2\ud83d\ude00\\\\u.py", 1), traceback.frame(1));
        assertEquals("an argument that is not quoted", refuse(latin1("S'a.py\n.")).found());
        assertEquals("an invalid \\x escape at position 0", refuse(latin1("S'\\x4'\n.")).found());
        assertEquals("a truncated \\uXXXX escape at position 1", refuse(latin1("Va\\u12\n.")).found());
        assertEquals("'1.5e'", refuse(latin1("F1.5e\n.")).found());
        assertEquals("a tuple of (str 'a.py', float)", refuse(latin1("(S'a.py'\nF1.5\nt.")).found());
        assertEquals("'-1'", refuse(latin1("Np-1\n.")).found());
        // INT as Python 3's int(text, 0) reads it: a sign, True as 01, no other leading zero.
        assertEquals(16 + 1 + 123456789012345678L, readLatin1("(lp0\n(I+16\n)tp1\na(I01\n)ta(L123456789012345678L\n)"
                + "ta.").totalBytes);
        assertEquals("'007'", refuse(latin1("I007\n.")).found());
        assertEquals("the int -5", refuse(latin1("(lp0\n(I-5\n)tp1\na.")).found());
    }

    @Test
    void aTupleOfTracesAtProtocol1IsTheResult() throws Exception {
        // Python 2's cPickle.dumps(((16, (('a.py', 3),)), (8, ())), 1)
        PickleTestSink sink = readLatin1("((K\u0010((U\u0004a.pyq\u0001K\u0003tq\u0002tq\u0003tq\u0004(K\u0008)"
                + "tq\u0005tq\u0006.");
        assertEquals(2, sink.traces);
        assertEquals(24, sink.totalBytes);
    }

    private static PickleTestSink readLatin1(String pickle) throws Exception {
        return PickleFixturesTest.read(latin1(pickle), StandardCharsets.UTF_8, new Interner());
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void refusesTheClassicProtocol2Exploit() {
        byte[] exploit = "\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R.".getBytes(StandardCharsets.ISO_8859_1);
        DumpFormatException e = refuse(exploit);
        assertEquals("global tracemalloc.Snapshot or tracemalloc._Traces", e.expected());
        assertEquals("os.system", e.found());
        assertEquals("byte 2", e.position());
    }

    @ParameterizedTest
    @CsvSource({"0x82, EXT1 (0x82)", "0x83, EXT2 (0x83)", "0x84, EXT4 (0x84)", "0x8B, LONG4 (0x8B)",
        "0x8D, BINUNICODE8 (0x8D)", "0x92, NEWOBJ_EX (0x92)", "0x32, DUP (0x32)", "0x30, POP (0x30)",
        "0x88, NEWTRUE (0x88)", "0x97, NEXT_BUFFER (0x97)", "0x80, PROTO (0x80)",
        "0xFF, an unknown opcode (0xFF)"})
    void refusesOpcodesTracemallocNeverWrites(String opcode, String found) {
        DumpFormatException e = refuse(new PickleBytes().proto(4).op(Integer.decode(opcode)).op('.').bytes());
        assertEquals("a tracemalloc opcode", e.expected());
        assertEquals(found, e.found());
        assertEquals("byte 2", e.position());
    }

    @Test
    void refusesWhatIsNotAPickle() {
        assertEquals("an unknown opcode (0x7B)", refuse("{\"traces\": []}".getBytes(StandardCharsets.UTF_8)).found());
        assertEquals("empty data", refuse(new byte[0]).found());
        assertEquals("protocol 6", refuse(new PickleBytes().proto(6).op('.').bytes()).found());
        assertEquals("None", refuse(new PickleBytes().proto(1).op('N').op('.').bytes()).found());
    }

    @Test
    void refusesEveryTruncation() throws Exception {
        for (String name : new String[] {"tuple-of-traces-p5", "py312-real", "lone-surrogate-p5"}) {
            byte[] whole = fixture(name + ".pickle");
            for (int length = 0; length < whole.length; length++) {
                DumpFormatException e = refuse(Arrays.copyOf(whole, length));
                if (length > 0) {
                    assertTrue(e.found().contains("truncated"), e::getMessage);
                }
            }
        }
    }

    @Test
    void refusesBytesAfterStop() throws Exception {
        byte[] whole = fixture("py38-real.pickle");
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        DumpFormatException e = refuse(longer);
        assertEquals("the end of the data after STOP", e.expected());
        assertEquals("byte " + whole.length, e.position());
    }

    @Test
    void aClaimedHugeLengthCostsNothing() {
        DumpFormatException overCap = refuse(new PickleBytes().proto(4).op('X').littleEndian(0xFFFF_FFFFL, 4)
                .raw('a', 'b').bytes());
        assertEquals("a string of at most 16777216 bytes", overCap.expected());
        assertEquals("BINUNICODE of 4294967295 bytes", overCap.found());

        DumpFormatException shortData = refuse(new PickleBytes().proto(4).op('X').littleEndian(16_000_000, 4)
                .raw('a', 'b').bytes());
        assertEquals("the end of the data (the dump is truncated)", shortData.found());

        DumpFormatException binstring = refuse(new PickleBytes().proto(2).op('T').littleEndian(-1, 4).bytes());
        assertEquals("BINSTRING of -1 bytes", binstring.found());
    }

    @Test
    void aFrameClaimingMoreThanTheDataIsRefused() throws Exception {
        byte[] pickle = fixture("py312-real.pickle");
        assertEquals(0x95, pickle[2] & 0xff);
        for (long claimed : new long[] {Long.MAX_VALUE, -1L, 1L << 40}) {
            byte[] patched = pickle.clone();
            for (int i = 0; i < 8; i++) {
                patched[3 + i] = (byte) (claimed >>> (8 * i));
            }
            DumpFormatException e = refuse(patched);
            assertTrue(e.expected().startsWith("STOP at the end of the FRAME"), e::getMessage);
        }
    }

    @Test
    void deepMarkNestingIsRefused() {
        PickleBytes pickle = new PickleBytes().proto(4);
        for (int i = 0; i < 10_000; i++) {
            pickle.op('(');
        }
        DumpFormatException e = refuse(pickle.op('.').bytes());
        assertEquals("at most 1000 nested MARKs", e.expected());
        assertEquals("byte " + (2 + 1000), e.position());
    }

    @Test
    void deepTupleNestingNeedsNoRecursion() {
        PickleBytes pickle = new PickleBytes().proto(4).op(')');
        for (int i = 0; i < 100_000; i++) {
            pickle.op(0x85);
        }
        assertTrue(refuse(pickle.op('.').bytes()).expected().startsWith("a frame (filename, lineno)"));
    }

    @Test
    void memoIndexesMustHaveBeenStored() {
        DumpFormatException binget = refuse(new PickleBytes().proto(4).op('h').op(7).bytes());
        assertEquals("a memo index that was stored (the memo holds 0 entries)", binget.expected());
        assertEquals("BINGET 7", binget.found());
        DumpFormatException longBinget = refuse(new PickleBytes().proto(4).str("a").op(0x94)
                .op('j').littleEndian(0xFFFF_FFFFL, 4).bytes());
        assertEquals("LONG_BINGET 4294967295", longBinget.found());
        DumpFormatException put = refuse(new PickleBytes().proto(2).op('N').op('r').littleEndian(0xFFFF_FFFFL, 4)
                .bytes());
        assertEquals("LONG_BINPUT 4294967295", put.found());
        DumpFormatException empty = refuse(new PickleBytes().proto(4).op(0x94).bytes());
        assertEquals("1 item(s) on the stack for MEMOIZE", empty.expected());
    }

    @Test
    void sparseMemoIndexesWork() throws Exception {
        // Python 2 starts at 1; a hostile dump may jump far ahead: both must work and not allocate by index.
        PickleBytes pickle = PickleBytes.snapshotHead(2).op(']').op('r').littleEndian(2_000_000_000L, 4)
                .op('(').int1(5).op(')').op(0x86).op('e').op('s').op('b')
                .str("traceback_limit").int1(1).op('u').op('b').op('.');
        PickleTestSink sink = PickleFixturesTest.read(pickle.bytes(), StandardCharsets.UTF_8, new Interner());
        assertEquals(1, sink.traces);
    }

    @Test
    void buildOnlyOnTheTwoClasses() {
        DumpFormatException e = refuse(new PickleBytes().proto(4).op(']').op('}').op('b').op('.').bytes());
        assertEquals("a tracemalloc.Snapshot or tracemalloc._Traces to BUILD", e.expected());
        assertEquals("list", e.found());
    }

    @Test
    void aTraceTakenTwiceThroughTheMemoCountsTwice() throws Exception {
        PickleBytes pickle = PickleBytes.snapshotHead(4).op(']').op('(');
        pickle.int1(0).int1(8).op(')').op(0x87);
        int trace = pickle.memoize();
        PickleTestSink sink = PickleFixturesTest.read(pickle.get(trace).op('e').snapshotTail().bytes(),
                StandardCharsets.UTF_8, new Interner());
        assertEquals(2, sink.traces);
        assertEquals(16, sink.totalBytes);
    }

    @Test
    void onlyOneListOfTracesAndItMustBeTheSnapshots() {
        PickleBytes two = PickleBytes.snapshotHead(4).op(']')
                .int1(0).int1(8).op(')').op(0x87).op('a')
                .op(']').int1(0).int1(9).op(')').op(0x87).op('a');
        DumpFormatException second = refuse(two.bytes());
        assertEquals("a second list of raw traces", second.found());

        // The list that received the traces is replaced by an empty one before the BUILD of _Traces.
        PickleBytes replaced = PickleBytes.snapshotHead(4).op(']');
        replaced.int1(0).int1(8).op(')').op(0x87).op('a').op('s')
                .str("_traces").op(']').op('s').op('b');
        replaced.str("traceback_limit").int1(4).op('u').op('b').op('.');
        DumpFormatException wrong = refuse(replaced.bytes());
        assertEquals("the list or tuple of raw traces as _Traces._traces of the snapshot", wrong.expected());
        assertEquals("another list", wrong.found());
    }

    @Test
    void theResultMustBeABuiltSnapshot() {
        assertEquals("dict", refuse(new PickleBytes().proto(4).op('}').op('.').bytes()).found());
        DumpFormatException noState = refuse(new PickleBytes().proto(4).str("tracemalloc").str("Snapshot")
                .op(0x93).op(')').op(0x81).op('.').bytes());
        assertEquals("a Snapshot without state", noState.found());
        DumpFormatException noLimit = refuse(PickleBytes.snapshotHead(4).op(']').op('s').op('b').op('u').op('b')
                .op('.').bytes());
        assertEquals("a dict with keys 'traces', 'traces' a tracemalloc._Traces object", noLimit.found());
        DumpFormatException unknownKey = refuse(new PickleBytes().proto(4).op('}').str("__class__").op(']').op('s')
                .bytes());
        assertEquals("'__class__'", unknownKey.found());
    }

    @Test
    void linesMustFitAnIntAndFramesBeFrames() {
        DumpFormatException negative = refuse(new PickleBytes().proto(4).str("a.py").int4(-1).op(0x86).bytes());
        assertEquals("a line number from 0 to 2147483647", negative.expected());
        assertEquals("the int -1", negative.found());
        DumpFormatException tooBig = refuse(new PickleBytes().proto(4).str("a.py").long8(1L << 31).op(0x86).bytes());
        assertEquals("the int 2147483648", tooBig.found());
        DumpFormatException notATrace = refuse(new PickleBytes().proto(4).int1(1).str("x").op(0x86).bytes());
        assertEquals("a tuple of (int, str 'x')", notATrace.found());
    }

    @Test
    void invalidUtf8IsRefusedAtItsByte() {
        DumpFormatException overlong = refuse(new PickleBytes().proto(4).op(0x8c).op(3).raw('a', 0xC0, 0x80).bytes());
        assertEquals("UTF-8 text (lone surrogates allowed)", overlong.expected());
        assertEquals("the byte 0xC0", overlong.found());
        assertEquals("byte 5", overlong.position());
        DumpFormatException beyond = refuse(new PickleBytes().proto(4).op(0x8c).op(4).raw(0xF4, 0x90, 0x80, 0x80)
                .bytes());
        assertEquals("the byte 0x90", beyond.found());
        DumpFormatException cut = refuse(new PickleBytes().proto(4).op(0x8c).op(2).raw(0xE2, 0x82).bytes());
        assertEquals("the end of the string", cut.found());
    }

    @Test
    void surrogatepassDecodesEverySurrogate() throws Exception {
        PickleBytes pickle = PickleBytes.snapshotHead(4).op(']')
                .int1(0).int1(8).op(0x8c).op(6).raw(0xED, 0xA0, 0x80, 0xED, 0xBF, 0xBF).int1(1).op(0x86).op(0x85)
                .op(0x87).op('a').snapshotTail();
        PickleTestSink sink = PickleFixturesTest.read(pickle.bytes(), StandardCharsets.UTF_8, new Interner());
        assertEquals("\ud800\udfff", sink.byTraceback.keySet().iterator().next().frame(0).file());
    }

    /** Random damage to real dumps: whatever happens, only a DumpFormatException, within bounded memory. */
    @Test
    void damagedDumpsOnlyEverGiveDumpFormatException() throws Exception {
        Random random = new Random(20261125);
        for (String name : new String[] {"py312-real", "py27-p2-gbk", "tuple-of-traces-p5", "shared-p4-layout3"}) {
            byte[] whole = fixture(name + ".pickle");
            for (int round = 0; round < 1500; round++) {
                byte[] damaged = whole.clone();
                for (int hits = 1 + random.nextInt(3); hits > 0; hits--) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                try {
                    PickleFixturesTest.read(damaged, StandardCharsets.UTF_8, new Interner());
                } catch (DumpFormatException expected) {
                    // fine
                } catch (Throwable other) {
                    fail(name + " round " + round + ": " + other, other);
                }
            }
        }
    }
}
