package io.github.memflame.read.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.read.FrameIdSink;
import io.github.memflame.read.Interner;
import io.github.memflame.read.Traceback;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the pickle reader hands a {@link FrameIdSink}: frames and stacks asked for once per tuple the dump builds,
 * traces as sizes and stack ids, exact through the memo for every size and stack id, packed or not.
 */
class PickleFrameIdsTest {

    /** Numbers files from 0 and a frame as file * 1000 + line; stack ids start at {@code firstStackId}. */
    private static final class IdSink implements FrameIdSink {
        final List<String> files = new ArrayList<>();
        final List<int[]> stacks = new ArrayList<>();
        final List<long[]> traces = new ArrayList<>();
        private final int firstStackId;

        IdSink(int firstStackId) {
            this.firstStackId = firstStackId;
        }

        @Override
        public FileFrames file(String file) {
            files.add(file);
            int number = files.size() - 1;
            return line -> number * 1000 + line;
        }

        @Override
        public int stackId(int[] frameIdsMostRecentFirst, int depth) {
            stacks.add(Arrays.copyOf(frameIdsMostRecentFirst, depth));
            return firstStackId + stacks.size() - 1;
        }

        @Override
        public void trace(long sizeBytes, int stackId) {
            traces.add(new long[] {sizeBytes, stackId});
        }

        @Override
        public void trace(long sizeBytes, Traceback traceback) {
            throw new AssertionError("a frame-id sink is given ids, not tracebacks");
        }
    }

    private static IdSink read(PickleBytes pickle, int firstStackId) throws Exception {
        IdSink sink = new IdSink(firstStackId);
        new TracemallocPickleReader(StandardCharsets.UTF_8).read(new ByteArrayInputStream(pickle.bytes()),
                "test.pickle", new Interner(), sink);
        return sink;
    }

    /**
     * Sizes on both sides of the largest that packs with its stack id (2^35 - 1), and stack ids on both sides of the
     * largest that packs (2^26 - 1): each trace is listed, then listed again from the memo.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, (1 << 26) - 1, 1 << 26, Integer.MAX_VALUE - 1})
    void everySizeAndStackIdComesBackExactlyFromTheMemo(int firstStackId) throws Exception {
        long[] sizes = {0, 48, (1L << 35) - 1, 1L << 35, Long.MAX_VALUE / 4};
        PickleBytes pickle = PickleBytes.snapshotHead(4).op(']').op('(');
        int traceback = -1;
        for (long size : sizes) {
            pickle.int1(0).long8(size);
            if (traceback < 0) {
                pickle.str("a.py").int1(7).op(0x86).op(0x85);  // ((a.py, 7),)
                traceback = pickle.memoize();
            } else {
                pickle.get(traceback);
            }
            pickle.op(0x87);  // (domain, size, traceback)
            pickle.get(pickle.memoize());
        }
        IdSink sink = read(pickle.op('e').snapshotTail(), firstStackId);
        assertEquals(1, sink.stacks.size(), "one stack asked for: the memo holds its id");
        assertArrayEquals(new int[] {7}, sink.stacks.get(0));
        assertEquals(2 * sizes.length, sink.traces.size());
        for (int i = 0; i < sink.traces.size(); i++) {
            assertArrayEquals(new long[] {sizes[i / 2], firstStackId}, sink.traces.get(i), "trace " + i);
        }
    }

    @Test
    void framesIntsAndTracebacksFromTheMemoAreTheOnesStored() throws Exception {
        PickleBytes pickle = PickleBytes.snapshotHead(4).op(']').op('(');
        pickle.int1(0).int4(1 << 20);
        int size = pickle.memoize();
        pickle.str("客户端/界面.py").int1(3).op(0x86);
        int frame = pickle.memoize();
        pickle.str("b.py").op('N').op(0x86).op(0x86).op(0x87);  // (0, 2^20, ((客户端/界面.py, 3), (b.py, None)))
        pickle.int1(0).get(size).get(frame).get(frame).op(0x86).op(0x87);
        pickle.int1(0).int1(5).op(')').op(0x87);  // no frames recorded
        IdSink sink = read(pickle.op('e').snapshotTail(), 0);
        assertEquals(List.of("客户端/界面.py", "b.py"), sink.files, "each file asked for once");
        assertEquals(3, sink.stacks.size());
        assertArrayEquals(new int[] {3, 1000}, sink.stacks.get(0));
        assertArrayEquals(new int[] {3, 3}, sink.stacks.get(1));
        assertArrayEquals(new int[0], sink.stacks.get(2));
        assertArrayEquals(new long[] {1 << 20, 0}, sink.traces.get(0));
        assertArrayEquals(new long[] {1 << 20, 1}, sink.traces.get(1));
        assertArrayEquals(new long[] {5, 2}, sink.traces.get(2));
    }
}
