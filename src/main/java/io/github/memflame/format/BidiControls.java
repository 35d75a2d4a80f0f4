package io.github.memflame.format;

import java.util.Locale;

/**
 * The explicit bidirectional formatting characters: embeddings and overrides (U+202A to U+202E) and isolates
 * (U+2066 to U+2069). In a file or frame name they reorder what a reader sees (U+202E before {@code yp.png}
 * shows {@code gnp.py}: "Trojan Source"), so every report and log line shows each as its escape, a backslash,
 * {@code u} and four hexadecimal digits as JSON writes it, instead of obeying it.
 */
public final class BidiControls {
    private BidiControls() {
    }

    /** Whether {@code c} is one of them. */
    public static boolean is(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /** Backslash, {@code u}, {@code 202E} for U+202E. */
    public static String escape(int c) {
        return String.format(Locale.ROOT, "\\u%04X", c);
    }

    /** The text with each of them replaced by its {@link #escape}; the text itself when it has none. */
    public static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (is(c) && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (is(c)) {
                    out.append(escape(c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
