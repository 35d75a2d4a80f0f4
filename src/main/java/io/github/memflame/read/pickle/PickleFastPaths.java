package io.github.memflame.read.pickle;

import static io.github.memflame.read.pickle.PickleOpcodes.*;

import java.io.IOException;

/**
 * A dump is almost only raw traces and frames: these take the opcodes of one of them at once when they are exactly
 * the ones CPython writes, looking at them in the input's buffer. On success they consume those opcodes and leave
 * what they found in their fields, for the opcode loop to push; the loop then leaves the stack, the marks, the memo
 * and the protocol 4 frame as its own opcodes would have. Anything else, including what the loop would refuse, is
 * left to the loop, which then gives the same result or the same error.
 *
 * <p>The usual dump never leaves them (a protocol 4 FRAME within the opcodes is taken too): a way out first taken
 * after the loop was compiled would make the JVM drop the compiled loop and compile it again, a second wait of a
 * large read.
 */
final class PickleFastPaths {
    /** The longest raw trace {@link #rawTrace} takes after its MARK: four ints or gets, TUPLE, a FRAME. */
    private static final int RAW_TRACE_MAX_BYTES = 4 * 5 + 1 + 9;
    /** The longest frame {@link #frame} takes after its get's opcode: the index, an int, TUPLE2, a FRAME. */
    private static final int FRAME_MAX_BYTES = 4 + 5 + 1 + 9;

    private final PickleInput in;
    private final PickleMemo memo;

    /** The end of the protocol 4 frame once the opcodes taken are consumed: the current one or a new one. */
    long frameEndAfter;
    /** The size of the raw trace taken. */
    long sizeBytes;
    /** The stack id of the raw trace taken. */
    int stackId;
    /** The line of the frame taken. */
    int line;
    /** The memo index of the frame's file name. */
    long fileIndex;
    /**
     * The number {@link PickleMemo#tag} gave the file name's entry, 0 when none: then {@link #file} is the name, else
     * {@code null}, the name not being read.
     */
    long fileTag;
    String file;

    PickleFastPaths(PickleInput in, PickleMemo memo) {
        this.in = in;
        this.memo = memo;
    }

    /**
     * After a MARK: the raw trace {@code (domain, size, traceback, total_nframe)} that CPython 3.9 and later
     * write for every trace, as ints and a memo get of a traceback, then TUPLE. Its size and stack id are left in
     * {@link #sizeBytes} and {@link #stackId}.
     *
     * @param currentFrameEnd the end of the current protocol 4 frame
     * @return false, having consumed nothing, when the opcodes that follow are not that
     */
    boolean rawTrace(long currentFrameEnd) throws IOException {
        if (!in.ensureBuffered(RAW_TRACE_MAX_BYTES)) {
            return false;
        }
        frameEndAfter = currentFrameEnd;
        int at = intEnd(pastFrame(0, currentFrameEnd));  // the domain
        if (at < 0) {
            return false;
        }
        int sizeAt = pastFrame(at, currentFrameEnd);
        at = intEnd(sizeAt);
        if (at < 0) {
            return false;
        }
        long size = intAt(sizeAt);
        at = pastFrame(at, currentFrameEnd);
        int get = in.peekAt(at);
        long index;
        if (get == BINGET) {
            index = in.peekAt(at + 1);
            at += 2;
        } else if (get == LONG_BINGET) {
            index = in.peekLittleEndian(at + 1, 4);
            at += 5;
        } else {
            return false;
        }
        int stack = memo.tracebackAt(index);
        at = intEnd(pastFrame(at, currentFrameEnd));
        if (size < 0 || stack < 0 || at < 0) {
            return false;
        }
        at = pastFrame(at, currentFrameEnd);
        if (in.peekAt(at) != TUPLE) {
            return false;
        }
        in.skip(at + 1);
        sizeBytes = size;
        stackId = stack;
        return true;
    }

    /**
     * After BINGET or LONG_BINGET: the frame {@code (filename, lineno)} of every traceback, as a memo get of the
     * file name, an int and TUPLE2. Its line is left in {@link #line}, its file in {@link #fileIndex},
     * {@link #fileTag} and {@link #file}.
     *
     * @param indexBytes      the length of the get's memo index: 1 for BINGET, 4 for LONG_BINGET
     * @param currentFrameEnd the end of the current protocol 4 frame
     * @return false, having consumed nothing, when the opcodes are not that
     */
    boolean frame(int indexBytes, long currentFrameEnd) throws IOException {
        if (!in.ensureBuffered(FRAME_MAX_BYTES)) {
            return false;
        }
        frameEndAfter = currentFrameEnd;
        int lineAt = pastFrame(indexBytes, currentFrameEnd);
        int at = intEnd(lineAt);
        if (at < 0) {
            return false;
        }
        at = pastFrame(at, currentFrameEnd);
        long lineNumber = intAt(lineAt);
        long index = in.peekLittleEndian(0, indexBytes);
        long entry = memo.entry(index);
        if (in.peekAt(at) != TUPLE2 || lineNumber < 0 || (entry & PickleMemo.KIND_MASK) != PickleMemo.OBJECT) {
            return false;
        }
        // A tagged entry was tagged as a file name: the name itself, in another object, need not be read again.
        String name = null;
        if (entry == PickleMemo.OBJECT) {
            if (!(memo.object(index) instanceof String string)) {
                return false;
            }
            name = string;
        }
        in.skip(at + 1);
        line = (int) lineNumber;
        fileIndex = index;
        fileTag = entry & ~PickleMemo.KIND_MASK;
        file = name;
        return true;
    }

    /**
     * The buffered offset {@code at}, or past the FRAME there when the current frame ends there (at
     * {@code frameEnd}): protocol 4 starts a frame about every 64 KiB, between any two opcodes. The new frame's end
     * is kept in {@link #frameEndAfter}, as the loop's FRAME would set it. A FRAME anywhere else is not passed, so
     * the value does not match and the loop refuses it.
     */
    private int pastFrame(int at, long frameEnd) {
        long offset = in.offset() + at;
        if (offset != frameEnd || in.peekAt(at) != FRAME) {
            return at;
        }
        long length = in.peekLittleEndian(at + 1, 8);
        long start = offset + 9;
        frameEndAfter = length < 0 || start + length < 0 ? Long.MAX_VALUE : start + length;
        return at + 9;
    }

    /** The offset after the BININT, BININT1 or BININT2 at buffered offset {@code at}; -1 for another opcode. */
    private int intEnd(int at) {
        return switch (in.peekAt(at)) {
            case BININT1 -> at + 2;
            case BININT2 -> at + 3;
            case BININT -> at + 5;
            default -> -1;
        };
    }

    /** The value of the BININT, BININT1 or BININT2 at buffered offset {@code at}. */
    private long intAt(int at) {
        return switch (in.peekAt(at)) {
            case BININT1 -> in.peekAt(at + 1);
            case BININT2 -> in.peekLittleEndian(at + 1, 2);
            default -> (int) in.peekLittleEndian(at + 1, 4);
        };
    }
}
