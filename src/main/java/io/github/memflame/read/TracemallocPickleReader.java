package io.github.memflame.read;

import static io.github.memflame.read.PickleOpcodes.*;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads tracemalloc pickles of any protocol (0 to 5) from CPython 2.7 and 3.4+ with a restricted, streaming
 * unpickler of its own: a {@code tracemalloc.Snapshot} ({@code Snapshot.dump()}, or {@code pickle.dump(snapshot)}
 * at any protocol), or a bare list or tuple of raw traces ({@code pickle.dump(tracemalloc._get_traces())}).
 *
 * <p>Only the opcodes such a pickle can contain are accepted and only the globals {@code tracemalloc.Snapshot},
 * {@code tracemalloc._Traces} and, for protocols 0 and 1, {@code copy_reg._reconstructor} and
 * {@code __builtin__.object} (or their Python 3 names), which are mere markers here: nothing the dump names is
 * looked up, loaded or called. REDUCE is accepted only as {@code _reconstructor(<tracemalloc class>, object, None)}.
 * Tuples are recognized by shape as they are built: {@code (filename, lineno)} becomes a frame id, a tuple of
 * frames a stack id (both numbered by a {@link FrameIdSink}), {@code (size, traceback)},
 * {@code (domain, size, traceback)}, {@code (size, traceback, tag)} or {@code (domain, size, traceback, total_nframe)}
 * a raw trace. Raw traces go to the sink as soon as they are appended to the one list of traces (or when the one
 * tuple of traces is built). Frames, tracebacks and raw traces are numbers, not objects, on the stack and in the
 * memo: a worst-case dump memoizes tens of millions of them, and the memo must keep each for a second reference
 * (CPython counts a trace listed twice twice) at a few bytes and no garbage-collected object each. At STOP the reader checks that
 * this list is {@code _Traces._traces} of the returned {@code Snapshot}, or is itself the returned object.
 */
public final class TracemallocPickleReader implements SnapshotReader {
    /** Nested MARKs allowed; a real dump nests three. */
    static final int MAX_MARKS = 1000;
    /** Stack items allowed; a real dump needs about 1,000 (a tuple of traces holds one per trace). */
    static final int MAX_STACK = 1 << 24;
    /** Longest string accepted; file names are far shorter. */
    static final int MAX_STRING_BYTES = 1 << 24;
    /** Longest line of the text opcodes INT, LONG, FLOAT, GLOBAL, INST, PERSID, PUT and GET. */
    static final int MAX_TEXT_LINE = 4096;
    /** What a read that ran out of data reports as found; the loader's sniffing tells a cut pickle by it. */
    static final String TRUNCATED = "the end of the data (the dump is truncated)";
    /** Memo entries allowed; the worst real dump (a million traces, each its own 21 frames) needs about 23 million. */
    static final int MAX_MEMO_ENTRIES = 1 << 27;
    private static final long MAX_MEMO_INDEX = Integer.MAX_VALUE - 8;
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT_TEXT = Pattern.compile(
            "[-+]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?|inf|nan)", Pattern.CASE_INSENSITIVE);
    private static final String TOTAL_OVERFLOW = "total above " + Long.MAX_VALUE + " bytes";
    private static final String PERSISTENT_ID = "no persistent id (Snapshot.load and pickle.load define no "
            + "persistent_load)";
    private static final String CREATION = "tracemalloc objects created by NEWOBJ or copy_reg._reconstructor";

    private final Charset fileNameEncoding;
    private final boolean fastPaths;

    /** @param fileNameEncoding decodes Python 2 byte-string file names, e.g. UTF-8, or GBK for Windows dumps */
    public TracemallocPickleReader(Charset fileNameEncoding) {
        this(fileNameEncoding, true);
    }

    /**
     * @param fastPaths whether raw traces and frames are taken in one step; without, every opcode goes through the
     *                  opcode loop, which the tests compare the fast paths with
     */
    TracemallocPickleReader(Charset fileNameEncoding, boolean fastPaths) {
        this.fileNameEncoding = Objects.requireNonNull(fileNameEncoding, "fileNameEncoding");
        this.fastPaths = fastPaths;
    }

    @Override
    public DumpFormat format() {
        return DumpFormat.TRACEMALLOC_PICKLE;
    }

    @Override
    public void read(InputStream in, String source, Interner interner, TraceSink sink)
            throws IOException, DumpFormatException {
        new Unpickler(new PickleInput(in, source), source, interner, TracebackRebuilder.of(interner, sink),
                fileNameEncoding, fastPaths).run();
    }

    /** A value with no content of its own: None, (), an int (its value is in the parallel long stack), ... */
    private record Marker(String description) {
    }

    private static final Marker INT_VALUE = new Marker("int");
    private static final Marker NONE_VALUE = new Marker("None");
    private static final Marker EMPTY_TUPLE_VALUE = new Marker("()");
    private static final Marker FLOAT_VALUE = new Marker("float");
    private static final Marker SNAPSHOT_CLASS = new Marker("class tracemalloc.Snapshot");
    private static final Marker TRACES_CLASS = new Marker("class tracemalloc._Traces");
    /** {@code copy_reg._reconstructor}, which protocols 0 and 1 call (REDUCE) to create a new-style object. */
    private static final Marker RECONSTRUCTOR = new Marker("copy_reg._reconstructor");
    private static final Marker OBJECT_CLASS = new Marker("class object");

    /** A frame {@code (filename, lineno)}; its frame id is at the same index of the long stack or memo. */
    private static final Marker FRAME_VALUE = new Marker("frame (filename, lineno)");
    /** A tuple of frames; its stack id is at the same index of the long stack or memo. */
    private static final Marker TRACEBACK_VALUE = new Marker("traceback");
    /** A raw trace; its size and stack id, packed ({@link #packRawTrace}), are at the same index. */
    private static final Marker RAW_TRACE_VALUE = new Marker("raw trace");
    /** Sizes below 32 GiB and the first 64 million stacks fit one packed long with room for a memo kind. */
    private static final int PACKED_SIZE_BITS = 35;
    private static final long PACKED_SIZE_MASK = (1L << PACKED_SIZE_BITS) - 1;
    private static final int PACKED_STACK_LIMIT = 1 << 26;

    /** A raw trace too large to pack: a size of 32 GiB or more, or a stack beyond the 64 millionth. */
    private record RawTrace(long size, int stackId) {
    }

    private static boolean packs(long size, int stackId) {
        return size <= PACKED_SIZE_MASK && stackId < PACKED_STACK_LIMIT;
    }

    private static long packRawTrace(long size, int stackId) {
        return (long) stackId << PACKED_SIZE_BITS | size;
    }

    /** The arguments {@code (tracemalloc class, object, None)} of {@code copy_reg._reconstructor}. */
    private record ReconstructorArguments(Marker type) {
    }

    /**
     * A Python 2 byte string that is not in the file name encoding. It is refused only when used as a file name:
     * a tag of {@code (size, traceback, tag)} may hold any bytes.
     */
    private record UndecodableBytes(byte[] bytes, long offset) {
    }

    /** A list; it holds nothing, its traces go to the sink as they are appended. */
    private static final class TraceList {
    }

    /** A tuple of raw traces, already sent to the sink. */
    private static final class TraceTuple {
    }

    /** The state dict of a BUILD; only the keys of the two tracemalloc classes are accepted. */
    private static final class StateDict {
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
    private static final class Instance {
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

    /**
     * The memo: pages of a fixed size indexed by memo id (MEMOIZE and Python 2's BINPUT count up from 0 or 1), and
     * a map for the rare index far beyond them. Pages, not one array, so that tens of millions of entries never
     * need a copy of themselves to grow. An entry is a long: a kind in its top three bits and, for a frame, a
     * traceback or a raw trace, its number; only other values (strings, the dump's objects) are kept as objects, in
     * pages made for the first of them. A worst-case dump's tens of millions of frames, tracebacks and traces thus
     * cost eight bytes each and nothing for the garbage collector to trace.
     */
    private static final class Memo {
        static final long KIND_MASK = 7L << 61;
        static final long OBJECT = 1L << 61;
        static final long FRAME = 2L << 61;
        static final long TRACEBACK = 3L << 61;
        static final long RAW_TRACE = 4L << 61;
        private static final int PAGE_BITS = 16;
        private static final int PAGE_SIZE = 1 << PAGE_BITS;
        private long[][] pages = new long[16][];
        private Object[][] objectPages = new Object[16][];
        private Map<Long, SparseEntry> sparse;
        private int size;
        /**
         * The indexes of the traceback entries with their stack ids, in an open-addressing table of ints small enough
         * to stay in the cache: every trace refers to its traceback, and a lookup in the pages, where the tracebacks
         * lie among a million other entries, is a cache miss. Pairs of an index plus one (0: a free slot) and a
         * stack id.
         */
        private int[] tracebacks = new int[2 * 1024];
        private int tracebackCount;
        /** Whether an entry was ever replaced; the traceback table is then not kept exact, and not used. */
        private boolean replaced;

        /** An entry far beyond the pages. */
        private record SparseEntry(long entry, Object object) {
        }

        int size() {
            return size;
        }

        /**
         * @param entry  a kind and, unless it is {@link #OBJECT}, a number
         * @param object the value of an {@link #OBJECT} entry, else {@code null}
         */
        void put(long index, long entry, Object object) {
            long[] page = page(index);
            // A new page only for an index near those stored, so that a few far-apart indexes cannot claim memory.
            if (page == null && index >= 0 && index <= 2L * size + PAGE_SIZE) {
                int number = (int) (index >>> PAGE_BITS);
                if (number >= pages.length) {
                    int length = Math.max(number + 1, 2 * pages.length);
                    pages = Arrays.copyOf(pages, length);
                    objectPages = Arrays.copyOf(objectPages, length);
                }
                page = pages[number] = new long[PAGE_SIZE];
            }
            if ((entry & KIND_MASK) == TRACEBACK) {
                addTraceback((int) index, (int) (entry & ~KIND_MASK));  // an index is at most MAX_MEMO_INDEX
            }
            if (page != null) {
                int slot = (int) (index & (PAGE_SIZE - 1));
                if (page[slot] == 0) {
                    size++;
                    if (sparse != null && sparse.remove(index) != null) {
                        size--;
                        replaced = true;
                    }
                } else {
                    replaced = true;
                }
                page[slot] = entry;
                int number = (int) (index >>> PAGE_BITS);
                if (object != null && objectPages[number] == null) {
                    objectPages[number] = new Object[PAGE_SIZE];
                }
                if (objectPages[number] != null) {
                    objectPages[number][slot] = object;
                }
            } else {
                if (sparse == null) {
                    sparse = new HashMap<>();
                }
                if (sparse.put(index, new SparseEntry(entry, object)) == null) {
                    size++;
                } else {
                    replaced = true;
                }
            }
        }

        /**
         * The stack id of the traceback entry at {@code index}; -1 when the entry is something else or none, or when
         * this cannot tell (the caller then asks {@link #entry}).
         */
        int tracebackAt(long index) {
            if (replaced || index >= Integer.MAX_VALUE) {
                return -1;
            }
            int key = (int) index + 1;
            int mask = tracebacks.length / 2 - 1;
            for (int slot = spread(key) & mask; tracebacks[2 * slot] != 0; slot = (slot + 1) & mask) {
                if (tracebacks[2 * slot] == key) {
                    return tracebacks[2 * slot + 1];
                }
            }
            return -1;
        }

        private void addTraceback(int index, int stackId) {
            if (++tracebackCount > 3 * tracebacks.length / 8) {  // at most three quarters of the slots
                int[] old = tracebacks;
                tracebacks = new int[2 * old.length];
                for (int i = 0; i < old.length; i += 2) {
                    if (old[i] != 0) {
                        insertTraceback(old[i], old[i + 1]);
                    }
                }
            }
            insertTraceback(index + 1, stackId);
        }

        private void insertTraceback(int key, int stackId) {
            int mask = tracebacks.length / 2 - 1;
            int slot = spread(key) & mask;
            while (tracebacks[2 * slot] != 0 && tracebacks[2 * slot] != key) {
                slot = (slot + 1) & mask;
            }
            tracebacks[2 * slot] = key;
            tracebacks[2 * slot + 1] = stackId;
        }

        /** Memo indexes come in order: the high bits of the product spread them over the slots. */
        private static int spread(int key) {
            int h = key * 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        /** The entry at {@code index}; 0 when none was stored. */
        long entry(long index) {
            long[] page = page(index);
            long entry = page == null ? 0 : page[(int) (index & (PAGE_SIZE - 1))];
            if (entry != 0 || sparse == null) {
                return entry;
            }
            SparseEntry far = sparse.get(index);
            return far == null ? 0 : far.entry();
        }

        /** The value of the {@link #OBJECT} entry at {@code index}. */
        Object object(long index) {
            long[] page = page(index);
            if (page != null && page[(int) (index & (PAGE_SIZE - 1))] != 0) {
                return objectPages[(int) (index >>> PAGE_BITS)][(int) (index & (PAGE_SIZE - 1))];
            }
            return sparse.get(index).object();
        }

        private long[] page(long index) {
            long number = index >>> PAGE_BITS;  // unsigned: a negative index is beyond every page
            return number < pages.length ? pages[(int) number] : null;
        }
    }

    private static final class Unpickler {
        private final PickleInput in;
        private final String source;
        private final Interner interner;
        private final FrameIdSink sink;
        private final Charset fileNameEncoding;
        private final CharsetDecoder fileNameDecoder;
        private final Memo memo = new Memo();

        /**
         * The stack; an int is {@link #INT_VALUE} here with its value at the same index of {@link #numbers}, a
         * frame, traceback or raw trace its marker with its number there.
         */
        private Object[] objects = new Object[256];
        private long[] numbers = new long[256];
        private int size;
        private int[] marks = new int[16];
        private int markCount;

        /** The one list or tuple that received traces. */
        private Object traceContainer;
        private final Map<String, FrameIdSink.FileFrames> framesByFile = new HashMap<>();
        private String lastFile;
        private FrameIdSink.FileFrames lastFileFrames;
        /** The frame ids of the traceback being built. */
        private int[] frameIds = new int[64];
        private int emptyStackId = -1;
        private long frameEnd;
        private int opcode;
        private long opcodeStart;
        private final boolean fastPaths;

        Unpickler(PickleInput in, String source, Interner interner, FrameIdSink sink, Charset fileNameEncoding,
                  boolean fastPaths) {
            this.in = in;
            this.fastPaths = fastPaths;
            this.source = source;
            this.interner = interner;
            this.sink = sink;
            this.fileNameEncoding = fileNameEncoding;
            this.fileNameDecoder = fileNameEncoding.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        void run() throws IOException, DumpFormatException {
            try {
                readProtocol();
                // Only the opcodes of traces and tracebacks are in this loop, so that it is small and compiled early:
                // a large dump otherwise spends its first half second in slower code, waiting for it.
                while (true) {
                    opcodeStart = in.offset();
                    opcode = in.next();
                    switch (opcode) {
                        case MARK -> {
                            if (!fastPaths || !rawTraceAtOnce()) {
                                mark();
                            }
                        }
                        // One call site per handler: each site is compiled into the loop on its own.
                        case BININT, BININT1, BININT2 -> pushInt(opcode == BININT ? (int) in.readLittleEndian(4)
                                : in.readLittleEndian(opcode == BININT1 ? 1 : 2));
                        case TUPLE, TUPLE1, TUPLE2, TUPLE3 -> tuple(opcode == TUPLE ? popMark()
                                : top(opcode - TUPLE1 + 1));
                        case APPENDS -> append(popMark());
                        case MEMOIZE, BINPUT, LONG_BINPUT -> memoize(opcode == MEMOIZE ? memo.size()
                                : in.readLittleEndian(opcode == BINPUT ? 1 : 4));
                        case BINGET, LONG_BINGET -> {
                            int indexBytes = opcode == BINGET ? 1 : 4;
                            if (!fastPaths || !frameAtOnce(indexBytes)) {
                                memoGet(in.readLittleEndian(indexBytes));
                            }
                        }
                        default -> {
                            if (otherOpcode()) {
                                return;
                            }
                        }
                    }
                }
            } catch (PickleInput.Truncated truncated) {
                throw error(in.offset(), "the rest of " + name(opcode) + " (the opcode at byte " + opcodeStart + ")",
                        TRUNCATED);
            }
        }

        /** Every opcode that {@link #run} leaves out; returns true after STOP. */
        private boolean otherOpcode() throws IOException, DumpFormatException, PickleInput.Truncated {
            switch (opcode) {
                case -1 -> throw error(opcodeStart, "STOP or another opcode", TRUNCATED);
                case STOP -> {
                    stop();
                    return true;
                }
                case LONG1 -> long1();
                case INT -> textInt(false);
                case LONG -> textInt(true);
                case NONE -> push(NONE_VALUE);
                case SHORT_BINUNICODE -> push(interner.string(in.readUtf8(in.readByte())));
                case BINUNICODE -> push(interner.string(in.readUtf8(stringLength(in.readLittleEndian(4)))));
                case SHORT_BINSTRING -> push(byteString(in.readBytes(in.readByte())));
                case BINSTRING -> push(byteString(in.readBytes(stringLength((int) in.readLittleEndian(4)))));
                case STRING -> textString();
                case UNICODE -> textUnicode();
                case FLOAT -> textFloat();
                case BINFLOAT -> {
                    in.readLittleEndian(8);
                    push(FLOAT_VALUE);
                }
                case EMPTY_TUPLE -> push(EMPTY_TUPLE_VALUE);
                case EMPTY_LIST -> push(new TraceList());
                case LIST -> list(popMark());
                case APPEND -> {
                    top(2);
                    append(size - 1);
                }
                case EMPTY_DICT -> push(new StateDict());
                case DICT -> dict(popMark());
                case SETITEM -> {
                    top(3);
                    setItems(size - 2);
                }
                case SETITEMS -> setItems(popMark());
                case BUILD -> build();
                case NEWOBJ -> newObject();
                case REDUCE -> reduce();
                case STACK_GLOBAL -> stackGlobal();
                case GLOBAL -> push(global(textLine(), textLine()));
                case INST -> refuseInst();
                case OBJ -> refuseObj();
                case PERSID -> throw error(opcodeStart, PERSISTENT_ID, "PERSID " + quote(textLine()));
                case BINPERSID -> throw error(opcodeStart, PERSISTENT_ID, "BINPERSID of "
                        + typeName(objects[top(1)]));
                case PUT -> memoize(memoKey());
                case GET -> memoGet(memoKey());
                case FRAME -> startFrame(in.readLittleEndian(8));
                default -> throw error(opcodeStart, "a tracemalloc opcode", describe(opcode));
            }
            return false;
        }

        // ---- fast paths: a dump is almost only raw traces and frames ----
        // Each takes the opcodes of one value at once when they are exactly the usual ones, and leaves the stack,
        // the marks, the memo and the frame as the opcode loop would. Anything else, including what the loop would
        // refuse, is left to the loop, which then gives the same result or the same error. The usual dump never
        // leaves them (a protocol 4 FRAME within the opcodes is taken too): a way out first taken after the loop was
        // compiled would make the JVM drop the compiled loop and compile it again, a second wait of a large read.

        /** The longest raw trace {@link #rawTraceAtOnce} takes after its MARK: four ints or gets, TUPLE, a FRAME. */
        private static final int RAW_TRACE_MAX_BYTES = 4 * 5 + 1 + 9;
        /** The longest frame {@link #frameAtOnce} takes after its get's opcode: the index, an int, TUPLE2, a FRAME. */
        private static final int FRAME_MAX_BYTES = 4 + 5 + 1 + 9;

        /** The end of the protocol 4 frame once the fast path's opcodes are taken: {@link #frameEnd} or a new one. */
        private long frameEndAfter;

        /**
         * After a MARK: the raw trace {@code (domain, size, traceback, total_nframe)} that CPython 3.9 and later
         * write for every trace, as ints and a memo get of a traceback, then TUPLE.
         *
         * @return false, having consumed nothing, when the opcodes that follow are not that
         */
        private boolean rawTraceAtOnce() throws IOException, DumpFormatException {
            // The loop would push four items and a mark; with no room for them it grows the stack or refuses.
            if (size + 4 > objects.length || markCount == MAX_MARKS || !in.ensureBuffered(RAW_TRACE_MAX_BYTES)) {
                return false;
            }
            frameEndAfter = frameEnd;
            int at = intEnd(pastFrame(0));  // the domain
            if (at < 0) {
                return false;
            }
            int sizeAt = pastFrame(at);
            at = intEnd(sizeAt);
            if (at < 0) {
                return false;
            }
            long sizeBytes = intAt(sizeAt);
            at = pastFrame(at);
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
            int stackId = memo.tracebackAt(index);
            at = intEnd(pastFrame(at));
            if (sizeBytes < 0 || stackId < 0 || at < 0) {
                return false;
            }
            at = pastFrame(at);
            if (in.peekAt(at) != TUPLE) {
                return false;
            }
            in.skip(at + 1);
            frameEnd = frameEndAfter;
            if (packs(sizeBytes, stackId)) {
                push(RAW_TRACE_VALUE, packRawTrace(sizeBytes, stackId));
            } else {
                push(new RawTrace(sizeBytes, stackId));
            }
            return true;
        }

        /**
         * The buffered offset {@code at}, or past the FRAME there when the current frame ends there: protocol 4 starts
         * a frame about every 64 KiB, between any two opcodes. The new frame's end is kept in {@link #frameEndAfter},
         * as the loop's FRAME would set it. A FRAME anywhere else is not passed, so the value does not match and
         * the loop refuses it.
         */
        private int pastFrame(int at) {
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

        /**
         * After BINGET or LONG_BINGET: the frame {@code (filename, lineno)} of every traceback, as a memo get of the
         * file name, an int and TUPLE2.
         *
         * @param indexBytes the length of the get's memo index: 1 for BINGET, 4 for LONG_BINGET
         * @return false, having consumed nothing, when the opcodes are not that
         */
        private boolean frameAtOnce(int indexBytes) throws IOException, DumpFormatException {
            // The loop would push two items.
            if (size + 2 > objects.length || !in.ensureBuffered(FRAME_MAX_BYTES)) {
                return false;
            }
            frameEndAfter = frameEnd;
            int lineAt = pastFrame(indexBytes);
            int at = intEnd(lineAt);
            if (at < 0) {
                return false;
            }
            at = pastFrame(at);
            long line = intAt(lineAt);
            long index = in.peekLittleEndian(0, indexBytes);
            if (in.peekAt(at) != TUPLE2 || line < 0 || memo.entry(index) != Memo.OBJECT
                    || !(memo.object(index) instanceof String file)) {
                return false;
            }
            in.skip(at + 1);
            frameEnd = frameEndAfter;
            push(FRAME_VALUE, framesOf(file).frameId((int) line));
            return true;
        }

        /** Picklers write PROTO from protocol 2 on; pickles of protocols 0 and 1 start with their first opcode. */
        private void readProtocol() throws IOException, DumpFormatException, PickleInput.Truncated {
            int first = in.peek();
            if (first < 0) {
                throw error(0, "a pickle", "empty data");
            }
            if (first != PROTO) {
                return;
            }
            opcode = in.next();
            int version = in.readByte();
            if (version > 5) {
                throw error(0, "a pickle of protocol 0 to 5", "protocol " + version);
            }
        }

        // ---- the stack ----

        private void push(Object value) throws DumpFormatException {
            if (size == objects.length) {
                growStack();
            }
            objects[size++] = value;
        }

        private void pushInt(long value) throws DumpFormatException {
            push(INT_VALUE, value);
        }

        /** A value held as a number: an int, a frame, a traceback or a packed raw trace. */
        private void push(Marker kind, long number) throws DumpFormatException {
            if (size == objects.length) {
                growStack();
            }
            objects[size] = kind;
            numbers[size++] = number;
        }

        private void growStack() throws DumpFormatException {
            if (objects.length >= MAX_STACK) {
                throw error(opcodeStart, "at most " + MAX_STACK + " items on the stack", "more");
            }
            int capacity = Math.min(MAX_STACK, 2 * objects.length);
            objects = Arrays.copyOf(objects, capacity);
            numbers = Arrays.copyOf(numbers, capacity);
        }

        /**
         * Pops down to {@code newSize}. The slots above are not cleared: what they still reference is small or held by
         * the memo anyway, and is dropped with the unpickler after the read.
         */
        private void truncateStack(int newSize) {
            size = newSize;
        }

        /** The lowest stack index the current opcode may take, as CPython: nothing below the last MARK. */
        private int floor() {
            return markCount == 0 ? 0 : marks[markCount - 1];
        }

        /** Checks that {@code count} items are above the last MARK; returns the index of the lowest one. */
        private int top(int count) throws DumpFormatException {
            int available = size - floor();
            if (available < count) {
                throw error(opcodeStart, count + " item(s) on the stack" + (markCount == 0 ? "" : " above the last MARK")
                        + " for " + name(opcode), available + "");
            }
            return size - count;
        }

        private void mark() throws DumpFormatException {
            if (markCount == MAX_MARKS) {
                throw error(opcodeStart, "at most " + MAX_MARKS + " nested MARKs", "MARK number " + (MAX_MARKS + 1));
            }
            if (markCount == marks.length) {
                marks = Arrays.copyOf(marks, 2 * marks.length);
            }
            marks[markCount++] = size;
        }

        /** Pops the last MARK; returns the index of the first item above it. */
        private int popMark() throws DumpFormatException {
            if (markCount == 0) {
                throw error(opcodeStart, "a MARK before " + name(opcode), "none");
            }
            return marks[--markCount];
        }

        // ---- values ----

        private void long1() throws IOException, PickleInput.Truncated, DumpFormatException {
            int length = in.readByte();
            if (length <= 8) {
                long value = length == 0 ? 0 : in.readLittleEndian(length);
                int unused = 64 - 8 * length;
                pushInt(length == 0 ? 0 : (value << unused) >> unused);
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
                pushInt(small);
                return;
            }
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (!isLong && (text.equals("00") || text.equals("01"))) {
                pushInt(text.charAt(1) - '0');
                return;
            }
            String digits = isLong && text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
            if (!DECIMAL.matcher(digits).matches()) {
                throw error(opcodeStart, "a decimal integer for " + name(opcode), quote(text));
            }
            pushInteger(new BigInteger(digits));
        }

        private void pushInteger(BigInteger value) throws DumpFormatException {
            if (value.bitLength() < 64) {
                pushInt(value.longValue());
            } else {
                push(value);
            }
        }

        private int stringLength(long length) throws DumpFormatException {
            if (length < 0 || length > MAX_STRING_BYTES) {
                throw error(opcodeStart, "a string of at most " + MAX_STRING_BYTES + " bytes",
                        name(opcode) + " of " + length + " bytes");
            }
            return (int) length;
        }

        /** A Python 2 byte string: file names in the encoding of the system that wrote the dump. */
        private Object byteString(byte[] bytes) {
            try {
                return interner.string(fileNameDecoder.decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException notInEncoding) {
                return new UndecodableBytes(bytes, opcodeStart);
            }
        }

        private DumpFormatException notAFileName(UndecodableBytes bytes) {
            return error(bytes.offset(), "a byte string in " + fileNameEncoding.name() + " (the file name encoding)",
                    "bytes that are not " + fileNameEncoding.name() + ": " + hex(bytes.bytes()));
        }

        /** STRING: a quoted Python 2 str literal, e.g. {@code S'a\\b.py'}. */
        private void textString() throws IOException, PickleInput.Truncated, DumpFormatException {
            try {
                push(byteString(PickleText.stringLiteral(line(MAX_STRING_BYTES))));
            } catch (PickleText.Invalid invalid) {
                throw error(opcodeStart, "a quoted Python string literal for STRING", invalid.getMessage());
            }
        }

        /** UNICODE: raw-unicode-escape text, e.g. {@code V\\u5ba2.py}. */
        private void textUnicode() throws IOException, PickleInput.Truncated, DumpFormatException {
            try {
                push(interner.string(PickleText.rawUnicodeEscape(line(MAX_STRING_BYTES))));
            } catch (PickleText.Invalid invalid) {
                throw error(opcodeStart, "raw-unicode-escape text for UNICODE", invalid.getMessage());
            }
        }

        /** FLOAT: never part of a trace, but read as CPython reads it so that what follows is refused by shape. */
        private void textFloat() throws IOException, PickleInput.Truncated, DumpFormatException {
            String text = textLine().strip();
            if (!FLOAT_TEXT.matcher(text).matches()) {
                throw error(opcodeStart, "a decimal number for FLOAT", quote(text));
            }
            push(FLOAT_VALUE);
        }

        /** The decimal memo key of PUT and GET (protocol 0). */
        private long memoKey() throws IOException, PickleInput.Truncated, DumpFormatException {
            byte[] line = line(MAX_TEXT_LINE);
            long key = line.length <= 10 ? smallDecimal(line, 0) : -1;
            if (key < 0 || line[0] == '+') {
                throw error(opcodeStart, "a decimal memo key for " + name(opcode),
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
                throw error(opcodeStart, "a line of at most " + maxLength + " bytes for " + name(opcode),
                        "a longer line");
            }
            return line;
        }

        // ---- tuples: frames, tracebacks, raw traces, the tuple of traces ----

        private void tuple(int from) throws DumpFormatException {
            int count = size - from;
            if (count == 0) {
                push(EMPTY_TUPLE_VALUE);
                return;
            }
            Object first = objects[from];
            if (first instanceof String || first instanceof UndecodableBytes) {
                int frameId = frame(from, count);
                truncateStack(from);
                push(FRAME_VALUE, frameId);
            } else if (first == FRAME_VALUE) {
                int stackId = traceback(from, count);
                truncateStack(from);
                push(TRACEBACK_VALUE, stackId);
            } else if (first == INT_VALUE) {
                rawTrace(from, count);
            } else if (isRawTrace(first)) {
                TraceTuple traces = traceTuple(from, count);
                truncateStack(from);
                push(traces);
            } else if (first == SNAPSHOT_CLASS || first == TRACES_CLASS) {
                ReconstructorArguments arguments = reconstructorArguments(from, count);
                truncateStack(from);
                push(arguments);
            } else {
                throw badTuple(from);
            }
        }

        /** The frame id of {@code (filename, lineno)}. */
        private int frame(int from, int count) throws DumpFormatException {
            if (count != 2) {
                throw badTuple(from);
            }
            if (objects[from] instanceof UndecodableBytes bytes) {
                throw notAFileName(bytes);
            }
            String file = (String) objects[from];
            Object line = objects[from + 1];
            if (line == NONE_VALUE) {
                return framesOf(file).frameId(0);
            }
            if (line == INT_VALUE && numbers[from + 1] >= 0 && numbers[from + 1] <= Integer.MAX_VALUE) {
                return framesOf(file).frameId((int) numbers[from + 1]);
            }
            if (line == INT_VALUE || line instanceof BigInteger) {
                throw error(opcodeStart, "a line number from 0 to " + Integer.MAX_VALUE, describeItem(from + 1));
            }
            throw badTuple(from);
        }

        /** The sink's frames of a file, asked for once per file; frames of one file mostly come in runs. */
        private FrameIdSink.FileFrames framesOf(String file) {
            if (file != lastFile) {
                FrameIdSink.FileFrames frames = framesByFile.get(file);
                lastFileFrames = frames != null ? frames : newFile(file);
                lastFile = file;
            }
            return lastFileFrames;
        }

        private FrameIdSink.FileFrames newFile(String file) {
            FrameIdSink.FileFrames frames = sink.file(file);
            framesByFile.put(file, frames);
            return frames;
        }

        /** The stack id of a tuple of frames. */
        private int traceback(int from, int count) throws DumpFormatException {
            if (count > frameIds.length) {
                frameIds = new int[Math.max(count, 2 * frameIds.length)];
            }
            for (int i = 0; i < count; i++) {
                if (objects[from + i] != FRAME_VALUE) {
                    throw badTuple(from);
                }
                frameIds[i] = (int) numbers[from + i];
            }
            return sink.stackId(frameIds, count);
        }

        /**
         * {@code (size, traceback)}, {@code (domain, size, traceback)}, {@code (size, traceback, tag)} or
         * {@code (domain, size, traceback, total_nframe)}.
         */
        private void rawTrace(int from, int count) throws DumpFormatException {
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
                throw badTuple(from);
            }
            if (objects[sizeIndex] != INT_VALUE || numbers[sizeIndex] < 0) {
                throw error(opcodeStart, "a size from 0 to " + Long.MAX_VALUE + " bytes", describeItem(sizeIndex));
            }
            long sizeBytes = numbers[sizeIndex];
            int stackId = objects[tracebackIndex] == EMPTY_TUPLE_VALUE ? emptyStackId() : (int) numbers[tracebackIndex];
            truncateStack(from);
            if (packs(sizeBytes, stackId)) {
                push(RAW_TRACE_VALUE, packRawTrace(sizeBytes, stackId));
            } else {
                push(new RawTrace(sizeBytes, stackId));
            }
        }

        private static boolean isTraceback(Object value) {
            return value == TRACEBACK_VALUE || value == EMPTY_TUPLE_VALUE;
        }

        private static boolean isRawTrace(Object value) {
            return value == RAW_TRACE_VALUE || value instanceof RawTrace;
        }

        /** The arguments {@code (cls, object, None)} protocols 0 and 1 pass to {@code copy_reg._reconstructor}. */
        private ReconstructorArguments reconstructorArguments(int from, int count) throws DumpFormatException {
            if (count != 3 || objects[from + 1] != OBJECT_CLASS || objects[from + 2] != NONE_VALUE) {
                throw error(opcodeStart, "the arguments (" + typeName(objects[from]).substring(6)
                        + ", object, None) of copy_reg._reconstructor", tupleOf(from));
            }
            return new ReconstructorArguments((Marker) objects[from]);
        }

        /** The stack of a traceback {@code ()}: tracemalloc records none when it could not get the frames. */
        private int emptyStackId() {
            if (emptyStackId < 0) {
                emptyStackId = sink.stackId(frameIds, 0);
            }
            return emptyStackId;
        }

        private TraceTuple traceTuple(int from, int count) throws DumpFormatException {
            TraceTuple traces = new TraceTuple();
            claimContainer(traces);
            for (int i = from; i < from + count; i++) {
                fold(i);
            }
            return traces;
        }

        private DumpFormatException badTuple(int from) {
            return error(opcodeStart, "a frame (filename, lineno), a traceback (a tuple of frames), a raw trace "
                    + "(size, traceback), (domain, size, traceback), (size, traceback, tag) or "
                    + "(domain, size, traceback, total_nframe), or a tuple of raw traces", tupleOf(from));
        }

        private String tupleOf(int from) {
            StringBuilder found = new StringBuilder("a tuple of (");
            for (int i = from; i < size && i < from + 6; i++) {
                found.append(i == from ? "" : ", ").append(i == from + 5 ? "..." : typeName(objects[i]));
            }
            return found.append(")").toString();
        }

        // ---- the list of traces ----

        /** LIST: a list of the items above the MARK (protocol 0 writes {@code (l} and appends one by one). */
        private void list(int from) throws DumpFormatException {
            TraceList list = new TraceList();
            if (size > from) {
                claimContainer(list);
                for (int i = from; i < size; i++) {
                    fold(i);
                }
            }
            truncateStack(from);
            push(list);
        }

        /** APPEND or APPENDS: the items from {@code from} go to the list just below them. */
        private void append(int from) throws DumpFormatException {
            if (from - 1 < floor()) {
                throw error(opcodeStart, "a list below the items of " + name(opcode), "nothing");
            }
            if (!(objects[from - 1] instanceof TraceList list)) {
                throw error(opcodeStart, "the list of traces for " + name(opcode), typeName(objects[from - 1]));
            }
            if (size > from) {
                claimContainer(list);
                for (int i = from; i < size; i++) {
                    fold(i);
                }
            }
            truncateStack(from);
        }

        private void claimContainer(Object container) throws DumpFormatException {
            if (traceContainer == null) {
                traceContainer = container;
            } else if (traceContainer != container) {
                throw error(opcodeStart, "one list or tuple of traces, the _traces of the snapshot",
                        "a second " + typeName(container) + " of raw traces");
            }
        }

        private void fold(int index) throws DumpFormatException {
            long sizeBytes;
            int stackId;
            if (objects[index] == RAW_TRACE_VALUE) {
                sizeBytes = numbers[index] & PACKED_SIZE_MASK;
                stackId = (int) (numbers[index] >>> PACKED_SIZE_BITS);
            } else if (objects[index] instanceof RawTrace trace) {
                sizeBytes = trace.size();
                stackId = trace.stackId();
            } else {
                throw error(opcodeStart, "a raw trace", typeName(objects[index]));
            }
            try {
                sink.trace(sizeBytes, stackId);
            } catch (ArithmeticException overflow) {
                throw error(opcodeStart, "a total of at most " + Long.MAX_VALUE + " bytes", TOTAL_OVERFLOW);
            }
        }

        // ---- the two objects ----

        /** DICT: a dict of the key and value pairs above the MARK (protocol 0 writes {@code (d} and SETITEM). */
        private void dict(int from) throws DumpFormatException {
            StateDict dict = new StateDict();
            fillDict(dict, from);
            push(dict);
        }

        private void setItems(int from) throws DumpFormatException {
            if (from - 1 < floor()) {
                throw error(opcodeStart, "a dict below the items of " + name(opcode), "nothing");
            }
            if (!(objects[from - 1] instanceof StateDict dict)) {
                throw error(opcodeStart, "the state dict of a tracemalloc object", typeName(objects[from - 1]));
            }
            fillDict(dict, from);
        }

        private void fillDict(StateDict dict, int from) throws DumpFormatException {
            if ((size - from) % 2 != 0) {
                throw error(opcodeStart, "key and value pairs for " + name(opcode), (size - from) + " items");
            }
            for (int i = from; i < size; i += 2) {
                Object value = objects[i + 1] == INT_VALUE ? Long.valueOf(numbers[i + 1]) : objects[i + 1];
                Object key = objects[i];
                if ("traces".equals(key)) {
                    dict.traces = value;
                } else if ("traceback_limit".equals(key)) {
                    dict.tracebackLimit = value;
                } else if ("_traces".equals(key)) {
                    dict.rawTraces = value;
                } else {
                    throw error(opcodeStart, "the key 'traces', 'traceback_limit' or '_traces'",
                            key instanceof String text ? quote(text) : typeName(key));
                }
            }
            truncateStack(from);
        }

        private void build() throws DumpFormatException {
            int stateIndex = top(2) + 1;
            if (!(objects[stateIndex - 1] instanceof Instance instance)) {
                throw error(opcodeStart, "a tracemalloc.Snapshot or tracemalloc._Traces to BUILD",
                        typeName(objects[stateIndex - 1]));
            }
            if (instance.built) {
                throw error(opcodeStart, "one BUILD per object", "a second BUILD of " + instance.className());
            }
            Object state = objects[stateIndex];
            if (instance.snapshot) {
                if (!(state instanceof StateDict dict) || dict.rawTraces != null
                        || !(dict.traces instanceof Instance traces) || traces.snapshot
                        || !(dict.tracebackLimit instanceof Long)) {
                    throw error(opcodeStart, "the state {'traces': a tracemalloc._Traces, 'traceback_limit': an int}"
                            + " of tracemalloc.Snapshot", describeState(state));
                }
                instance.value = traces;
            } else {
                if (!(state instanceof StateDict dict) || dict.traces != null || dict.tracebackLimit != null
                        || !(dict.rawTraces instanceof TraceList || dict.rawTraces instanceof TraceTuple
                        || dict.rawTraces == EMPTY_TUPLE_VALUE)) {
                    throw error(opcodeStart, "the state {'_traces': a list or tuple of raw traces} of "
                            + "tracemalloc._Traces", describeState(state));
                }
                instance.value = dict.rawTraces;
            }
            instance.built = true;
            truncateStack(stateIndex);
        }

        private String describeState(Object state) {
            if (!(state instanceof StateDict dict)) {
                return typeName(state);
            }
            String found = dict.keys();
            if (dict.traces != null) {
                found += ", 'traces' a " + typeName(dict.traces);
            }
            if (dict.tracebackLimit != null) {
                found += ", 'traceback_limit' a " + typeName(dict.tracebackLimit);
            }
            if (dict.rawTraces != null) {
                found += ", '_traces' a " + typeName(dict.rawTraces);
            }
            return found;
        }

        private void newObject() throws DumpFormatException {
            int classIndex = top(2);
            Object type = objects[classIndex];
            if (type != SNAPSHOT_CLASS && type != TRACES_CLASS) {
                throw error(opcodeStart, "tracemalloc.Snapshot or tracemalloc._Traces for NEWOBJ", typeName(type));
            }
            if (objects[classIndex + 1] != EMPTY_TUPLE_VALUE) {
                throw error(opcodeStart, "the arguments () for NEWOBJ", typeName(objects[classIndex + 1]));
            }
            truncateStack(classIndex);
            push(new Instance(type == SNAPSHOT_CLASS));
        }

        /** REDUCE: only {@code copy_reg._reconstructor(tracemalloc class, object, None)}, which protocols 0–1 write. */
        private void reduce() throws DumpFormatException {
            int callableIndex = top(2);
            Object callable = objects[callableIndex];
            if (callable != RECONSTRUCTOR || !(objects[callableIndex + 1] instanceof ReconstructorArguments arguments)) {
                throw error(opcodeStart, "copy_reg._reconstructor(tracemalloc.Snapshot or tracemalloc._Traces, "
                        + "object, None) for REDUCE", typeName(callable) + " called with "
                        + typeName(objects[callableIndex + 1]));
            }
            truncateStack(callableIndex);
            push(new Instance(arguments.type() == SNAPSHOT_CLASS));
        }

        /** INST: an old-style class instance; tracemalloc's classes are new-style, so it is refused, class named. */
        private void refuseInst() throws IOException, PickleInput.Truncated, DumpFormatException {
            String module = textLine();
            String name = textLine();
            global(module, name);
            throw error(opcodeStart, CREATION, "INST of " + printable(module + "." + name));
        }

        /** OBJ: refused like INST, naming the class on the stack. */
        private void refuseObj() throws DumpFormatException {
            int from = popMark();
            if (size == from) {
                throw error(opcodeStart, "a class above the MARK for OBJ", "nothing");
            }
            throw error(opcodeStart, CREATION, "OBJ of " + typeName(objects[from]));
        }

        private void stackGlobal() throws DumpFormatException {
            int moduleIndex = top(2);
            if (!(objects[moduleIndex] instanceof String module) || !(objects[moduleIndex + 1] instanceof String name)) {
                throw error(opcodeStart, "a module and a name (strings) for STACK_GLOBAL",
                        typeName(objects[moduleIndex]) + " and " + typeName(objects[moduleIndex + 1]));
            }
            Marker type = global(module, name);
            truncateStack(moduleIndex);
            push(type);
        }

        /** The only globals: Python 3 writes the Python 2 names at protocols 0–2 unless fix_imports is off. */
        private Marker global(String module, String name) throws DumpFormatException {
            switch (module + "." + name) {
                case "tracemalloc.Snapshot":
                    return SNAPSHOT_CLASS;
                case "tracemalloc._Traces":
                    return TRACES_CLASS;
                case "copy_reg._reconstructor", "copyreg._reconstructor":
                    return RECONSTRUCTOR;
                case "__builtin__.object", "builtins.object":
                    return OBJECT_CLASS;
                default:
                    throw error(opcodeStart, "global tracemalloc.Snapshot or tracemalloc._Traces",
                            printable(module + "." + name));
            }
        }

        // ---- memo, frames, STOP ----

        private void memoize(long index) throws DumpFormatException {
            int at = top(1);
            if (index > MAX_MEMO_INDEX) {
                throw error(opcodeStart, "a memo index of at most " + MAX_MEMO_INDEX, name(opcode) + " " + index);
            }
            if (memo.size() >= MAX_MEMO_ENTRIES && memo.entry(index) == 0) {
                throw error(opcodeStart, "at most " + MAX_MEMO_ENTRIES + " memo entries", "more");
            }
            Object value = objects[at];
            if (value == FRAME_VALUE) {
                memo.put(index, Memo.FRAME | numbers[at], null);
            } else if (value == TRACEBACK_VALUE) {
                memo.put(index, Memo.TRACEBACK | numbers[at], null);
            } else if (value == RAW_TRACE_VALUE) {
                memo.put(index, Memo.RAW_TRACE | numbers[at], null);
            } else {
                memo.put(index, Memo.OBJECT, value == INT_VALUE ? (Object) numbers[at] : value);
            }
        }

        private void memoGet(long index) throws DumpFormatException {
            long entry = memo.entry(index);
            long number = entry & ~Memo.KIND_MASK;
            long kind = entry & Memo.KIND_MASK;
            if (kind == Memo.FRAME) {
                push(FRAME_VALUE, number);
            } else if (kind == Memo.TRACEBACK) {
                push(TRACEBACK_VALUE, number);
            } else if (kind == Memo.RAW_TRACE) {
                push(RAW_TRACE_VALUE, number);
            } else if (kind == Memo.OBJECT) {
                Object value = memo.object(index);
                if (value instanceof Long integer) {
                    pushInt(integer);
                } else {
                    push(value);
                }
            } else {
                throw error(opcodeStart, "a memo index that was stored (the memo holds " + memo.size() + " entries)",
                        name(opcode) + " " + index);
            }
        }

        private void startFrame(long length) throws DumpFormatException {
            if (frameEnd > opcodeStart) {
                throw error(opcodeStart, "the end of the FRAME that ends at byte " + frameEnd, "another FRAME");
            }
            long start = in.offset();
            frameEnd = length < 0 || start + length < 0 ? Long.MAX_VALUE : start + length;
        }

        private void stop() throws IOException, DumpFormatException {
            if (markCount != 0) {
                throw error(opcodeStart, "no open MARK at STOP", markCount + " open MARK(s)");
            }
            if (size != 1) {
                throw error(opcodeStart, "the tracemalloc.Snapshot or the traces alone on the stack at STOP",
                        size + " items");
            }
            Object result = objects[0];
            if (result instanceof TraceList || result instanceof TraceTuple || result == EMPTY_TUPLE_VALUE) {
                if (traceContainer != null && result != traceContainer) {
                    throw error(opcodeStart, "the list or tuple that holds the raw traces at STOP",
                            "another " + typeName(result));
                }
                endOfData();
                return;
            }
            if (!(result instanceof Instance snapshot) || !snapshot.snapshot) {
                throw error(opcodeStart, "a tracemalloc.Snapshot, or a list or tuple of raw traces, at STOP",
                        typeName(result));
            }
            if (!snapshot.built) {
                throw error(opcodeStart, "a tracemalloc.Snapshot with its state (BUILD)", "a Snapshot without state");
            }
            Instance traces = (Instance) snapshot.value;
            if (!traces.built) {
                throw error(opcodeStart, "a tracemalloc._Traces with its state (BUILD)", "a _Traces without state");
            }
            if (traceContainer != null && traces.value != traceContainer) {
                throw error(opcodeStart, "the list or tuple of raw traces as _Traces._traces of the snapshot",
                        "another " + typeName(traces.value));
            }
            endOfData();
        }

        private void endOfData() throws IOException, DumpFormatException {
            long end = in.offset();
            if (frameEnd > end) {
                throw error(opcodeStart, "STOP at the end of the FRAME that ends at byte " + frameEnd,
                        "STOP ending at byte " + end);
            }
            int trailing = in.next();
            if (trailing >= 0) {
                throw error(end, "the end of the data after STOP", "more bytes, starting with " + describe(trailing));
            }
        }

        // ---- messages ----

        private DumpFormatException error(long offset, String expected, String found) {
            return new DumpFormatException(source, "byte " + offset, expected, found);
        }

        private String describeItem(int index) {
            Object value = objects[index];
            if (value == INT_VALUE) {
                return "the int " + numbers[index];
            }
            if (value instanceof BigInteger big) {
                return "the int " + big;
            }
            return typeName(value);
        }

        private static String typeName(Object value) {
            if (value instanceof String text) {
                return "str " + quote(text);
            }
            if (value instanceof Marker marker) {
                return marker.description();
            }
            if (value instanceof BigInteger || value instanceof Long) {
                return "int";
            }
            if (value instanceof RawTrace) {
                return "raw trace";
            }
            if (value instanceof ReconstructorArguments) {
                return "tuple (class, object, None)";
            }
            if (value instanceof UndecodableBytes) {
                return "str (bytes)";
            }
            if (value instanceof TraceList) {
                return "list";
            }
            if (value instanceof TraceTuple) {
                return "tuple";
            }
            if (value instanceof StateDict) {
                return "dict";
            }
            if (value instanceof Instance instance) {
                return instance.className() + " object";
            }
            return "nothing";
        }

        private static String quote(String text) {
            String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
            return "'" + printable(shown) + "'";
        }

        private static String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private static String hex(byte[] bytes) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < bytes.length && i < 32; i++) {
                out.append(String.format("%02X ", bytes[i] & 0xff));
            }
            return out.append(bytes.length > 32 ? "..." : "").toString().trim();
        }
    }
}
