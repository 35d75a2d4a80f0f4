package io.github.memflame.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Escaping and number formatting shared by the SVG and HTML reports. Every piece of text that came from a dump
 * (file names, snapshot names) or from configuration passes through {@link #escape} before it is written.
 */
final class Markup {
    /** What stands in for a character that XML cannot carry: a lone surrogate or a control character. */
    static final char REPLACEMENT = '\uFFFD';

    private Markup() {
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

    /** The text with lone surrogates (which no UTF encoding can carry) replaced by U+FFFD, all else kept. */
    static String replaceLoneSurrogates(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean lone = !pair && Character.isSurrogate(c);
            if (lone && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(lone ? REPLACEMENT : c);
                if (pair) {
                    out.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Appends the text escaped for XML and HTML, in element content and in quoted attribute values alike:
     * {@code & < > " '} become references, tab, line feed and carriage return become character references (so
     * attribute values keep them), and characters XML cannot carry become U+FFFD.
     */
    static StringBuilder escape(String text, StringBuilder out) {
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
                default -> out.append(c);
            }
        }
        return out;
    }

    static String escape(String text) {
        return escape(text, new StringBuilder(text.length() + 16)).toString();
    }

    /** The text on one line: line breaks and tabs become spaces (for the first line of a tooltip). */
    static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    /** {@code 1,234,567}: digits grouped by three with commas, whatever the default locale. */
    static String grouped(long value) {
        String digits = Long.toString(value);
        int start = value < 0 ? 1 : 0;
        int count = digits.length() - start;
        if (count <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + count / 3);
        out.append(digits, 0, start);
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** {@code 12.34%}: the unsigned share of {@code part} in {@code whole} with the given decimals. */
    static String percent(long part, long whole, int decimals) {
        if (whole == 0) {
            return part == 0 ? BigDecimal.ZERO.setScale(decimals).toPlainString() + "%" : "n/a";
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), decimals, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** A coordinate with at most four decimals and no trailing zeros: {@code 12.5}, {@code 1180}. */
    static void coordinate(double value, StringBuilder out) {
        long scaled = Math.round(value * 10_000);
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        out.append(scaled / 10_000);
        long fraction = scaled % 10_000;
        if (fraction != 0) {
            out.append('.');
            String digits = Long.toString(fraction + 10_000).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append(digits, 0, end);
        }
    }
}
