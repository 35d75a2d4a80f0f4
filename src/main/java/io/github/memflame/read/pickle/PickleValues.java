package io.github.memflame.read.pickle;

/**
 * What the stack and the memo may hold: the few kinds of values a tracemalloc dump is made of. Nothing here is an
 * object the dump names; each is a marker or a small holder that the reader recognizes by shape.
 */
final class PickleValues {

    private PickleValues() {
    }

    /** A value with no content of its own: None, (), an int (its value is in the parallel long stack), ... */
    record Marker(String description) {
    }

    static final Marker INT_VALUE = new Marker("int");
    static final Marker NONE_VALUE = new Marker("None");
    static final Marker EMPTY_TUPLE_VALUE = new Marker("()");
    static final Marker FLOAT_VALUE = new Marker("float");
    static final Marker SNAPSHOT_CLASS = new Marker("class tracemalloc.Snapshot");
    static final Marker TRACES_CLASS = new Marker("class tracemalloc._Traces");
    /** {@code copy_reg._reconstructor}, which protocols 0 and 1 call (REDUCE) to create a new-style object. */
    static final Marker RECONSTRUCTOR = new Marker("copy_reg._reconstructor");
    static final Marker OBJECT_CLASS = new Marker("class object");

    /**
     * A frame {@code (filename, lineno)}; its frame key (file number and line, see {@code TraceShapes#frameKey}) is
     * at the same index of the long stack or memo.
     */
    static final Marker FRAME_VALUE = new Marker("frame (filename, lineno)");
    /** A tuple of frames; its stack id is at the same index of the long stack or memo. */
    static final Marker TRACEBACK_VALUE = new Marker("traceback");
    /** A raw trace; its size and stack id, packed ({@link #packRawTrace}), are at the same index. */
    static final Marker RAW_TRACE_VALUE = new Marker("raw trace");
    /** Sizes below 32 GiB and the first 64 million stacks fit one packed long with room for a memo kind. */
    static final int PACKED_SIZE_BITS = 35;
    static final long PACKED_SIZE_MASK = (1L << PACKED_SIZE_BITS) - 1;
    private static final int PACKED_STACK_LIMIT = 1 << 26;

    /** A raw trace too large to pack: a size of 32 GiB or more, or a stack beyond the 64 millionth. */
    record RawTrace(long size, int stackId) {
    }

    static boolean packs(long size, int stackId) {
        return size <= PACKED_SIZE_MASK && stackId < PACKED_STACK_LIMIT;
    }

    static long packRawTrace(long size, int stackId) {
        return (long) stackId << PACKED_SIZE_BITS | size;
    }

    /** The arguments {@code (tracemalloc class, object, None)} of {@code copy_reg._reconstructor}. */
    record ReconstructorArguments(Marker type) {
    }

    /**
     * A Python 2 byte string that is not in the file name encoding. It is refused only when used as a file name:
     * a tag of {@code (size, traceback, tag)} may hold any bytes.
     */
    record UndecodableBytes(byte[] bytes, long offset) {
    }

    /** A list; it holds nothing, its traces go to the sink as they are appended. */
    static final class TraceList {
    }

    /** A tuple of raw traces, already sent to the sink. */
    static final class TraceTuple {
    }

    /** The state dict of a BUILD; only the keys of the two tracemalloc classes are accepted. */
    static final class StateDict {
        Object traces;
        Object tracebackLimit;
        Object rawTraces;

        String keys() {
            StringBuilder keys = new StringBuilder();
            if (traces != null) {
                keys.append(", 'traces'");
            }
            if (tracebackLimit != null) {
                keys.append(", 'traceback_limit'");
            }
            if (rawTraces != null) {
                keys.append(", '_traces'");
            }
            return keys.length() == 0 ? "an empty dict" : "a dict with keys " + keys.substring(2);
        }
    }

    /** An instance of one of the two classes; {@code value} is the _Traces of a Snapshot, the list of a _Traces. */
    static final class Instance {
        final boolean snapshot;
        boolean built;
        Object value;

        Instance(boolean snapshot) {
            this.snapshot = snapshot;
        }

        String className() {
            return snapshot ? "tracemalloc.Snapshot" : "tracemalloc._Traces";
        }
    }
}
