package io.github.memflame.read;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads folded stacks, the format of Brendan Gregg's FlameGraph: one line per stack, {@code frame;frame;frame COUNT},
 * root first, the count in bytes. A frame written {@code path:line} is split into path and line; any other frame
 * is taken as a path with an unknown line, so memory from any collector can be folded and budgeted.
 *
 * <p>Lines are split as bytes and each distinct path is decoded once: a file of a million stacks repeats a few
 * hundred paths twenty million times. Separators, colons and digits are ASCII, which never occurs inside a
 * multi-byte UTF-8 character, and every byte of a path is checked as UTF-8 when the path is first seen.
 */
public final class FoldedStacksReader implements SnapshotReader {
    /** Longest line accepted, in bytes; a longer one is refused before more of it is held in memory. */
    static final int MAX_LINE_BYTES = 1 << 20;
    private final boolean parseAhead;

    /** A reader that splits and numbers on the calling thread. */
    public FoldedStacksReader() {
        this(false);
    }

    /**
     * @param parseAhead whether the lines are split on a thread of their own while the calling thread numbers their
     *                   frames and stacks: about half the time each, so a large file reads in about half the time
     *                   when a core is free; the traces, their order and every error are the same either way
     */
    public FoldedStacksReader(boolean parseAhead) {
        this.parseAhead = parseAhead;
    }

    @Override
    public DumpFormat format() {
        return DumpFormat.FOLDED;
    }

    @Override
    public void read(InputStream in, String source, Interner interner, TraceSink sink)
            throws IOException, DumpFormatException {
        FrameIdSink ids = TracebackRebuilder.of(interner, sink);
        // The interner is the parser's alone only when the sink numbers frames itself.
        if (parseAhead && sink instanceof FrameIdSink) {
            ParsedAheadSink.read(ahead -> new Parser(source, interner, ahead).read(new LineSplitter(in)), ids);
        } else {
            new Parser(source, interner, ids).read(new LineSplitter(in));
        }
    }

    /**
     * Splits bytes into lines as {@link java.io.BufferedReader#readLine} does ({@code \n}, {@code \r\n} or
     * {@code \r} end a line), handing out each line in place in its buffer, and never holding more than
     * {@link #MAX_LINE_BYTES} of one: a line that goes on longer is reported as soon as its limit is passed.
     */
    private static final class LineSplitter {
        private final InputStream in;
        private byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private boolean end;
        private boolean skipLineFeed;
        byte[] line;
        int lineStart;
        int lineEnd;

        LineSplitter(InputStream in) {
            this.in = in;
        }

        /** @return false at the end of the data; true with the next line in {@code line[lineStart, lineEnd)} */
        boolean next() throws IOException, LineTooLongException {
            if (skipLineFeed) {
                if (position == limit) {
                    fill();
                }
                if (position < limit && buffer[position] == '\n') {
                    position++;
                }
                skipLineFeed = false;
            }
            int scanned = position;
            while (true) {
                int i = ByteScan.lineEnd(buffer, scanned, limit);
                if (i >= 0) {
                    if (i - position > MAX_LINE_BYTES) {
                        throw new LineTooLongException();
                    }
                    take(i);
                    position = i + 1;
                    skipLineFeed = buffer[i] == '\r';
                    return true;
                }
                if (limit - position > MAX_LINE_BYTES) {
                    throw new LineTooLongException();
                }
                if (end) {
                    if (position == limit) {
                        return false;
                    }
                    take(limit);
                    position = limit;
                    return true;
                }
                scanned = limit - position;
                fill();
                scanned += position;
            }
        }

        private void take(int endOfLine) {
            line = buffer;
            lineStart = position;
            lineEnd = endOfLine;
        }

        /** Reads more, after moving the unfinished line to the front (and growing the buffer up to the limit). */
        private void fill() throws IOException {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_BYTES + 2));
            }
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                end = true;
            } else {
                limit += read;
            }
        }
    }

    private static final class LineTooLongException extends Exception {
        LineTooLongException() {
            super(null, null, false, false);
        }
    }

    private static final class Parser {
        private final String source;
        private final Interner interner;
        private final FrameIdSink sink;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final Map<PathBytes, Integer> numberOfPathBytes = new HashMap<>();
        private final PathBytes probe = new PathBytes();
        /** The sink's frames of each path, by the path's number. */
        private FrameIdSink.FileFrames[] files = new FrameIdSink.FileFrames[64];
        /** Each frame of the current line, root first: its path's number (high int) and its line (low int). */
        private long[] rootFirst = new long[64];
        /** The same, the allocating frame first, the order in which tracebacks of other formats give their frames. */
        private long[] keys = new long[64];
        private int[] frameIds = new int[64];
        private long lineNumber;

        Parser(String source, Interner interner, FrameIdSink sink) {
            this.source = source;
            this.interner = interner;
            this.sink = sink;
        }

        void read(LineSplitter lines) throws IOException, DumpFormatException {
            while (true) {
                try {
                    if (!lines.next()) {
                        return;
                    }
                } catch (LineTooLongException e) {
                    throw new DumpFormatException(source, "line " + (lineNumber + 1),
                            "a line of at most " + MAX_LINE_BYTES + " bytes",
                            "a longer line (no line break within " + MAX_LINE_BYTES + " bytes)");
                }
                lineNumber++;
                stack(lines.line, lines.lineStart, lines.lineEnd);
            }
        }

        private void stack(byte[] line, int start, int end) throws DumpFormatException {
            start = skipWhitespace(line, start, end);
            end = trimWhitespace(line, start, end);
            if (start == end) {
                return;
            }
            int space = end - 1;
            while (space >= start && line[space] != ' ') {
                space--;
            }
            long bytes = count(line, start, space, end);
            int framesEnd = trimWhitespace(line, start, Math.max(space, start));
            int depth = 0;
            if (framesEnd > start) {
                int frameStart = start;
                while (true) {
                    int frameEnd = ByteScan.semicolon(line, frameStart, framesEnd);
                    if (depth == rootFirst.length) {
                        rootFirst = Arrays.copyOf(rootFirst, depth * 2);
                        keys = new long[depth * 2];
                        frameIds = new int[depth * 2];
                    }
                    rootFirst[depth++] = frame(line, frameStart, frameEnd);
                    if (frameEnd == framesEnd) {
                        break;
                    }
                    frameStart = frameEnd + 1;
                }
            }
            // Frames are numbered from the allocating frame on, so that a sink numbers the frames of every format
            // alike.
            for (int i = 0; i < depth; i++) {
                keys[i] = rootFirst[depth - 1 - i];
            }
            if (depth > 0) {
                sink.frameIds(files, keys, 0, depth, frameIds);
            }
            try {
                sink.trace(bytes, sink.stackId(frameIds, depth));
            } catch (ArithmeticException overflow) {
                throw new DumpFormatException(source, "line " + lineNumber,
                        "a snapshot total of at most " + Long.MAX_VALUE + " bytes", "a total above it");
            }
        }

        private long count(byte[] line, int start, int space, int end) throws DumpFormatException {
            int digits = end - space - 1;
            boolean numeric = space >= start && digits > 0;
            for (int i = space + 1; numeric && i < end; i++) {
                numeric = line[i] >= '0' && line[i] <= '9';
            }
            if (!numeric) {
                throw new DumpFormatException(source, "line " + lineNumber + ", column " + column(line, start, space),
                        "'frame;frame;frame COUNT' with COUNT a whole number of bytes",
                        "'" + abbreviate(text(line, space + 1, end)) + "'");
            }
            long value = 0;
            for (int i = space + 1; i < end; i++) {
                int digit = line[i] - '0';
                if (value > (Long.MAX_VALUE - digit) / 10) {
                    throw new DumpFormatException(source, "line " + lineNumber + ", column " + column(line, start, space),
                            "a count of at most " + Long.MAX_VALUE + " bytes", text(line, space + 1, end));
                }
                value = value * 10 + digit;
            }
            return value;
        }

        /** The column, counted in characters from 1, of the count after the space at {@code space}. */
        private int column(byte[] line, int start, int space) throws DumpFormatException {
            return space < start ? 1 : text(line, start, space).length() + 2;
        }

        /**
         * The frame of {@code line[start, end)} as its path's number (high int) and its line (low int):
         * {@code path:line} when the text after the last colon is 1 to 9 digits and something comes before it, else
         * the whole text as a path with an unknown line. Only the path is looked up, among the few hundred a file
         * names (a million stacks repeat a few hundred thousand frames of a few hundred files), and decoded the first
         * time its bytes are seen; the line is read from its digits.
         */
        private long frame(byte[] line, int start, int end) throws DumpFormatException {
            int digitsStart = end;
            while (digitsStart > start && end - digitsStart <= 9 && line[digitsStart - 1] >= '0'
                    && line[digitsStart - 1] <= '9') {
                digitsStart--;
            }
            int colon = digitsStart - 1;
            boolean hasLine = digitsStart < end && end - digitsStart <= 9 && colon > start && line[colon] == ':';
            int pathEnd = hasLine ? colon : end;
            probe.set(line, start, pathEnd);
            Integer number = numberOfPathBytes.get(probe);
            if (number == null) {
                number = numberOfPathBytes.size();
                if (number == files.length) {
                    files = Arrays.copyOf(files, 2 * number);
                }
                files[number] = sink.file(interner.string(text(line, start, pathEnd)));
                numberOfPathBytes.put(probe.copy(), number);
            }
            int lineNumber = 0;
            if (hasLine) {
                for (int i = digitsStart; i < end; i++) {
                    lineNumber = lineNumber * 10 + line[i] - '0';
                }
            }
            return (long) number << 32 | lineNumber & 0xFFFFFFFFL;
        }

        private String text(byte[] line, int start, int end) throws DumpFormatException {
            try {
                return utf8.decode(ByteBuffer.wrap(line, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new DumpFormatException(source, "line " + lineNumber, "UTF-8 text", "invalid UTF-8 bytes");
            }
        }

        /** The start of the line after leading whitespace, as {@link String#strip()} takes it away. */
        private int skipWhitespace(byte[] line, int start, int end) throws DumpFormatException {
            while (start < end) {
                if (line[start] >= 0) {
                    if (!Character.isWhitespace(line[start])) {
                        return start;
                    }
                    start++;
                } else {
                    int length = utf8Length(line[start]);
                    if (start + length > end || !isWhitespace(text(line, start, start + length))) {
                        return start;
                    }
                    start += length;
                }
            }
            return start;
        }

        /** The end of the line before trailing whitespace, as {@link String#strip()} takes it away. */
        private int trimWhitespace(byte[] line, int start, int end) throws DumpFormatException {
            while (end > start) {
                if (line[end - 1] >= 0) {
                    if (!Character.isWhitespace(line[end - 1])) {
                        return end;
                    }
                    end--;
                } else {
                    int first = end - 1;
                    while (first > start && (line[first] & 0xc0) == 0x80) {
                        first--;
                    }
                    if (!isWhitespace(text(line, first, end))) {
                        return end;
                    }
                    end = first;
                }
            }
            return end;
        }
    }

    /**
     * Finds a byte eight at a time: a file of a million stacks is hundreds of megabytes, every byte of it scanned
     * for a line end and every byte of its frames for a semicolon. In a word XOR-ed with the byte sought, a byte
     * found is zero; {@code (w - 0x01..) & ~w & 0x80..} sets the high bit of every zero byte, and of no byte below
     * the first, which the lowest bit set names (bytes are read little-endian, the first lowest).
     */
    static final class ByteScan {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101010101010101L;
        private static final long HIGHS = 0x8080808080808080L;
        private static final long SEMICOLONS = ONES * ';';
        private static final long LINE_FEEDS = ONES * '\n';
        private static final long RETURNS = ONES * '\r';

        private ByteScan() {
        }

        private static long zeroBytes(long word) {
            return (word - ONES) & ~word & HIGHS;
        }

        /** The first {@code ;} of {@code bytes[from, to)}, or {@code to}. */
        static int semicolon(byte[] bytes, int from, int to) {
            int i = from;
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                long found = zeroBytes((long) LONGS.get(bytes, i) ^ SEMICOLONS);
                if (found != 0) {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
            for (; i < to; i++) {
                if (bytes[i] == ';') {
                    return i;
                }
            }
            return to;
        }

        /** The first {@code \n} or {@code \r} of {@code bytes[from, to)}, or -1. */
        static int lineEnd(byte[] bytes, int from, int to) {
            int i = from;
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                long word = (long) LONGS.get(bytes, i);
                long found = zeroBytes(word ^ LINE_FEEDS) | zeroBytes(word ^ RETURNS);
                if (found != 0) {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
            }
            for (; i < to; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r') {
                    return i;
                }
            }
            return -1;
        }
    }

    /** The bytes of a path as a map key; one mutable instance probes, immutable copies are stored. */
    private static final class PathBytes {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);
        private byte[] bytes;
        private int start;
        private int end;
        private int hash;

        void set(byte[] source, int from, int to) {
            bytes = source;
            start = from;
            end = to;
            // Eight bytes a step: twenty million paths are hashed for a million stacks.
            long h = to - from;
            int i = from;
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                h = (h ^ (long) LONGS.get(source, i)) * 0x9E3779B97F4A7C15L;
            }
            for (; i < to; i++) {
                h = (h ^ source[i]) * 0x100000001B3L;
            }
            hash = (int) (h ^ h >>> 29 ^ h >>> 47);
        }

        PathBytes copy() {
            PathBytes copy = new PathBytes();
            copy.bytes = Arrays.copyOfRange(bytes, start, end);
            copy.start = 0;
            copy.end = end - start;
            copy.hash = hash;
            return copy;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PathBytes that && hash == that.hash
                    && Arrays.equals(bytes, start, end, that.bytes, that.start, that.end);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static int utf8Length(byte lead) {
        int b = lead & 0xff;
        return b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    }

    private static boolean isWhitespace(String character) {
        return !character.isEmpty() && Character.isWhitespace(character.codePointAt(0));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
