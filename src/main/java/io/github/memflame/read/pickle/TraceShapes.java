package io.github.memflame.read.pickle;

import static io.github.memflame.read.pickle.PickleValues.*;

import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.FrameIdSink;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Frames, tracebacks and raw traces, recognized by the shape of the tuples that hold them as they are built, and
 * the one list or tuple of raw traces, whose items go to the sink as they are added to it. A frame becomes its
 * file's number here and its line (a frame key), a traceback a stack id numbered by the sink, after its frames
 * become the sink's frame ids; a raw trace is its size and stack id.
 *
 * <p>The frames of a traceback are given their ids together, when the traceback is built, not one by one as the
 * opcodes between them are read: among millions of distinct lines each id is a cache miss, and lookups that
 * follow each other closely overlap.
 */
final class TraceShapes {
    private final PickleStack stack;
    private final PickleErrors errors;
    private final FrameIdSink sink;
    private final Charset fileNameEncoding;

    /** The one list or tuple that received traces. */
    private Object traceContainer;
    /** The number of each file met, which frame keys hold. */
    private final Map<String, Integer> numberOfFile = new HashMap<>();
    private FrameIdSink.FileFrames[] framesOfNumber = new FrameIdSink.FileFrames[64];
    private String lastFile;
    private long lastFileKey;
    /** The frame ids of the traceback being built. */
    private int[] frameIds = new int[64];
    private int emptyStackId = -1;

    TraceShapes(PickleStack stack, PickleErrors errors, FrameIdSink sink, Charset fileNameEncoding) {
        this.stack = stack;
        this.errors = errors;
        this.sink = sink;
        this.fileNameEncoding = fileNameEncoding;
    }

    /** The list or tuple that received the raw traces; null while none did. */
    Object traceContainer() {
        return traceContainer;
    }

    // ---- tuples ----

    /** The frame key of {@code (filename, lineno)}. */
    long frame(int from, int count) throws DumpFormatException {
        if (count != 2) {
            throw errors.badTuple(stack, from);
        }
        Object[] objects = stack.objects;
        if (objects[from] instanceof UndecodableBytes bytes) {
            throw errors.notAFileName(bytes, fileNameEncoding);
        }
        String file = (String) objects[from];
        Object line = objects[from + 1];
        if (line == NONE_VALUE) {
            return frameKey(file, 0);
        }
        long[] numbers = stack.numbers;
        if (line == INT_VALUE && numbers[from + 1] >= 0 && numbers[from + 1] <= Integer.MAX_VALUE) {
            return frameKey(file, (int) numbers[from + 1]);
        }
        if (line == INT_VALUE || line instanceof BigInteger) {
            throw errors.atOpcode("a line number from 0 to " + Integer.MAX_VALUE,
                    PickleErrors.describeItem(stack, from + 1));
        }
        throw errors.badTuple(stack, from);
    }

    /**
     * A frame as its file's number (the high int) and its line (the low int): what the stack and the memo hold
     * until its traceback is built. The sink is asked for a file's frames once per file, when the file is first met.
     */
    long frameKey(String file, int line) {
        return fileKey(file) | line;
    }

    /** The frame key of line 0 of a file: its number in the high int. */
    long fileKey(String file) {
        if (file != lastFile) {
            Integer number = numberOfFile.get(file);
            lastFileKey = (long) (number != null ? number : newFile(file)) << 32;
            lastFile = file;
        }
        return lastFileKey;
    }

    private int newFile(String file) {
        int number = numberOfFile.size();
        if (number == framesOfNumber.length) {
            framesOfNumber = Arrays.copyOf(framesOfNumber, 2 * number);
        }
        framesOfNumber[number] = sink.file(file);
        numberOfFile.put(file, number);
        return number;
    }

    /** The stack id of a tuple of frames. */
    int traceback(int from, int count) throws DumpFormatException {
        if (count > frameIds.length) {
            frameIds = new int[Math.max(count, 2 * frameIds.length)];
        }
        Object[] objects = stack.objects;
        long[] numbers = stack.numbers;
        for (int i = 0; i < count; i++) {
            if (objects[from + i] != FRAME_VALUE) {
                throw errors.badTuple(stack, from);
            }
        }
        sink.frameIds(framesOfNumber, numbers, from, count, frameIds);
        return sink.stackId(frameIds, count);
    }

    /**
     * Pops {@code (size, traceback)}, {@code (domain, size, traceback)}, {@code (size, traceback, tag)} or
     * {@code (domain, size, traceback, total_nframe)} from {@code from} and pushes the raw trace.
     */
    void rawTrace(int from, int count) throws DumpFormatException {
        Object[] objects = stack.objects;
        boolean tagged = count == 3 && isTraceback(objects[from + 1]);
        int sizeIndex = count == 2 || tagged ? from : from + 1;
        int tracebackIndex = sizeIndex + 1;
        boolean shape = count >= 2 && count <= 4
                && (count == 2 || tagged || objects[from] == INT_VALUE)
                && (!tagged || objects[from + 2] instanceof String || objects[from + 2] instanceof UndecodableBytes)
                && (objects[sizeIndex] == INT_VALUE || objects[sizeIndex] instanceof BigInteger)
                && isTraceback(objects[tracebackIndex])
                && (count != 4 || objects[from + 3] == INT_VALUE);
        if (!shape) {
            throw errors.badTuple(stack, from);
        }
        long[] numbers = stack.numbers;
        if (objects[sizeIndex] != INT_VALUE || numbers[sizeIndex] < 0) {
            throw errors.atOpcode("a size from 0 to " + Long.MAX_VALUE + " bytes",
                    PickleErrors.describeItem(stack, sizeIndex));
        }
        long sizeBytes = numbers[sizeIndex];
        int stackId = objects[tracebackIndex] == EMPTY_TUPLE_VALUE ? emptyStackId() : (int) numbers[tracebackIndex];
        stack.truncate(from);
        stack.pushRawTrace(sizeBytes, stackId);
    }

    private static boolean isTraceback(Object value) {
        return value == TRACEBACK_VALUE || value == EMPTY_TUPLE_VALUE;
    }

    static boolean isRawTrace(Object value) {
        return value == RAW_TRACE_VALUE || value instanceof RawTrace;
    }

    /** The stack of a traceback {@code ()}: tracemalloc records none when it could not get the frames. */
    private int emptyStackId() {
        if (emptyStackId < 0) {
            emptyStackId = sink.stackId(frameIds, 0);
        }
        return emptyStackId;
    }

    /** A tuple of raw traces: they go to the sink now. */
    TraceTuple traceTuple(int from, int count) throws DumpFormatException {
        TraceTuple traces = new TraceTuple();
        claimContainer(traces);
        for (int i = from; i < from + count; i++) {
            fold(i);
        }
        return traces;
    }

    // ---- the list of traces ----

    /** LIST: a list of the items above the MARK (protocol 0 writes {@code (l} and appends one by one). */
    void list(int from) throws DumpFormatException {
        TraceList list = new TraceList();
        if (stack.size > from) {
            claimContainer(list);
            for (int i = from; i < stack.size; i++) {
                fold(i);
            }
        }
        stack.truncate(from);
        stack.push(list);
    }

    /** APPEND or APPENDS: the items from {@code from} go to the list just below them. */
    void append(int from) throws DumpFormatException {
        if (from - 1 < stack.floor()) {
            throw errors.atOpcode("a list below the items of " + errors.opcodeName(), "nothing");
        }
        if (!(stack.objects[from - 1] instanceof TraceList list)) {
            throw errors.atOpcode("the list of traces for " + errors.opcodeName(),
                    PickleErrors.typeName(stack.objects[from - 1]));
        }
        if (stack.size > from) {
            claimContainer(list);
            for (int i = from; i < stack.size; i++) {
                fold(i);
            }
        }
        stack.truncate(from);
    }

    private void claimContainer(Object container) throws DumpFormatException {
        if (traceContainer == null) {
            traceContainer = container;
        } else if (traceContainer != container) {
            throw errors.atOpcode("one list or tuple of traces, the _traces of the snapshot",
                    "a second " + PickleErrors.typeName(container) + " of raw traces");
        }
    }

    private void fold(int index) throws DumpFormatException {
        long sizeBytes;
        int stackId;
        Object value = stack.objects[index];
        if (value == RAW_TRACE_VALUE) {
            long packed = stack.numbers[index];
            sizeBytes = packed & PACKED_SIZE_MASK;
            stackId = (int) (packed >>> PACKED_SIZE_BITS);
        } else if (value instanceof RawTrace trace) {
            sizeBytes = trace.size();
            stackId = trace.stackId();
        } else {
            throw errors.atOpcode("a raw trace", PickleErrors.typeName(value));
        }
        try {
            sink.trace(sizeBytes, stackId);
        } catch (ArithmeticException overflow) {
            throw errors.atOpcode("a total of at most " + Long.MAX_VALUE + " bytes", PickleErrors.TOTAL_OVERFLOW);
        }
    }
}
