package io.github.memflame.read.pickle;

import io.github.memflame.read.DumpFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes of a pickle, read through one private buffer and counted, so that every error can name its byte
 * offset. A length read from the data never allocates up front: long runs are collected chunk by chunk, so a
 * claimed length larger than the data ends in {@link Truncated}, not in a large allocation.
 */
final class PickleInput {
    private static final int BUFFER_SIZE = 1 << 16;

    /** The data ended inside an opcode; carries no stack trace, the reader turns it into a DumpFormatException. */
    static final class Truncated extends Exception {
        private static final long serialVersionUID = 1L;

        Truncated() {
            super(null, null, false, false);
        }
    }

    private final InputStream in;
    private final String source;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    /** Offset in the data of {@code buffer[0]}. */
    private long base;
    private boolean eof;

    PickleInput(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Offset in the data of the next byte to read. */
    long offset() {
        return base + position;
    }

    /** The next byte, or -1 at the end of the data. */
    int next() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /**
     * Whether at least {@code count} bytes (at most the buffer's size) are buffered, reading more while keeping
     * those not yet consumed; false only near the end of the data. The reader's fast paths look at whole opcodes
     * in the buffer, so that the end of the buffer does not cut them.
     */
    boolean ensureBuffered(int count) throws IOException {
        return limit - position >= count || refillKeeping(count);
    }

    private boolean refillKeeping(int count) throws IOException {
        if (eof) {
            return false;
        }
        int kept = limit - position;
        System.arraycopy(buffer, position, buffer, 0, kept);
        base += position;
        position = 0;
        limit = kept;
        while (limit < count) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                eof = true;
                return false;
            }
            limit += read;
        }
        return true;
    }

    /** The buffered byte {@code ahead} bytes after the next one (0: the next one), not consumed. */
    int peekAt(int ahead) {
        return buffer[position + ahead] & 0xff;
    }

    /** {@code count} (1 to 8) buffered bytes from {@code ahead} as a little-endian number, not consumed. */
    long peekLittleEndian(int ahead, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value |= (long) (buffer[position + ahead + i] & 0xff) << (8 * i);
        }
        return value;
    }

    /** Consumes {@code count} buffered bytes. */
    void skip(int count) {
        position += count;
    }

    /** The next byte without consuming it, or -1 at the end of the data. */
    int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xff;
    }

    int readByte() throws IOException, Truncated {
        if (position == limit && !fill()) {
            throw new Truncated();
        }
        return buffer[position++] & 0xff;
    }

    /** {@code count} (1 to 8) bytes as an unsigned little-endian number; 8 bytes may come out negative. */
    long readLittleEndian(int count) throws IOException, Truncated {
        long value = 0;
        if (limit - position >= count) {
            for (int i = 0; i < count; i++) {
                value |= (long) (buffer[position + i] & 0xff) << (8 * i);
            }
            position += count;
            return value;
        }
        for (int i = 0; i < count; i++) {
            value |= (long) readByte() << (8 * i);
        }
        return value;
    }

    /** Exactly {@code length} bytes, collected in chunks so that a false length costs no more than the data. */
    byte[] readBytes(int length) throws IOException, Truncated {
        if (limit - position >= length) {
            byte[] bytes = Arrays.copyOfRange(buffer, position, position + length);
            position += length;
            return bytes;
        }
        byte[] bytes = new byte[Math.min(length, BUFFER_SIZE)];
        int filled = 0;
        while (filled < length) {
            if (position == limit && !fill()) {
                throw new Truncated();
            }
            if (filled == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(length, 2L * bytes.length));
            }
            int chunk = Math.min(limit - position, bytes.length - filled);
            System.arraycopy(buffer, position, bytes, filled, chunk);
            position += chunk;
            filled += chunk;
        }
        return bytes;
    }

    /**
     * Bytes up to the next newline, which is consumed but not returned (the text opcodes of protocols 0–2).
     *
     * @return null when no newline comes within {@code maxLength} bytes
     */
    byte[] readLine(int maxLength) throws IOException, Truncated {
        byte[] line = new byte[16];
        int length = 0;
        while (true) {
            int b = readByte();
            if (b == '\n') {
                return Arrays.copyOf(line, length);
            }
            if (length == maxLength) {
                return null;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(maxLength, 2 * length));
            }
            line[length++] = (byte) b;
        }
    }

    /**
     * Reads {@code length} bytes of UTF-8 as CPython writes it with {@code 'surrogatepass'}: a lone surrogate
     * (e.g. {@code ED B3 BF}) becomes the lone Java char, anything else that is not UTF-8 is refused.
     */
    String readUtf8(int length) throws IOException, Truncated, DumpFormatException {
        long start = offset();
        if (limit - position >= length) {
            String text = decodeUtf8(buffer, position, length, start);
            position += length;
            return text;
        }
        return decodeUtf8(readBytes(length), 0, length, start);
    }

    private String decodeUtf8(byte[] bytes, int from, int length, long startOffset) throws DumpFormatException {
        char[] chars = new char[length];
        int count = 0;
        int i = from;
        int end = from + length;
        while (i < end) {
            int b0 = bytes[i];
            if (b0 >= 0) {
                chars[count++] = (char) b0;
                i++;
                continue;
            }
            b0 &= 0xff;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                int b1 = continuation(bytes, i, 1, end, 0x80, 0xBF, startOffset - from);
                chars[count++] = (char) (((b0 & 0x1F) << 6) | (b1 & 0x3F));
                i += 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                // E0 needs A0.. to not be overlong; ED A0..BF (surrogates) is allowed: that is 'surrogatepass'.
                int b1 = continuation(bytes, i, 1, end, b0 == 0xE0 ? 0xA0 : 0x80, 0xBF, startOffset - from);
                int b2 = continuation(bytes, i, 2, end, 0x80, 0xBF, startOffset - from);
                chars[count++] = (char) (((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
                i += 3;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                int b1 = continuation(bytes, i, 1, end, b0 == 0xF0 ? 0x90 : 0x80, b0 == 0xF4 ? 0x8F : 0xBF,
                        startOffset - from);
                int b2 = continuation(bytes, i, 2, end, 0x80, 0xBF, startOffset - from);
                int b3 = continuation(bytes, i, 3, end, 0x80, 0xBF, startOffset - from);
                int codePoint = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
                chars[count++] = Character.highSurrogate(codePoint);
                chars[count++] = Character.lowSurrogate(codePoint);
                i += 4;
            } else {
                throw invalidUtf8(startOffset - from + i, b0);
            }
        }
        return new String(chars, 0, count);
    }

    private int continuation(byte[] bytes, int lead, int index, int end, int min, int max, long offsetOfIndexZero)
            throws DumpFormatException {
        int at = lead + index;
        if (at >= end) {
            throw new DumpFormatException(source, "byte " + (offsetOfIndexZero + at),
                    "the rest of a UTF-8 sequence", "the end of the string");
        }
        int b = bytes[at] & 0xff;
        if (b < min || b > max) {
            throw invalidUtf8(offsetOfIndexZero + at, b);
        }
        return b;
    }

    private DumpFormatException invalidUtf8(long offset, int b) {
        return new DumpFormatException(source, "byte " + offset, "UTF-8 text (lone surrogates allowed)",
                String.format("the byte 0x%02X", b));
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        base += limit;
        position = 0;
        limit = 0;
        while (true) {
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                eof = true;
                return false;
            }
            if (read > 0) {
                limit = read;
                return true;
            }
        }
    }
}
