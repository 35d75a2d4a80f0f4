package io.github.memflame.read;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens one dump file: undoes gzip compression when the content starts with the gzip magic (whatever the file is
 * named), recognizes the format from the first bytes, and hands the content to that format's reader.
 */
public final class DumpLoader {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int PICKLE_PROTO = 0x80;
    private static final int SNIFF_BYTES = 256;

    private final Charset fileNameEncoding;
    private final long maxDecompressedBytes;

    /**
     * @param fileNameEncoding decodes byte-string file names of Python 2 pickles
     * @param maxDecompressedBytes the most a gzip file may expand to, so that a gzip bomb fails instead of
     *                             exhausting disk or memory
     */
    public DumpLoader(Charset fileNameEncoding, long maxDecompressedBytes) {
        this.fileNameEncoding = fileNameEncoding;
        this.maxDecompressedBytes = maxDecompressedBytes;
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

    /** Reads a dump from {@code in}, which the caller closes; the entry point of the fuzz tests. */
    DumpFormat load(InputStream in, String name, TraceSink sink) throws IOException, DumpFormatException {
        InputStream raw = new BufferedInputStream(in, 1 << 16);
        try {
            InputStream content = raw;
            boolean compressed = startsWith(raw, GZIP_MAGIC_1, GZIP_MAGIC_2);
            if (compressed) {
                content = new BufferedInputStream(new GuardedGzipStream(raw, maxDecompressedBytes), 1 << 16);
            }
            SnapshotReader reader = readerFor(content, name);
            reader.read(content, name, new Interner(), sink);
            return reader.format();
        } catch (CorruptGzipException e) {
            throw new DumpFormatException(name, "decompressed byte " + e.decompressedBytes,
                    "a complete gzip stream", e.getMessage());
        }
    }

    private SnapshotReader readerFor(InputStream content, String name) throws IOException, DumpFormatException {
        content.mark(SNIFF_BYTES);
        byte[] head = content.readNBytes(SNIFF_BYTES);
        content.reset();
        if (head.length == 0) {
            throw new DumpFormatException(name, "byte 0", "a tracemalloc pickle, JSON traces or folded stacks",
                    "an empty file");
        }
        if ((head[0] & 0xff) == PICKLE_PROTO) {
            return new TracemallocPickleReader(fileNameEncoding);
        }
        int first = firstNonWhitespace(head, 0);
        if (first >= 0 && head[first] == '{') {
            return new JsonTracesReader();
        }
        if (first >= 0 && head[first] == '[') {
            int second = firstNonWhitespace(head, first + 1);
            // Folded stacks may start with a bracketed frame such as "[unknown];main 12"; JSON traces start
            // with "[[" or are the empty list "[]".
            if (second < 0 || head[second] == '[' || head[second] == ']') {
                return new JsonTracesReader();
            }
        }
        return new FoldedStacksReader();
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

    private static final class GuardedGzipStream extends FilterInputStream {
        private final long limit;
        private long count;

        GuardedGzipStream(InputStream compressed, long limit) throws IOException {
            super(open(compressed));
            this.limit = limit;
        }

        private static InputStream open(InputStream compressed) throws IOException {
            try {
                return new GZIPInputStream(compressed, 1 << 16);
            } catch (IOException e) {
                throw new CorruptGzipException(describe(e), 0);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw new CorruptGzipException(describe(e), count);
            }
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new CorruptGzipException("content expanding beyond the limit of " + limit
                            + " bytes (maxDecompressedBytes)", count);
                }
            }
            return n;
        }

        private static String describe(IOException e) {
            String message = e.getMessage();
            if (message != null && message.contains("Unexpected end of ZLIB input stream")) {
                return "a gzip stream cut short (the file is truncated)";
            }
            return "a corrupt gzip stream (" + (message == null ? e.getClass().getSimpleName() : message) + ")";
        }
    }
}
