package io.github.memflame.check;

import io.github.memflame.format.BidiControls;

/**
 * Lines for a CI log. File and snapshot names come from dumps, which may hold any character: a line break
 * would let a name forge a log line of its own ({@code [ERROR] ...}), a terminal escape would recolor or erase
 * what follows. Both become U+FFFD; a bidirectional override shows as an escape; everything else, markup included,
 * is plain text in a log and stays.
 */
public final class LogText {
    private LogText() {
    }

    /**
     * The line with control characters (but tab), line and paragraph separators replaced by U+FFFD, and
     * bidirectional formatting characters, which would reorder what follows them, shown as escapes
     * ({@link BidiControls}).
     */
    public static String printable(String line) {
        StringBuilder out = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            boolean bidi = BidiControls.is(c);
            if ((control || bidi) && out == null) {
                out = new StringBuilder(line.length() + 8).append(line, 0, i);
            }
            if (out != null) {
                if (bidi) {
                    out.append(BidiControls.escape(c));
                } else {
                    out.append(control ? '\uFFFD' : c);
                }
            }
        }
        return out == null ? line : out.toString();
    }

    /** A listener that passes on every line made {@link #printable}. */
    static CheckListener printable(CheckListener listener) {
        return new CheckListener() {
            @Override
            public void info(String line) {
                listener.info(printable(line));
            }

            @Override
            public void warning(String line) {
                listener.warning(printable(line));
            }

            @Override
            public void error(String line) {
                listener.error(printable(line));
            }
        };
    }
}
