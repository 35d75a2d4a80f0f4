package io.github.memflame.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.UnsupportedCharsetException;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the function-name scanner, from a source file's bytes as
 * {@link FunctionNameResolver} reads them: decoding may refuse the bytes, scanning may refuse the text with a
 * {@link SourceScanException} that says why; nothing else may escape, and a scan that succeeds counts the lines
 * as Python does and names every one. Seeds in {@code QualnameScannerFuzzTestInputs/source} (Python files of the
 * oracle corpus and the hostile sources of {@code malicious/sources});
 * {@code mvn -Pfuzz test -Dtest=QualnameScannerFuzzTest} fuzzes.
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
