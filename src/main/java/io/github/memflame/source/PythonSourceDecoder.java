package io.github.memflame.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes Python source bytes as the interpreter does: a UTF-8 byte order mark, else a PEP 263 coding cookie on
 * line 1, or on line 2 when line 1 is a comment or blank ({@code # -*- coding: gbk -*-}), else UTF-8.
 */
public final class PythonSourceDecoder {
    private static final Pattern COOKIE = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
    private static final Pattern COMMENT_OR_BLANK = Pattern.compile("^[ \\t\\f]*(?:#.*)?$");

    private PythonSourceDecoder() {
    }

    /**
     * The text, as a buffer rather than a copy in a {@code String}: a source file is scanned once, and an untrusted
     * one may be large.
     *
     * @throws CharacterCodingException when the bytes are not valid in the declared encoding: Python would not
     *                                  have compiled the file, so it cannot be what ran
     * @throws UnsupportedCharsetException when the cookie names an encoding Java does not know
     */
    public static CharSequence decode(byte[] source) throws CharacterCodingException {
        boolean bom = source.length >= 3 && (source[0] & 0xFF) == 0xEF && (source[1] & 0xFF) == 0xBB
                && (source[2] & 0xFF) == 0xBF;
        int offset = bom ? 3 : 0;
        Charset charset = bom ? StandardCharsets.UTF_8 : declaredCharset(source);
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(source, offset, source.length - offset))
                .asReadOnlyBuffer();
    }

    private static Charset declaredCharset(byte[] source) {
        int lineStart = 0;
        for (int lineNumber = 1; lineNumber <= 2 && lineStart < source.length; lineNumber++) {
            int lineEnd = lineStart;
            while (lineEnd < source.length && source[lineEnd] != '\n' && source[lineEnd] != '\r') {
                lineEnd++;
            }
            // Cookies are ASCII; each byte read as one char (as ISO-8859-1 does) keeps positions put. A view, not a
            // copy: the first line of an untrusted file may be all of its 64 MB.
            CharSequence line = new ByteChars(source, lineStart, lineEnd);
            Matcher cookie = COOKIE.matcher(line);
            if (cookie.find()) {
                return charsetFor(cookie.group(1));
            }
            if (!COMMENT_OR_BLANK.matcher(line).matches()) {
                break;
            }
            lineStart = lineEnd + (lineEnd + 1 < source.length && source[lineEnd] == '\r'
                    && source[lineEnd + 1] == '\n' ? 2 : 1);
        }
        return StandardCharsets.UTF_8;
    }

    /** Python's encoding name as a Java charset, with the spellings Python accepts and Java does not. */
    static Charset charsetFor(String pythonName) {
        String name = pythonName.toLowerCase(Locale.ROOT).replace('_', '-');
        if (name.equals("utf-8") || name.startsWith("utf-8-") || name.equals("utf8")) {
            return StandardCharsets.UTF_8;
        }
        if (name.matches("(?:latin-1|iso-8859-1|iso-latin-1)(?:-.*)?")) {
            return StandardCharsets.ISO_8859_1;
        }
        // Java's GB2312 is EUC-CN; GBK decodes every GB2312 file the same way, and Python's cp936 is GBK.
        if (name.equals("gb2312") || name.equals("cp936") || name.equals("936")) {
            return Charset.forName("GBK");
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException e) {
            throw new UnsupportedCharsetException(pythonName);
        }
    }

    /** Bytes as characters U+0000 to U+00FF, without copying them. */
    private record ByteChars(byte[] bytes, int start, int end) implements CharSequence {
        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[start + index] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new ByteChars(bytes, start + from, start + to);
        }

        @Override
        public String toString() {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }
}
