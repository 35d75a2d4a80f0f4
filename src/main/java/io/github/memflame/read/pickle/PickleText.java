package io.github.memflame.read.pickle;

import java.io.ByteArrayOutputStream;

/**
 * Decodes the arguments of the text opcodes of pickle protocol 0 exactly as CPython's unpickler does: STRING (a
 * quoted Python 2 {@code str} literal, {@code codecs.escape_decode}) and UNICODE ({@code raw-unicode-escape}).
 */
final class PickleText {

    /** A text argument CPython's unpickler would refuse; the message says what was found. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String found) {
            super(found, null, false, false);
        }
    }

    private PickleText() {
    }

    /** The bytes of a quoted literal such as {@code 'a\\\\b.py'} or {@code "it's.py"}, as Python 2's repr writes it. */
    static byte[] stringLiteral(byte[] line) throws Invalid {
        int length = line.length;
        if (length < 2 || line[0] != line[length - 1] || (line[0] != '\'' && line[0] != '"')) {
            throw new Invalid("an argument that is not quoted");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        int end = length - 1;
        int i = 1;
        while (i < end) {
            int c = line[i++] & 0xff;
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (i == end) {
                throw new Invalid("a trailing backslash");
            }
            int escape = line[i++] & 0xff;
            switch (escape) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.write(escape);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 'v' -> out.write(0x0b);
                case 'a' -> out.write(0x07);
                case 'x' -> {
                    int high = i < end ? hexDigit(line[i]) : -1;
                    int low = i + 1 < end ? hexDigit(line[i + 1]) : -1;
                    if (high < 0 || low < 0) {
                        throw new Invalid("an invalid \\x escape at position " + (i - 3));
                    }
                    out.write(high * 16 + low);
                    i += 2;
                }
                default -> {
                    if (escape >= '0' && escape <= '7') {
                        int value = escape - '0';
                        for (int digits = 1; digits < 3 && i < end && line[i] >= '0' && line[i] <= '7'; digits++) {
                            value = value * 8 + (line[i++] - '0');
                        }
                        out.write(value & 0xff);
                    } else {
                        // An unknown escape stays as it is, backslash included.
                        out.write('\\');
                        i--;
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * Text in {@code raw-unicode-escape}: every byte is the code point of the same value, except {@code \\uXXXX}
     * and {@code \\UXXXXXXXX} after an odd number of backslashes. Lone surrogates pass, as in CPython.
     */
    static String rawUnicodeEscape(byte[] line) throws Invalid {
        StringBuilder out = new StringBuilder(line.length);
        int i = 0;
        while (i < line.length) {
            int c = line[i] & 0xff;
            if (c != '\\') {
                out.append((char) c);
                i++;
                continue;
            }
            int backslashes = 0;
            while (i < line.length && line[i] == '\\') {
                backslashes++;
                i++;
            }
            boolean escape = (backslashes & 1) == 1 && i < line.length && (line[i] == 'u' || line[i] == 'U');
            out.append("\\".repeat(escape ? backslashes - 1 : backslashes));
            if (!escape) {
                continue;
            }
            int digits = line[i] == 'u' ? 4 : 8;
            int start = i - 1;
            i++;
            long codePoint = 0;
            for (int d = 0; d < digits; d++, i++) {
                int value = i < line.length ? hexDigit(line[i]) : -1;
                if (value < 0) {
                    throw new Invalid("a truncated \\" + (digits == 4 ? "uXXXX" : "UXXXXXXXX")
                            + " escape at position " + start);
                }
                codePoint = codePoint * 16 + value;
            }
            if (codePoint > Character.MAX_CODE_POINT) {
                throw new Invalid("\\U" + Long.toHexString(codePoint) + " (out of range) at position " + start);
            }
            out.appendCodePoint((int) codePoint);
        }
        return out.toString();
    }

    private static int hexDigit(byte b) {
        int c = b & 0xff;
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
