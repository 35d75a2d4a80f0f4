package io.github.memflame.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads folded stacks, the format of Brendan Gregg's FlameGraph: one line per stack, {@code frame;frame;frame COUNT},
 * root first, the count in bytes. A frame written {@code path:line} is split into path and line; any other frame
 * is taken as a path with an unknown line, so memory from any collector can be folded and budgeted.
 */
public final class FoldedStacksReader implements SnapshotReader {
    private static final int MAX_LINE_CHARS = 1 << 20;

    @Override
    public DumpFormat format() {
        return DumpFormat.FOLDED;
    }

    @Override
    public void read(InputStream in, String source, Interner interner, TraceSink sink)
            throws IOException, DumpFormatException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
        long lineNumber = 0;
        String line;
        while (true) {
            try {
                line = reader.readLine();
            } catch (CharacterCodingException e) {
                throw new DumpFormatException(source, "line " + (lineNumber + 1), "UTF-8 text", "invalid UTF-8 bytes");
            }
            if (line == null) {
                return;
            }
            lineNumber++;
            if (line.length() > MAX_LINE_CHARS) {
                throw new DumpFormatException(source, "line " + lineNumber,
                        "a line of at most " + MAX_LINE_CHARS + " characters", line.length() + " characters");
            }
            if (!line.isBlank()) {
                stack(line.strip(), source, lineNumber, interner, sink);
            }
        }
    }

    private static void stack(String line, String source, long lineNumber, Interner interner, TraceSink sink)
            throws DumpFormatException {
        int space = line.lastIndexOf(' ');
        String count = line.substring(space + 1);
        if (space < 0 || !isDigits(count)) {
            throw new DumpFormatException(source, "line " + lineNumber + ", column " + (space + 2),
                    "'frame;frame;frame COUNT' with COUNT a whole number of bytes", "'" + abbreviate(count) + "'");
        }
        long bytes;
        try {
            bytes = Long.parseLong(count);
        } catch (NumberFormatException tooLarge) {
            throw new DumpFormatException(source, "line " + lineNumber + ", column " + (space + 2),
                    "a count of at most " + Long.MAX_VALUE + " bytes", count);
        }
        String[] labels = line.substring(0, space).strip().split(";", -1);
        Frame[] mostRecentFirst = new Frame[labels.length == 1 && labels[0].isEmpty() ? 0 : labels.length];
        for (int i = 0; i < mostRecentFirst.length; i++) {
            mostRecentFirst[mostRecentFirst.length - 1 - i] = frame(labels[i], interner);
        }
        try {
            sink.trace(bytes, interner.traceback(mostRecentFirst));
        } catch (ArithmeticException overflow) {
            throw new DumpFormatException(source, "line " + lineNumber,
                    "a snapshot total of at most " + Long.MAX_VALUE + " bytes", "a total above it");
        }
    }

    private static Frame frame(String label, Interner interner) {
        int colon = label.lastIndexOf(':');
        if (colon > 0 && colon < label.length() - 1 && isDigits(label.substring(colon + 1))
                && label.length() - colon - 1 <= 9) {
            return interner.frame(label.substring(0, colon), Integer.parseInt(label.substring(colon + 1)));
        }
        return interner.frame(label, 0);
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
