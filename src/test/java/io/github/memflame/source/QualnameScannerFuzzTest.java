package io.github.memflame.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.UnsupportedCharsetException;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the function-name scanner, from a source file's bytes as
 * {@link FunctionNameResolver} reads them: decoding may refuse the bytes, scanning may refuse the text with a
 * {@link SourceScanException} that says why; nothing else may escape, and a scan that succeeds counts the lines
 * as Python does and names every one. Seeds in {@code QualnameScannerFuzzTestInputs/source} and {@code .../text}
 * (Python files of the oracle corpus and the hostile sources of {@code malicious/sources});
 * {@code mvn -Pfuzz test -Dtest='QualnameScannerFuzzTest#source'} (or {@code #text}) fuzzes.
 */
class QualnameScannerFuzzTest {

    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void source(byte[] data) {
        CharSequence text;
        try {
            text = PythonSourceDecoder.decode(data);
        } catch (CharacterCodingException | UnsupportedCharsetException refused) {
            return;
        }
        scan(text);
    }

    /** Scans; only a refusal with a reason may escape, and a scan that succeeds names every line. */
    private static void scan(CharSequence text) {
        EnclosingNames names;
        try {
            names = QualnameScanner.scan(text);
        } catch (SourceScanException refused) {
            if (!refused.getMessage().matches("(a NUL character on line \\d+|more than \\d+ .*|a name of more than "
                    + "\\d+ characters|qualified names of more than \\d+ characters in all).*")) {
                throw new AssertionError("unclear reason: " + refused.getMessage(), refused);
            }
            return;
        }
        if (names.lineCount() != lines(text)) {
            throw new AssertionError(names.lineCount() + " lines, Python counts " + lines(text));
        }
        for (int line = 1; line <= names.lineCount(); line++) {
            String name = names.at(line);
            if (name == null || name.isEmpty()) {
                throw new AssertionError("no name for line " + line);
            }
        }
    }

    /**
     * Characters the scanner tells apart, for {@link #text}: Java's spaces that are not whitespace (U+00A0, U+2007,
     * U+202F), its other spaces, line and paragraph separators, format and bidirectional characters, letters and
     * digits beyond ASCII, marks, characters NFKC expands, surrogates alone and in pairs, non-characters.
     */
    private static final char[] BEYOND_ASCII = ("\u00a0\u2007\u202f\u1680\u2000\u2001\u200a\u205f\u3000\u2028"
            + "\u2029\u0085\u000b\u000c\u200b\u200c\u200d\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067"
            + "\u2068\u2069\u00e9\u00c9\u0391\u03b1\u0416\u4e2d\u6587\u3042\u0661\u0966\uff11\u0301\u0308"
            + "\ufdfa\u2160\ufb01\u00b5\u017f\u212a\ud83d\ude00\ud800\udc00\ue000\ufffe\uffff\ufffd\u00b7"
            + "\u2118\u212e\u309b\u00aa\u02b0\u1885\u0e33\u00ad\u180e\u061c\u200e\u200f").toCharArray();

    /**
     * The scanner on text that need not be valid in any encoding: each byte below 0x80 is that character, each
     * byte from 0x80 one of {@link #BEYOND_ASCII}, so that mutations reach the characters the scanner tells apart
     * as often as ASCII ones.
     */
    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void text(byte[] data) {
        StringBuilder text = new StringBuilder(data.length);
        for (byte b : data) {
            text.append(b >= 0 ? (char) b : BEYOND_ASCII[(b & 0x7F) % BEYOND_ASCII.length]);
        }
        scan(text);
    }

    /** The lines of a text as Python counts them: each {@code \r\n}, {@code \r} or {@code \n} ends one. */
    private static int lines(CharSequence text) {
        int lines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                lines++;
            }
        }
        char last = text.length() == 0 ? '\n' : text.charAt(text.length() - 1);
        return last == '\n' || last == '\r' ? lines : lines + 1;
    }
}
