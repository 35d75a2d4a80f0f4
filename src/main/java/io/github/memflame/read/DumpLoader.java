package io.github.memflame.read;

import io.github.memflame.read.pickle.TracemallocPickleReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Opens one dump file: undoes gzip compression when the content starts with the gzip magic (whatever the file is
 * named), recognizes the format from the first bytes, and hands the content to that format's reader.
 *
 * <p>A pickle of protocol 2 to 5 starts with PROTO and JSON traces with {@code [[}, {@code []} or <code>{</code>.
 * Pickles of protocols 0 and 1 have no signature (they start with an opcode such as {@code (}, {@code ]} or
 * {@code c}, which folded stacks may start with too), so the first {@value #SNIFF_BYTES} bytes are read on trial
 * by the folded reader (complete lines only) and by the pickle reader (which must not refuse them, other than for
 * ending early); only the readers' own rules decide, never a guess from one byte. When no reader accepts the start
 * of the content, the error lists each format with where and why it refused.
 */
public final class DumpLoader {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int PICKLE_PROTO = 0x80;
    static final int SNIFF_BYTES = 8192;
    private static final TraceSink DISCARD = (size, traceback) -> { };

    private final Charset fileNameEncoding;
    private final long maxDecompressedBytes;
    private final boolean parseAhead;

    /**
     * A loader that reads each dump on the calling thread alone.
     *
     * @param fileNameEncoding decodes byte-string file names of Python 2 pickles
     * @param maxDecompressedBytes the most a gzip file may expand to, so that a gzip bomb fails instead of
     *                             exhausting disk or memory
     */
    public DumpLoader(Charset fileNameEncoding, long maxDecompressedBytes) {
        this(fileNameEncoding, maxDecompressedBytes, false);
    }

    /**
     * @param parseAhead whether a dump is parsed on a thread of its own while the calling thread numbers its frames
     *                   and stacks (see {@link ParsedAheadSink}): for a check that has a core to spare while it reads
     */
    public DumpLoader(Charset fileNameEncoding, long maxDecompressedBytes, boolean parseAhead) {
        this.fileNameEncoding = fileNameEncoding;
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.parseAhead = parseAhead;
    }

    /**
     * Reads the dump at {@code file} into {@code sink}.
     *
     * @param name the name used in error messages
     * @return the format the content was read as
     */
    public DumpFormat load(Path file, String name, TraceSink sink) throws IOException, DumpFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, name, sink);
        }
    }

    /**
     * Reads a dump from {@code in}, which the caller closes; for callers that count what is read, and the entry
     * point of the fuzz tests.
     */
    public DumpFormat load(InputStream in, String name, TraceSink sink) throws IOException, DumpFormatException {
        InputStream raw = new BufferedInputStream(in, 1 << 16);
        GuardedGzipStream gzip = null;
        try {
            InputStream content = raw;
            if (startsWith(raw, GZIP_MAGIC_1, GZIP_MAGIC_2)) {
                gzip = new GuardedGzipStream(raw, maxDecompressedBytes);
                content = new BufferedInputStream(gzip, 1 << 16);
            }
            SnapshotReader reader = readerFor(content, name);
            reader.read(content, name, new Interner(), sink);
            return reader.format();
        } catch (CorruptGzipException e) {
            throw new DumpFormatException(name, "decompressed byte " + e.decompressedBytes,
                    "a complete gzip stream", e.getMessage());
        } finally {
            if (gzip != null) {
                gzip.close();
            }
        }
    }

    private SnapshotReader readerFor(InputStream content, String name) throws IOException, DumpFormatException {
        content.mark(SNIFF_BYTES + 1);
        byte[] head = content.readNBytes(SNIFF_BYTES + 1);
        content.reset();
        boolean whole = head.length <= SNIFF_BYTES;
        if (!whole) {
            head = Arrays.copyOf(head, SNIFF_BYTES);
        }
        if (head.length == 0) {
            throw new DumpFormatException(name, "byte 0", ANY_FORMAT, "an empty file");
        }
        if ((head[0] & 0xff) == PICKLE_PROTO) {
            return new TracemallocPickleReader(fileNameEncoding, parseAhead);
        }
        int first = firstNonWhitespace(head, 0);
        if (first >= 0 && head[first] == '{') {
            return new JsonTracesReader();
        }
        int second = first < 0 ? -1 : firstNonWhitespace(head, first + 1);
        // Folded stacks may start with a bracketed frame such as "[unknown];main 12"; JSON traces start
        // with "[[" or are the empty list "[]".
        if (first >= 0 && head[first] == '[' && (second < 0 || head[second] == '[' || head[second] == ']')) {
            return new JsonTracesReader();
        }
        DumpFormatException foldedRefusal = null;
        boolean foldedUndecided = false;
        if (whole || lastLineBreak(head) >= 0) {
            foldedRefusal = foldedTrial(head, whole);
        } else {
            // A first line longer than the sniffed bytes cannot be judged here (the folded reader will), unless it
            // holds a control byte, which no folded text has and binary pickles have from their first opcodes.
            int control = firstControlByte(head);
            foldedUndecided = control < 0;
            if (!foldedUndecided) {
                foldedRefusal = new DumpFormatException(name, "line 1 (byte " + control + ")",
                        "text without control characters", describeByte(head[control]));
            }
        }
        if (!foldedUndecided && foldedRefusal == null) {
            return new FoldedStacksReader(parseAhead);
        }
        DumpFormatException pickleRefusal = pickleTrial(head, whole);
        if (pickleRefusal == null) {
            return new TracemallocPickleReader(fileNameEncoding, parseAhead);
        }
        if (foldedUndecided) {
            return new FoldedStacksReader(parseAhead);
        }
        throw new DumpFormatException(name, "byte 0", ANY_FORMAT, "content none of them reads ("
                + DumpFormat.TRACEMALLOC_PICKLE.summaryName() + ": " + reason(pickleRefusal) + "; "
                + DumpFormat.JSON_TRACES.summaryName() + ": " + jsonRefusal(head, first, second) + "; "
                + DumpFormat.FOLDED.summaryName() + ": " + reason(foldedRefusal) + ")");
    }

    /** What a dump's content is expected to be when no format reads it: a file of no dump format at all. */
    public static final String ANY_FORMAT = "a tracemalloc pickle, JSON traces or folded stacks";

    /** Null when the complete lines of the head are folded stacks. */
    private static DumpFormatException foldedTrial(byte[] head, boolean whole) throws IOException {
        int end = whole ? head.length : lastLineBreak(head) + 1;
        try {
            new FoldedStacksReader().read(new ByteArrayInputStream(head, 0, end), "", new Interner(), DISCARD);
            return null;
        } catch (DumpFormatException refused) {
            return withByteOffset(refused, head);
        }
    }

    /** Null when the pickle reader reads the whole head, or refuses it only for ending early. */
    private DumpFormatException pickleTrial(byte[] head, boolean whole) throws IOException {
        try {
            new TracemallocPickleReader(fileNameEncoding).read(new ByteArrayInputStream(head), "", new Interner(),
                    DISCARD);
            return null;
        } catch (DumpFormatException refused) {
            boolean cutByTheTrial = !whole && refused.found().equals(TracemallocPickleReader.TRUNCATED);
            return cutByTheTrial ? null : refused;
        }
    }

    private static String reason(DumpFormatException refused) {
        return "at " + refused.position() + ": expected " + refused.expected() + ", found " + refused.found();
    }

    private static String jsonRefusal(byte[] head, int first, int second) {
        if (first < 0) {
            return "at byte " + head.length + ": expected '[' or '{', found only whitespace";
        }
        if (head[first] != '[') {
            return "at byte " + first + ": expected '[' or '{', found " + describeByte(head[first]);
        }
        return "at byte " + second + ": expected '[' or ']' after the first '[', found " + describeByte(head[second]);
    }

    private static String describeByte(byte b) {
        int value = b & 0xff;
        return value >= 0x20 && value < 0x7f ? String.format("'%c'", (char) value) : String.format("the byte 0x%02X", value);
    }

    /** The folded reader counts lines; the sniffed bytes give the offset where the refused line starts. */
    private static DumpFormatException withByteOffset(DumpFormatException refused, byte[] head) {
        String position = refused.position();
        if (!position.startsWith("line ")) {
            return refused;
        }
        int digits = 5;
        while (digits < position.length() && Character.isDigit(position.charAt(digits))) {
            digits++;
        }
        long line = Long.parseLong(position.substring(5, digits));
        int offset = 0;
        for (long started = 1; started < line && offset < head.length; offset++) {
            if (head[offset] == '\n' || head[offset] == '\r' && (offset + 1 == head.length || head[offset + 1] != '\n')) {
                started++;
            }
        }
        return new DumpFormatException(refused.source(), position + " (byte " + offset + ")", refused.expected(),
                refused.found());
    }

    private static int firstControlByte(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xff) < 0x20 && bytes[i] != '\t') {
                return i;
            }
        }
        return -1;
    }

    private static int lastLineBreak(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static int firstNonWhitespace(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && (b & 0xff) != 0xef && (b & 0xff) != 0xbb
                    && (b & 0xff) != 0xbf) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(InputStream in, int first, int second) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == first && b == second;
    }

    /** A gzip stream that ends early, is corrupt, or expands beyond the allowed size. */
    private static final class CorruptGzipException extends IOException {
        final long decompressedBytes;

        CorruptGzipException(String message, long decompressedBytes) {
            super(message);
            this.decompressedBytes = decompressedBytes;
        }
    }

    /**
     * Decompresses gzip member by member with its own header and trailer checks rather than
     * {@link java.util.zip.GZIPInputStream}, which silently stops at a damaged or cut second member and ignores
     * trailing bytes, so that a half-copied multi-member file would lose traces without a word. Here every member
     * must be complete with a matching CRC-32 and length, the data may only end between members, and the total
     * output is capped.
     */
    static final class GuardedGzipStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private final byte[] input = new byte[1 << 16];
        private int inputPosition;
        private int inputLimit;
        private final Inflater inflater = new Inflater(true);
        private final CRC32 crc = new CRC32();
        private long count;
        private long memberBytes;
        private int member;
        private boolean betweenMembers;
        private boolean end;

        GuardedGzipStream(InputStream compressed, long limit) throws IOException {
            this.in = compressed;
            this.limit = limit;
            header();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (true) {
                if (end) {
                    return -1;
                }
                if (betweenMembers) {
                    int next = raw();
                    if (next < 0) {
                        end = true;
                        return -1;
                    }
                    inputPosition--;
                    header();
                    continue;
                }
                int n;
                try {
                    n = inflater.inflate(buffer, offset, length);
                } catch (DataFormatException e) {
                    throw corrupt("invalid deflate data in member " + member + ": " + e.getMessage());
                }
                if (n > 0) {
                    crc.update(buffer, offset, n);
                    memberBytes += n;
                    count += n;
                    if (count > limit) {
                        throw new CorruptGzipException("content expanding beyond the limit of " + limit
                                + " bytes (maxDecompressedBytes)", count);
                    }
                    return n;
                }
                if (inflater.finished()) {
                    inputPosition = inputLimit - inflater.getRemaining();
                    trailer();
                } else if (inflater.needsDictionary()) {
                    throw corrupt("member " + member + " asks for a preset dictionary, which gzip never uses");
                } else if (inflater.needsInput()) {
                    if (inputPosition == inputLimit && !fill()) {
                        throw truncated();
                    }
                    inflater.setInput(input, inputPosition, inputLimit - inputPosition);
                    inputPosition = inputLimit;
                }
            }
        }

        private void header() throws IOException {
            member++;
            int id1 = raw();
            int id2 = raw();
            if (id1 < 0 || id1 == 0x1f && id2 < 0) {
                throw truncated();
            }
            if (id1 != 0x1f || id2 != 0x8b) {
                throw member == 1 ? corrupt("not in gzip format")
                        : corrupt("bytes after gzip member " + (member - 1) + " that do not start another member"
                        + " (trailing data: the file is damaged or more than one gzip file)");
            }
            int method = required();
            if (method != 8) {
                throw corrupt("unsupported compression method " + method + " in member " + member);
            }
            int flags = required();
            if ((flags & 0xE0) != 0) {
                throw corrupt("reserved header flags set in member " + member);
            }
            for (int i = 0; i < 6; i++) {
                required();
            }
            if ((flags & 4) != 0) {
                int extra = required() | (required() << 8);
                for (int i = 0; i < extra; i++) {
                    required();
                }
            }
            for (int field : new int[] {8, 16}) {
                if ((flags & field) != 0) {
                    while (required() != 0) {
                        // skip the zero-terminated file name or comment
                    }
                }
            }
            if ((flags & 2) != 0) {
                required();
                required();
            }
            inflater.reset();
            crc.reset();
            memberBytes = 0;
            betweenMembers = false;
        }

        private void trailer() throws IOException {
            long expectedCrc = 0;
            for (int i = 0; i < 4; i++) {
                expectedCrc |= (long) required() << (8 * i);
            }
            long expectedSize = 0;
            for (int i = 0; i < 4; i++) {
                expectedSize |= (long) required() << (8 * i);
            }
            if (expectedCrc != crc.getValue()) {
                throw corrupt(String.format("CRC-32 mismatch in member %d: the trailer says %08x, the data gives "
                        + "%08x; the data is damaged", member, expectedCrc, crc.getValue()));
            }
            if (expectedSize != (memberBytes & 0xffff_ffffL)) {
                throw corrupt("length mismatch in member " + member + ": the trailer says " + expectedSize
                        + " bytes (mod 2^32), the data gives " + memberBytes);
            }
            betweenMembers = true;
        }

        /** The next compressed byte, or -1 at the end of the file. */
        private int raw() throws IOException {
            if (inputPosition == inputLimit && !fill()) {
                return -1;
            }
            return input[inputPosition++] & 0xff;
        }

        private int required() throws IOException {
            int b = raw();
            if (b < 0) {
                throw truncated();
            }
            return b;
        }

        private boolean fill() throws IOException {
            while (true) {
                int n = in.read(input, 0, input.length);
                if (n < 0) {
                    return false;
                }
                if (n > 0) {
                    inputPosition = 0;
                    inputLimit = n;
                    return true;
                }
            }
        }

        private CorruptGzipException truncated() {
            return new CorruptGzipException("a gzip stream cut short " + (member > 1 ? "in member " + member + " " : "")
                    + "(the file is truncated)", count);
        }

        private CorruptGzipException corrupt(String detail) {
            return new CorruptGzipException("a corrupt gzip stream (" + detail + ")", count);
        }

        @Override
        public void close() throws IOException {
            inflater.end();
            in.close();
        }
    }
}
