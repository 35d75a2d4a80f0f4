package io.github.memflame.fold;

import java.util.regex.Pattern;

/**
 * A glob over normalized {@code /}-separated paths: {@code **} spans any number of components, {@code *} and
 * {@code ?} stay within one component. A glob that matches a directory matches everything below it too.
 */
public final class PathGlob {
    private final String text;
    private final Pattern exact;
    private final Pattern orBelow;

    public PathGlob(String glob) {
        this.text = glob;
        String regex = toRegex(glob);
        this.exact = Pattern.compile(regex);
        this.orBelow = Pattern.compile(regex + "(?:/.*)?");
    }

    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /** True when the path itself matches. */
    public boolean matches(String path) {
        return exact.matcher(path).matches();
    }

    /** True when the path or one of its parent directories matches. */
    public boolean matchesPathOrParent(String path) {
        return orBelow.matcher(path).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                // "**/" may also match nothing, so "**/net" matches "net" at the top level.
                regex.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 3 : 2;
            } else {
                if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
                i++;
            }
        }
        return regex.toString();
    }
}
