package io.github.memflame.fold;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the file names a dump records into the paths reports and budgets use: {@code \} becomes {@code /}, the
 * first matching install root of {@code stripPrefixes} is removed, and a leading {@code ./} or {@code /} goes.
 * Pseudo-files such as {@code <frozen importlib._bootstrap>} or {@code <unknown>} are kept whole.
 */
public final class PathNormalizer {
    private final List<String> prefixes = new ArrayList<>();

    /**
     * @param stripPrefixes install roots, tried in order; a prefix matches whole components only
     *                      ({@code C:/game} strips {@code C:/game/a.py} but not {@code C:/game2/a.py}), and is
     *                      compared case-insensitively when either side is a Windows path
     */
    public PathNormalizer(List<String> stripPrefixes) {
        for (String prefix : stripPrefixes) {
            String normalized = trimTrailingSlashes(prefix.trim().replace('\\', '/'));
            if (!normalized.isEmpty()) {
                prefixes.add(normalized);
            }
        }
    }

    public String normalize(String rawFile) {
        if (isPseudoFile(rawFile)) {
            return rawFile;
        }
        boolean windowsStyle = rawFile.indexOf('\\') >= 0 || hasDriveLetter(rawFile);
        String path = rawFile.replace('\\', '/');
        for (String prefix : prefixes) {
            boolean caseInsensitive = windowsStyle || hasDriveLetter(prefix);
            if (startsWithComponents(path, prefix, caseInsensitive)) {
                path = path.substring(prefix.length());
                break;
            }
        }
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? rawFile : path;
    }

    /** The components of a normalized path; a pseudo-file is one component. */
    public static List<String> components(String normalizedPath) {
        if (isPseudoFile(normalizedPath)) {
            return List.of(normalizedPath);
        }
        List<String> parts = new ArrayList<>();
        for (String part : normalizedPath.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? List.of(normalizedPath) : parts;
    }

    public static boolean isPseudoFile(String file) {
        return file.startsWith("<") && file.endsWith(">");
    }

    private static boolean startsWithComponents(String path, String prefix, boolean caseInsensitive) {
        if (path.length() < prefix.length() || !path.regionMatches(caseInsensitive, 0, prefix, 0, prefix.length())) {
            return false;
        }
        return path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }

    private static boolean hasDriveLetter(String path) {
        return path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0));
    }

    private static String trimTrailingSlashes(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
