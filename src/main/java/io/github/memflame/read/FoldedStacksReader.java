package io.github.memflame.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads folded stacks, the format of Brendan Gregg's FlameGraph: one line per stack, {@code frame;frame;frame COUNT},
 * root first, the count in bytes. A frame written {@code path:line} is split into path and line; any other frame
 * is taken as a path with an unknown line, so memory from any collector can be folded and budgeted.
 */
public final class FoldedStacksReader implements SnapshotReader {
    /** Longest line accepted, in chars; a longer one is refused before more of it is held in memory. */
    static final int MAX_LINE_CHARS = 1 << 20;

    @Override
    public DumpFormat format() {
        return DumpFormat.FOLDED;
    }

    @Override
    public void read(InputStream in, String source, Interner interner, TraceSink sink)
            throws IOException, DumpFormatException {
        LineReader reader = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
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
            if (line == LineReader.TOO_LONG) {
                throw new DumpFormatException(source, "line " + lineNumber,
                        "a line of at most " + MAX_LINE_CHARS + " characters",
                        "a longer line (no line break within " + MAX_LINE_CHARS + " characters)");
            }
            if (!line.isBlank()) {
                stack(line.strip(), source, lineNumber, interner, sink);
            }
        }
    }

    /**
     * Reads lines as {@link java.io.BufferedReader#readLine} does ({@code \n}, {@code \r\n} or {@code \r} end a
     * line), but never holds more than {@link #MAX_LINE_CHARS} characters of one: a line that goes on longer is
     * reported as soon as its limit is passed, so gigabytes without a line break cannot exhaust the heap.
     */
    private static final class LineReader {
        /** Returned, by identity, for a line longer than the limit. */
        static final String TOO_LONG = new String("<too long>");

        private final Reader in;
        private final char[] buffer = new char[8192];
        private int position;
        private int limit;
        private boolean skipLineFeed;
        private final StringBuilder line = new StringBuilder();

        LineReader(Reader in) {
            this.in = in;
        }

        String readLine() throws IOException {
            line.setLength(0);
            boolean any = false;
            while (true) {
                if (position == limit) {
                    int read = in.read(buffer, 0, buffer.length);
                    if (read < 0) {
                        return any ? line.toString() : null;
                    }
                    position = 0;
                    limit = read;
                    continue;
                }
                char c = buffer[position++];
                if (skipLineFeed) {
                    skipLineFeed = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                any = true;
                if (c == '\n') {
                    return line.toString();
                }
                if (c == '\r') {
                    skipLineFeed = true;
                    return line.toString();
                }
                if (line.length() == MAX_LINE_CHARS) {
                    return TOO_LONG;
                }
                line.append(c);
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
