package io.github.memflame.render;

import io.github.memflame.format.BidiControls;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes the SVG and HTML reports, escaping by default: {@link #text} and every attribute value are escaped,
 * whatever they hold; only {@link #constant} writes markup as it is, and it is for the writer's own literal
 * fragments (tags, fixed attributes, the checked {@link Assets}), never for a value computed from a dump, the
 * configuration or a number.
 */
final class Markup {
    /** What stands in for a character that XML cannot carry: a lone surrogate or a control character. */
    static final char REPLACEMENT = '\uFFFD';

    private final StringBuilder out;

    Markup(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** A fragment of the writer's own markup, written as it is. */
    Markup constant(String fragment) {
        out.append(fragment);
        return this;
    }

    /** Text, escaped; {@code null} writes nothing. */
    Markup text(String text) {
        if (text != null) {
            escape(text);
        }
        return this;
    }

    /** A whole number as text. */
    Markup number(long value) {
        out.append(value);
        return this;
    }

    /** {@code  name="value"} with the value escaped ({@code null} as empty). */
    Markup attribute(String name, String value) {
        out.append(' ').append(name).append("=\"");
        text(value);
        out.append('"');
        return this;
    }

    /** {@code  name="42"}. */
    Markup attribute(String name, long value) {
        out.append(' ').append(name).append("=\"").append(value).append('"');
        return this;
    }

    /** {@code  name="12.5"}: a coordinate with at most {@code decimals} decimals and no trailing zeros. */
    Markup coordinate(String name, double value, int decimals) {
        out.append(' ').append(name).append("=\"");
        appendCoordinate(value, decimals);
        out.append('"');
        return this;
    }

    int length() {
        return out.length();
    }

    /** Writes what was built to {@code writer} and starts empty again. */
    void flushTo(Writer writer) throws IOException {
        writer.append(out);
        out.setLength(0);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Appends the text escaped for XML and HTML, in element content and in quoted attribute values alike:
     * {@code & < > " '} become references, tab, line feed and carriage return become character references (so
     * attribute values keep them), characters XML cannot carry become U+FFFD, and bidirectional formatting
     * characters show as escapes ({@link BidiControls}).
     */
    private void escape(String text) {
        String clean = sanitize(text);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (BidiControls.is(c)) {
                        out.append(BidiControls.escape(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** How many UTF-8 bytes {@link #text} writes for {@code text} at most. */
    static long escapedLength(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += switch (c) {
                case '&', '\t', '\n', '\r' -> 5;
                case '<', '>' -> 4;
                case '"', '\'' -> 6;
                default -> BidiControls.is(c) ? 6 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            };
        }
        return length;
    }

    private void appendCoordinate(double value, int decimals) {
        long unit = 1;
        for (int i = 0; i < decimals; i++) {
            unit *= 10;
        }
        long scaled = Math.round(value * unit);
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        out.append(scaled / unit);
        long fraction = scaled % unit;
        if (fraction != 0) {
            out.append('.');
            String digits = Long.toString(fraction + unit).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append(digits, 0, end);
        }
    }

    /**
     * The text with every character that XML 1.0 cannot carry replaced by U+FFFD: lone surrogates (which would
     * otherwise become invalid UTF-8), control characters other than tab, line feed and carriage return, and the
     * non-characters U+FFFE and U+FFFF.
     */
    static String sanitize(String text) {
        StringBuilder out = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok && out == null) {
                out = new StringBuilder(length).append(text, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : REPLACEMENT);
            }
        }
        return out == null ? text : out.toString();
    }

    /** The text on one line: line breaks and tabs become spaces (for the first line of a tooltip). */
    static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }
}
