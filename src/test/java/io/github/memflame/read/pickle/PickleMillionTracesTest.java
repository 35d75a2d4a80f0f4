package io.github.memflame.read.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.read.Interner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A dump of a million traces in the shape of CPython 3.12's (about 14 bytes per trace) streams through exactly.
 * How fast is measured by the benchmark (src/site/markdown/performance.md), not asserted here.
 */
class PickleMillionTracesTest {
    private static final int TRACES = 1_000_000;
    private static final int TRACEBACKS = 2_000;

    /** Written as CPython writes it: each traceback inline at its first use, then by LONG_BINGET / BINGET. */
    static byte[] millionTraces() {
        PickleBytes pickle = PickleBytes.snapshotHead(5).op(']');
        int[] tracebackMemo = new int[TRACEBACKS];
        int[] fileMemo = new int[300];
        java.util.Arrays.fill(tracebackMemo, -1);
        java.util.Arrays.fill(fileMemo, -1);
        for (int i = 0; i < TRACES; i++) {
            if (i % 1000 == 0) {
                pickle.op('(');
            }
            int traceback = (int) ((i * 2654435761L) % TRACEBACKS);
            pickle.op('(').int1(0).int4(16 + i % 200);
            if (tracebackMemo[traceback] >= 0) {
                pickle.get(tracebackMemo[traceback]);
            } else {
                pickle.op('(');
                for (int frame = 0; frame < 5; frame++) {
                    int file = (traceback + frame * 7) % fileMemo.length;
                    if (fileMemo[file] >= 0) {
                        pickle.get(fileMemo[file]);
                    } else {
                        pickle.str("/usr/lib/python3.12/site-packages/app/module_" + file + ".py");
                        fileMemo[file] = pickle.memoize();
                    }
                    pickle.int4(traceback * 10 + frame);
                    pickle.op(0x86).memoize();
                }
                pickle.op('t');
                tracebackMemo[traceback] = pickle.memoize();
            }
            pickle.int1(5).op('t').memoize();
            if (i % 1000 == 999) {
                pickle.op('e');
            }
        }
        return pickle.snapshotTail().bytes();
    }

    /**
     * One trace listed a million times through the memo (as the pickler writes {@code Snapshot((t,) * 10**6)}):
     * CPython counts it a million times; each reference is the same small object again, nothing is copied.
     */
    @Test
    void aTraceSharedAMillionTimesCountsAMillionTimes() throws Exception {
        PickleBytes pickle = PickleBytes.snapshotHead(4).op(']').op('(');
        pickle.int1(0).int4(48).str("/app/shared.py").int1(7).op(0x86).op(0x85).op(0x87);
        int trace = pickle.memoize();
        for (int i = 1; i < TRACES; i++) {
            if (i % 1000 == 0) {
                pickle.op('e').op('(');
            }
            pickle.get(trace);
        }
        PickleTestSink sink = new PickleTestSink(false);
        new TracemallocPickleReader(StandardCharsets.UTF_8).read(new ByteArrayInputStream(
                pickle.op('e').snapshotTail().bytes()), "shared.pickle", new Interner(), sink);
        assertEquals(TRACES, sink.traces);
        assertEquals(48L * TRACES, sink.totalBytes);
        assertEquals(1, sink.byTraceback.size());
    }

    @Test
    void readsAMillionSharedTracebackTracesExactly() throws Exception {
        PickleTestSink sink = new PickleTestSink(false);
        new TracemallocPickleReader(StandardCharsets.UTF_8).read(new ByteArrayInputStream(millionTraces()),
                "million.pickle", new Interner(), sink);
        assertEquals(TRACES, sink.traces);
        assertEquals(TRACEBACKS, sink.byTraceback.size());
    }
}
