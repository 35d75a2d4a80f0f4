package io.github.memflame.format;

/** Text made writable in UTF-8: names read from dumps may hold lone surrogates, which no UTF encoding can carry. */
public final class LoneSurrogates {
    private static final char REPLACEMENT = '\uFFFD';

    private LoneSurrogates() {
    }

    /** The text with lone surrogates (which no UTF encoding can carry) replaced by U+FFFD, all else kept. */
    public static String replace(String text) {
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
}
