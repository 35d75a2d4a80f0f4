package io.github.memflame.read.pickle;

import static io.github.memflame.read.pickle.PickleErrors.quote;
import static io.github.memflame.read.pickle.PickleErrors.typeName;
import static io.github.memflame.read.pickle.PickleOpcodes.*;
import static io.github.memflame.read.pickle.PickleValues.*;
import static io.github.memflame.read.pickle.TracemallocPickleReader.TRUNCATED;

import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.FrameIdSink;
import io.github.memflame.read.Interner;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The opcode loop of one read: each opcode is read, checked and applied to the stack and the memo; tuples, lists
 * and the two tracemalloc objects are handed to {@link TraceShapes} and {@link SnapshotObjects}, and the raw traces
 * and frames CPython writes are first offered to {@link PickleFastPaths}.
 */
final class Unpickler {
    /** Longest string accepted; file names are far shorter. */
    private static final int MAX_STRING_BYTES = 1 << 24;
    /** Longest line of the text opcodes INT, LONG, FLOAT, GLOBAL, INST, PERSID, PUT and GET. */
    private static final int MAX_TEXT_LINE = 4096;
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT_TEXT = Pattern.compile(
            "[-+]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|inf|nan)", Pattern.CASE_INSENSITIVE);

    private final PickleInput in;
    private final Interner interner;
    private final CharsetDecoder fileNameDecoder;
    private final PickleErrors errors;
    private final PickleStack stack;
    private final PickleMemo memo = new PickleMemo();
    private final TraceShapes traces;
    private final SnapshotObjects snapshot;
    private final PickleFastPaths fast;
    private final boolean fastPaths;
    /** The end of the current protocol 4 frame. */
    private long frameEnd;

    Unpickler(PickleInput in, String source, Interner interner, FrameIdSink sink, Charset fileNameEncoding,
              boolean fastPaths) {
        this.in = in;
        this.fastPaths = fastPaths;
        this.interner = interner;
        this.fileNameDecoder = fileNameEncoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.errors = new PickleErrors(source);
        this.stack = new PickleStack(errors);
        this.traces = new TraceShapes(stack, errors, sink, fileNameEncoding);
        this.snapshot = new SnapshotObjects(stack, errors);
        this.fast = new PickleFastPaths(in, memo);
    }

    void run() throws IOException, DumpFormatException {
        try {
            readProtocol();
            // Only the opcodes of traces and tracebacks are in this loop, so that it is small and compiled early:
            // a large dump otherwise spends its first half second in slower code, waiting for it.
            while (true) {
                errors.opcodeStart = in.offset();
                int opcode = in.next();
                errors.opcode = opcode;
                switch (opcode) {
                    case MARK -> {
                        if (!fastPaths || !rawTraceAtOnce()) {
                            stack.mark();
                        }
                    }
                    // One call site per handler: each site is compiled into the loop on its own.
                    case BININT, BININT1, BININT2 -> stack.pushInt(opcode == BININT ? (int) in.readLittleEndian(4)
                            : in.readLittleEndian(opcode == BININT1 ? 1 : 2));
                    case TUPLE, TUPLE1, TUPLE2, TUPLE3 -> tuple(opcode == TUPLE ? stack.popMark()
                            : stack.top(opcode - TUPLE1 + 1));
                    case APPENDS -> traces.append(stack.popMark());
                    case MEMOIZE, BINPUT, LONG_BINPUT -> memoize(opcode == MEMOIZE ? memo.size()
                            : in.readLittleEndian(opcode == BINPUT ? 1 : 4));
                    case BINGET, LONG_BINGET -> {
                        int indexBytes = opcode == BINGET ? 1 : 4;
                        if (!fastPaths || !frameAtOnce(indexBytes)) {
                            memoGet(in.readLittleEndian(indexBytes));
                        }
                    }
                    default -> {
                        if (otherOpcode(opcode)) {
                            return;
                        }
                    }
                }
            }
        } catch (PickleInput.Truncated truncated) {
            throw errors.at(in.offset(), "the rest of " + errors.opcodeName() + " (the opcode at byte "
                    + errors.opcodeStart + ")", TRUNCATED);
        }
    }

    /** Every opcode that {@link #run} leaves out; returns true after STOP. */
    private boolean otherOpcode(int opcode) throws IOException, DumpFormatException, PickleInput.Truncated {
        switch (opcode) {
            case -1 -> throw errors.atOpcode("STOP or another opcode", TRUNCATED);
            case STOP -> {
                stop();
                return true;
            }
            case LONG1 -> long1();
            case INT -> textInt(false);
            case LONG -> textInt(true);
            case NONE -> stack.push(NONE_VALUE);
            case SHORT_BINUNICODE -> stack.push(interner.string(in.readUtf8(in.readByte())));
            case BINUNICODE -> stack.push(interner.string(in.readUtf8(stringLength(in.readLittleEndian(4)))));
            case SHORT_BINSTRING -> stack.push(byteString(in.readBytes(in.readByte())));
            case BINSTRING -> stack.push(byteString(in.readBytes(stringLength((int) in.readLittleEndian(4)))));
            case STRING -> textString();
            case UNICODE -> textUnicode();
            case FLOAT -> textFloat();
            case BINFLOAT -> {
                in.readLittleEndian(8);
                stack.push(FLOAT_VALUE);
            }
            case EMPTY_TUPLE -> stack.push(EMPTY_TUPLE_VALUE);
            case EMPTY_LIST -> stack.push(new TraceList());
            case LIST -> traces.list(stack.popMark());
            case APPEND -> {
                stack.top(2);
                traces.append(stack.size - 1);
            }
            case EMPTY_DICT -> stack.push(new StateDict());
            case DICT -> snapshot.dict(stack.popMark());
            case SETITEM -> {
                stack.top(3);
                snapshot.setItems(stack.size - 2);
            }
            case SETITEMS -> snapshot.setItems(stack.popMark());
            case BUILD -> snapshot.build();
            case NEWOBJ -> snapshot.newObject();
            case REDUCE -> snapshot.reduce();
            case STACK_GLOBAL -> snapshot.stackGlobal();
            case GLOBAL -> stack.push(snapshot.global(textLine(), textLine()));
            case INST -> snapshot.refuseInst(textLine(), textLine());
            case OBJ -> snapshot.refuseObj();
            case PERSID -> throw errors.atOpcode(PickleErrors.PERSISTENT_ID, "PERSID " + quote(textLine()));
            case BINPERSID -> throw errors.atOpcode(PickleErrors.PERSISTENT_ID, "BINPERSID of "
                    + typeName(stack.objects[stack.top(1)]));
            case PUT -> memoize(memoKey());
            case GET -> memoGet(memoKey());
            case FRAME -> startFrame(in.readLittleEndian(8));
            default -> throw errors.atOpcode("a tracemalloc opcode", describe(opcode));
        }
        return false;
    }

    /** Picklers write PROTO from protocol 2 on; pickles of protocols 0 and 1 start with their first opcode. */
    private void readProtocol() throws IOException, DumpFormatException, PickleInput.Truncated {
        int first = in.peek();
        if (first < 0) {
            throw errors.at(0, "a pickle", "empty data");
        }
        if (first != PROTO) {
            return;
        }
        errors.opcode = in.next();
        int version = in.readByte();
        if (version > 5) {
            throw errors.at(0, "a pickle of protocol 0 to 5", "protocol " + version);
        }
    }

    // ---- the fast paths' results, pushed as the opcode loop would push them ----

    /** After a MARK: a raw trace taken at once ({@link PickleFastPaths#rawTrace}); false when not taken. */
    private boolean rawTraceAtOnce() throws IOException, DumpFormatException {
        // The loop would push four items and a mark; with no room for them it grows the stack or refuses.
        if (!stack.hasRoomFor(4) || stack.markCount == PickleStack.MAX_MARKS || !fast.rawTrace(frameEnd)) {
            return false;
        }
        frameEnd = fast.frameEndAfter;
        stack.pushRawTrace(fast.sizeBytes, fast.stackId);
        return true;
    }

    /** After BINGET or LONG_BINGET: a frame taken at once ({@link PickleFastPaths#frame}); false when not taken. */
    private boolean frameAtOnce(int indexBytes) throws IOException, DumpFormatException {
        // The loop would push two items.
        if (!stack.hasRoomFor(2)) {
            return false;
        }
        if (!fast.frame(indexBytes, frameEnd)) {
            return false;
        }
        frameEnd = fast.frameEndAfter;
        // The file's key is kept in its name's memo entry: millions of frames then find it there, where their get
        // looks anyway, rather than by hashing the name.
        long fileKey;
        if (fast.fileTag != 0) {
            fileKey = (fast.fileTag - 1) << 32;
        } else {
            fileKey = traces.fileKey(fast.file);
            memo.tag(fast.fileIndex, (fileKey >>> 32) + 1);
        }
        stack.push(FRAME_VALUE, fileKey | fast.line);
        return true;
    }

    // ---- values ----

    private void long1() throws IOException, PickleInput.Truncated, DumpFormatException {
        int length = in.readByte();
        if (length <= 8) {
            long value = length == 0 ? 0 : in.readLittleEndian(length);
            int unused = 64 - 8 * length;
            stack.pushInt(length == 0 ? 0 : (value << unused) >> unused);
            return;
        }
        byte[] littleEndian = in.readBytes(length);
        byte[] bigEndian = new byte[length];
        for (int i = 0; i < length; i++) {
            bigEndian[i] = littleEndian[length - 1 - i];
        }
        pushInteger(new BigInteger(bigEndian));
    }

    /** INT ({@code I123\n}, {@code I01\n} is True) and LONG ({@code L123L\n}) of protocols 0–2. */
    private void textInt(boolean isLong) throws IOException, PickleInput.Truncated, DumpFormatException {
        byte[] line = line(MAX_TEXT_LINE);
        int suffix = isLong && line.length > 0 && line[line.length - 1] == 'L' ? 1 : 0;
        long small = smallDecimal(line, suffix);
        int first = small >= 0 && line[0] == '+' ? 1 : 0;
        // Leading zeros ("01" is True) take the slow path, which knows them.
        if (small >= 0 && (line[first] != '0' || line.length - suffix - first == 1)) {
            stack.pushInt(small);
            return;
        }
        String text = new String(line, StandardCharsets.ISO_8859_1);
        if (!isLong && (text.equals("00") || text.equals("01"))) {
            stack.pushInt(text.charAt(1) - '0');
            return;
        }
        String digits = isLong && text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        if (!DECIMAL.matcher(digits).matches()) {
            throw errors.atOpcode("a decimal integer for " + errors.opcodeName(), quote(text));
        }
        pushInteger(new BigInteger(digits));
    }

    private void pushInteger(BigInteger value) throws DumpFormatException {
        if (value.bitLength() < 64) {
            stack.pushInt(value.longValue());
        } else {
            stack.push(value);
        }
    }

    private int stringLength(long length) throws DumpFormatException {
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw errors.atOpcode("a string of at most " + MAX_STRING_BYTES + " bytes",
                    errors.opcodeName() + " of " + length + " bytes");
        }
        return (int) length;
    }

    /** A Python 2 byte string: file names in the encoding of the system that wrote the dump. */
    private Object byteString(byte[] bytes) {
        try {
            return interner.string(fileNameDecoder.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException notInEncoding) {
            return new UndecodableBytes(bytes, errors.opcodeStart);
        }
    }

    /** STRING: a quoted Python 2 str literal, e.g. {@code S'a\\b.py'}. */
    private void textString() throws IOException, PickleInput.Truncated, DumpFormatException {
        try {
            stack.push(byteString(PickleText.stringLiteral(line(MAX_STRING_BYTES))));
        } catch (PickleText.Invalid invalid) {
            throw errors.atOpcode("a quoted Python string literal for STRING", invalid.getMessage());
        }
    }

    /** UNICODE: raw-unicode-escape text, e.g. {@code V\\u5ba2.py}. */
    private void textUnicode() throws IOException, PickleInput.Truncated, DumpFormatException {
        try {
            stack.push(interner.string(PickleText.rawUnicodeEscape(line(MAX_STRING_BYTES))));
        } catch (PickleText.Invalid invalid) {
            throw errors.atOpcode("raw-unicode-escape text for UNICODE", invalid.getMessage());
        }
    }

    /** FLOAT: never part of a trace, but read as CPython reads it so that what follows is refused by shape. */
    private void textFloat() throws IOException, PickleInput.Truncated, DumpFormatException {
        String text = textLine().strip();
        if (!FLOAT_TEXT.matcher(text).matches()) {
            throw errors.atOpcode("a decimal number for FLOAT", quote(text));
        }
        stack.push(FLOAT_VALUE);
    }

    /** The decimal memo key of PUT and GET (protocol 0). */
    private long memoKey() throws IOException, PickleInput.Truncated, DumpFormatException {
        byte[] line = line(MAX_TEXT_LINE);
        long key = line.length <= 10 ? smallDecimal(line, 0) : -1;
        if (key < 0 || line[0] == '+') {
            throw errors.atOpcode("a decimal memo key for " + errors.opcodeName(),
                    quote(new String(line, StandardCharsets.ISO_8859_1)));
        }
        return key;
    }

    /**
     * The value of a line of 1 to 18 decimal digits (after an optional '+', before {@code suffix} ignored
     * bytes) without going through a String, as protocol 0 writes every int and memo key; -1 for anything
     * else, which the caller reads the slow way or refuses.
     */
    private static long smallDecimal(byte[] line, int suffix) {
        int start = line.length > 0 && line[0] == '+' ? 1 : 0;
        int end = line.length - suffix;
        if (end - start < 1 || end - start > 18) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private String textLine() throws IOException, PickleInput.Truncated, DumpFormatException {
        return new String(line(MAX_TEXT_LINE), StandardCharsets.ISO_8859_1);
    }

    private byte[] line(int maxLength) throws IOException, PickleInput.Truncated, DumpFormatException {
        byte[] line = in.readLine(maxLength);
        if (line == null) {
            throw errors.atOpcode("a line of at most " + maxLength + " bytes for " + errors.opcodeName(),
                    "a longer line");
        }
        return line;
    }

    // ---- tuples, memo, frames, STOP ----

    /** TUPLE and TUPLE1 to TUPLE3: what the tuple is depends on its first item. */
    private void tuple(int from) throws DumpFormatException {
        int count = stack.size - from;
        if (count == 0) {
            stack.push(EMPTY_TUPLE_VALUE);
            return;
        }
        Object first = stack.objects[from];
        if (first instanceof String || first instanceof UndecodableBytes) {
            long frameKey = traces.frame(from, count);
            stack.truncate(from);
            stack.push(FRAME_VALUE, frameKey);
        } else if (first == FRAME_VALUE) {
            int stackId = traces.traceback(from, count);
            stack.truncate(from);
            stack.push(TRACEBACK_VALUE, stackId);
        } else if (first == INT_VALUE) {
            traces.rawTrace(from, count);
        } else if (TraceShapes.isRawTrace(first)) {
            TraceTuple tuple = traces.traceTuple(from, count);
            stack.truncate(from);
            stack.push(tuple);
        } else if (first == SNAPSHOT_CLASS || first == TRACES_CLASS) {
            ReconstructorArguments arguments = snapshot.reconstructorArguments(from, count);
            stack.truncate(from);
            stack.push(arguments);
        } else {
            throw errors.badTuple(stack, from);
        }
    }

    private void memoize(long index) throws DumpFormatException {
        int at = stack.top(1);
        if (index > PickleMemo.MAX_INDEX) {
            throw errors.atOpcode("a memo index of at most " + PickleMemo.MAX_INDEX,
                    errors.opcodeName() + " " + index);
        }
        if (memo.size() >= PickleMemo.MAX_ENTRIES && memo.entry(index) == 0) {
            throw errors.atOpcode("at most " + PickleMemo.MAX_ENTRIES + " memo entries", "more");
        }
        Object value = stack.objects[at];
        long number = stack.numbers[at];
        if (value == FRAME_VALUE) {
            memo.put(index, PickleMemo.FRAME | number, null);
        } else if (value == TRACEBACK_VALUE) {
            memo.put(index, PickleMemo.TRACEBACK | number, null);
        } else if (value == RAW_TRACE_VALUE) {
            memo.put(index, PickleMemo.RAW_TRACE | number, null);
        } else {
            memo.put(index, PickleMemo.OBJECT, value == INT_VALUE ? (Object) number : value);
        }
    }

    private void memoGet(long index) throws DumpFormatException {
        long entry = memo.entry(index);
        long number = entry & ~PickleMemo.KIND_MASK;
        long kind = entry & PickleMemo.KIND_MASK;
        if (kind == PickleMemo.FRAME) {
            stack.push(FRAME_VALUE, number);
        } else if (kind == PickleMemo.TRACEBACK) {
            stack.push(TRACEBACK_VALUE, number);
        } else if (kind == PickleMemo.RAW_TRACE) {
            stack.push(RAW_TRACE_VALUE, number);
        } else if (kind == PickleMemo.OBJECT) {
            Object value = memo.object(index);
            if (value instanceof Long integer) {
                stack.pushInt(integer);
            } else {
                stack.push(value);
            }
        } else {
            throw errors.atOpcode("a memo index that was stored (the memo holds " + memo.size() + " entries)",
                    errors.opcodeName() + " " + index);
        }
    }

    private void startFrame(long length) throws DumpFormatException {
        if (frameEnd > errors.opcodeStart) {
            throw errors.atOpcode("the end of the FRAME that ends at byte " + frameEnd, "another FRAME");
        }
        long start = in.offset();
        frameEnd = length < 0 || start + length < 0 ? Long.MAX_VALUE : start + length;
    }

    private void stop() throws IOException, DumpFormatException {
        snapshot.checkResult(traces.traceContainer());
        long end = in.offset();
        if (frameEnd > end) {
            throw errors.atOpcode("STOP at the end of the FRAME that ends at byte " + frameEnd,
                    "STOP ending at byte " + end);
        }
        int trailing = in.next();
        if (trailing >= 0) {
            throw errors.at(end, "the end of the data after STOP", "more bytes, starting with " + describe(trailing));
        }
    }
}
