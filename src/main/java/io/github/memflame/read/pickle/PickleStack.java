package io.github.memflame.read.pickle;

import static io.github.memflame.read.pickle.PickleValues.*;

import io.github.memflame.read.DumpFormatException;
import java.util.Arrays;

/**
 * The unpickler's stack and its MARKs. A value is an object in {@link #objects}; an int is {@link
 * PickleValues#INT_VALUE} there with its value at the same index of {@link #numbers}, a frame, traceback or raw
 * trace its marker with its number there, so that none of them is an object of its own.
 */
final class PickleStack {
    /** Nested MARKs allowed; a real dump nests three. */
    static final int MAX_MARKS = 1000;
    /** Stack items allowed; a real dump needs about 1,000 (a tuple of traces holds one per trace). */
    static final int MAX_STACK = 1 << 24;

    Object[] objects = new Object[256];
    long[] numbers = new long[256];
    int size;
    private int[] marks = new int[16];
    int markCount;
    private final PickleErrors errors;

    PickleStack(PickleErrors errors) {
        this.errors = errors;
    }

    void push(Object value) throws DumpFormatException {
        if (size == objects.length) {
            grow();
        }
        objects[size++] = value;
    }

    void pushInt(long value) throws DumpFormatException {
        push(INT_VALUE, value);
    }

    /** A value held as a number: an int, a frame, a traceback or a packed raw trace. */
    void push(Marker kind, long number) throws DumpFormatException {
        if (size == objects.length) {
            grow();
        }
        objects[size] = kind;
        numbers[size++] = number;
    }

    /** A raw trace: packed in one number when it fits, else a small object. */
    void pushRawTrace(long sizeBytes, int stackId) throws DumpFormatException {
        if (packs(sizeBytes, stackId)) {
            push(RAW_TRACE_VALUE, packRawTrace(sizeBytes, stackId));
        } else {
            push(new RawTrace(sizeBytes, stackId));
        }
    }

    /** Whether {@code count} more items fit without growing the stack. */
    boolean hasRoomFor(int count) {
        return size + count <= objects.length;
    }

    private void grow() throws DumpFormatException {
        if (objects.length >= MAX_STACK) {
            throw errors.atOpcode("at most " + MAX_STACK + " items on the stack", "more");
        }
        int capacity = Math.min(MAX_STACK, 2 * objects.length);
        objects = Arrays.copyOf(objects, capacity);
        numbers = Arrays.copyOf(numbers, capacity);
    }

    /**
     * Pops down to {@code newSize}. The slots above are not cleared: what they still reference is small or held by
     * the memo anyway, and is dropped with the unpickler after the read.
     */
    void truncate(int newSize) {
        size = newSize;
    }

    /** The lowest stack index the current opcode may take, as CPython: nothing below the last MARK. */
    int floor() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    /** Checks that {@code count} items are above the last MARK; returns the index of the lowest one. */
    int top(int count) throws DumpFormatException {
        int available = size - floor();
        if (available < count) {
            throw errors.atOpcode(count + " item(s) on the stack" + (markCount == 0 ? "" : " above the last MARK")
                    + " for " + errors.opcodeName(), available + "");
        }
        return size - count;
    }

    void mark() throws DumpFormatException {
        if (markCount == MAX_MARKS) {
            throw errors.atOpcode("at most " + MAX_MARKS + " nested MARKs", "MARK number " + (MAX_MARKS + 1));
        }
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, 2 * marks.length);
        }
        marks[markCount++] = size;
    }

    /** Pops the last MARK; returns the index of the first item above it. */
    int popMark() throws DumpFormatException {
        if (markCount == 0) {
            throw errors.atOpcode("a MARK before " + errors.opcodeName(), "none");
        }
        return marks[--markCount];
    }
}
