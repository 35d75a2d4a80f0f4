package io.github.memflame.read.pickle;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.FrameIdSink;
import io.github.memflame.read.Interner;
import io.github.memflame.read.ParsedAheadSink;
import io.github.memflame.read.SnapshotReader;
import io.github.memflame.read.TraceSink;
import io.github.memflame.read.TracebackRebuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Reads tracemalloc pickles of any protocol (0 to 5) from CPython 2.7 and 3.4+ with a restricted, streaming
 * unpickler of its own: a {@code tracemalloc.Snapshot} ({@code Snapshot.dump()}, or {@code pickle.dump(snapshot)}
 * at any protocol), or a bare list or tuple of raw traces ({@code pickle.dump(tracemalloc._get_traces())}).
 *
 * <p>Only the opcodes such a pickle can contain are accepted and only the globals {@code tracemalloc.Snapshot},
 * {@code tracemalloc._Traces} and, for protocols 0 and 1, {@code copy_reg._reconstructor} and
 * {@code __builtin__.object} (or their Python 3 names), which are mere markers here: nothing the dump names is
 * looked up, loaded or called. REDUCE is accepted only as {@code _reconstructor(<tracemalloc class>, object, None)}.
 * Tuples are recognized by shape as they are built: {@code (filename, lineno)} becomes a frame key (its file's number
 * and its line), a tuple of frames a stack id of their frame ids (both numbered by a {@link FrameIdSink}), {@code
 * (size, traceback)}, {@code (domain, size, traceback)}, {@code (size, traceback, tag)} or {@code (domain, size,
 * traceback, total_nframe)} a raw trace. Raw traces go to the sink as soon as they are appended to the one list of
 * traces (or when the one tuple of traces is built). Frames, tracebacks and raw traces are numbers, not objects, on the
 * stack and in the memo: a worst-case dump memoizes tens of millions of them, and the memo must keep each for a second
 * reference (CPython counts a trace listed twice twice) at a few bytes and no garbage-collected object each. At STOP
 * the reader checks that this list is {@code _Traces._traces} of the returned {@code Snapshot}, or is itself the
 * returned object. The package comment says which class does what.
 */
public final class TracemallocPickleReader implements SnapshotReader {
    /** What a read that ran out of data reports as found; the loader's sniffing tells a cut pickle by it. */
    public static final String TRUNCATED = "the end of the data (the dump is truncated)";

    private final Charset fileNameEncoding;
    private final boolean fastPaths;
    private final boolean parseAhead;

    /** @param fileNameEncoding decodes Python 2 byte-string file names, e.g. UTF-8, or GBK for Windows dumps */
    public TracemallocPickleReader(Charset fileNameEncoding) {
        this(fileNameEncoding, true, false);
    }

    /**
     * @param parseAhead whether the opcodes are read on a thread of their own while the calling thread numbers the
     *                   frames and stacks they give (see {@link ParsedAheadSink}); the traces, their order and every
     *                   error are the same either way
     */
    public TracemallocPickleReader(Charset fileNameEncoding, boolean parseAhead) {
        this(fileNameEncoding, true, parseAhead);
    }

    /**
     * @param fastPaths whether raw traces and frames are taken in one step; without, every opcode goes through the
     *                  opcode loop, which the tests compare the fast paths with
     */
    TracemallocPickleReader(Charset fileNameEncoding, boolean fastPaths, boolean parseAhead) {
        this.fileNameEncoding = Objects.requireNonNull(fileNameEncoding, "fileNameEncoding");
        this.fastPaths = fastPaths;
        this.parseAhead = parseAhead;
    }

    @Override
    public DumpFormat format() {
        return DumpFormat.TRACEMALLOC_PICKLE;
    }

    @Override
    public void read(InputStream in, String source, Interner interner, TraceSink sink)
            throws IOException, DumpFormatException {
        FrameIdSink ids = TracebackRebuilder.of(interner, sink);
        // The interner is the unpickler's alone only when the sink numbers frames itself.
        if (parseAhead && sink instanceof FrameIdSink) {
            ParsedAheadSink.read(ahead -> new Unpickler(new PickleInput(in, source), source, interner, ahead,
                    fileNameEncoding, fastPaths).run(), ids);
        } else {
            new Unpickler(new PickleInput(in, source), source, interner, ids, fileNameEncoding, fastPaths).run();
        }
    }
}
