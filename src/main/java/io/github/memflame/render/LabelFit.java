package io.github.memflame.render;

/**
 * Which part of a frame's text fits its width. The flame graph's script does the same after a zoom
 * ({@code fit} in {@code flamegraph.js}); {@code FormattingParityTest} runs both on the same inputs.
 */
final class LabelFit {
    /** The text width of one character as a share of the font size, as {@code flamegraph.pl} estimates it. */
    static final double CHAR_WIDTH = 0.59;
    /** Pixels of a frame's width that hold no text: the label starts 3 pixels in and keeps 3 free at the end. */
    private static final double PADDING = 6;
    /** Fewer characters than this are not drawn: a frame that narrow shows no label at all. */
    private static final int MIN_CHARS = 3;

    private LabelFit() {
    }

    /** True when a frame {@code width} pixels wide shows any text. */
    static boolean showsText(double width, double charWidth) {
        return Math.floor((width - PADDING) / charWidth) >= MIN_CHARS;
    }

    /**
     * The text that fits a frame {@code width} pixels wide: whole when it fits, else cut with {@code ..} at the
     * end (or, with {@code keepEnd}, at the start, so a long {@code path:line} keeps its file and line), and
     * empty when fewer than three characters fit. Characters of East Asian scripts count twice.
     */
    static String fit(String text, double width, double charWidth, boolean keepEnd) {
        int available = (int) Math.floor((width - PADDING) / charWidth);
        if (available < MIN_CHARS) {
            return "";
        }
        int total = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            total += units(cp);
            i += Character.charCount(cp);
        }
        if (total <= available) {
            return text;
        }
        int budget = available - 2;
        int used = 0;
        if (keepEnd) {
            int start = text.length();
            while (start > 0) {
                int cp = text.codePointBefore(start);
                if (used + units(cp) > budget) {
                    break;
                }
                used += units(cp);
                start -= Character.charCount(cp);
            }
            return ".." + text.substring(start);
        }
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            if (used + units(cp) > budget) {
                break;
            }
            used += units(cp);
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + "..";
    }

    /** How many character widths a code point takes: two for East Asian wide characters, else one. */
    static int units(int cp) {
        boolean wide = cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf)
                || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f)
                || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)
                || (cp >= 0x20000 && cp <= 0x3fffd));
        return wide ? 2 : 1;
    }
}
