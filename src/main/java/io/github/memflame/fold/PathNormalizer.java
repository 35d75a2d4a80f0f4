package io.github.memflame.fold;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns the file names a dump records into the paths reports and budgets use. Each name is first normalized
 * lexically, as Python's {@code os.path.normpath} does on the system that recorded it: {@code .}, {@code ..} and
 * repeated separators collapse ({@code /ci/game/src/test/python/../../main/python/client/ui/hud.py} is
 * {@code /ci/game/src/main/python/client/ui/hud.py}); a {@code ..} above the start of a relative name stays, one
 * above a root goes, as the root's parent is the root. A name with a backslash or a drive letter ({@code C:})
 * is a Windows name, normalized as {@code ntpath.normpath} does (drive letters and UNC roots such as
 * {@code \\server\share} are kept); any other as {@code posixpath.normpath} does. Then {@code \} becomes
 * {@code /}, the first matching install root of {@code stripPrefixes} (normalized the same way) is removed, and
 * leading {@code /} go. Pseudo-files such as {@code <frozen importlib._bootstrap>} or {@code <unknown>} are kept
 * whole.
 *
 * <p>What each name lost in front (the install root that was stripped, or only its leading {@code /}) is
 * remembered, spelled as the dump records it, so that a budget that matches nothing can be told which
 * {@code stripPrefix} would make it match ({@link #strippedRoots()}). Safe for use by several reading threads.
 */
public final class PathNormalizer {
    /** The most distinct stripped roots remembered: a dump of names from thousands of roots needs no more. */
    private static final int MAX_ROOTS = 64;

    private final List<String> prefixes = new ArrayList<>();
    private final ConcurrentHashMap<String, LongAdder> strippedRoots = new ConcurrentHashMap<>();
    /** The stripped root met last, so that the usual name costs no lookup (one root for all names). */
    private volatile SeenRoot lastRoot;

    /**
     * @param stripPrefixes install roots, tried in order; a prefix matches whole components only
     *                      ({@code C:/game} strips {@code C:/game/a.py} but not {@code C:/game2/a.py}), and is
     *                      compared case-insensitively when either side is a Windows path
     */
    public PathNormalizer(List<String> stripPrefixes) {
        for (String prefix : stripPrefixes) {
            String normalized = lexical(prefix.trim());
            if (!normalized.isEmpty() && !normalized.equals(".")) {
                prefixes.add(normalized);
            }
        }
    }

    public String normalize(String rawFile) {
        if (isPseudoFile(rawFile)) {
            return rawFile;
        }
        boolean windowsStyle = isWindowsName(rawFile);
        String lexical = lexical(rawFile, windowsStyle);
        String path = lexical;
        for (String prefix : prefixes) {
            boolean caseInsensitive = windowsStyle || hasDriveLetter(prefix);
            if (startsWithComponents(path, prefix, caseInsensitive)) {
                path = path.substring(prefix.length());
                break;
            }
        }
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        if (start == path.length()) {
            return rawFile;
        }
        remember(lexical, lexical.length() - (path.length() - start), windowsStyle);
        return start == 0 ? path : path.substring(start);
    }

    /**
     * The parts names lost in front, spelled as the dump records them after {@code normpath}
     * ({@code I:\G1\trunk\code\Script\Python\}, {@code /}, or empty for a relative name), each with how many
     * names lost it (a distinct name once per snapshot), most frequent first (then in text order); at most
     * {@value #MAX_ROOTS}, the first met.
     */
    public List<StrippedRoot> strippedRoots() {
        List<StrippedRoot> roots = new ArrayList<>();
        strippedRoots.forEach((root, count) -> roots.add(new StrippedRoot(root, count.sum())));
        roots.sort((a, b) -> a.names() != b.names() ? Long.compare(b.names(), a.names()) : a.root().compareTo(b.root()));
        return roots;
    }

    /**
     * A part that was removed from the front of recorded names.
     *
     * @param root the part as the dump records it (after {@code normpath}), with its trailing separator
     * @param names how many names lost it, each distinct name once per snapshot
     */
    public record StrippedRoot(String root, long names) {
        /** True when the name it came from is a Windows name: its separator is {@code \}. */
        public boolean windows() {
            return root.indexOf('\\') >= 0 || hasDriveLetter(root);
        }
    }

    private void remember(String lexical, int rootLength, boolean windowsStyle) {
        SeenRoot last = lastRoot;
        if (last != null && last.windows == windowsStyle && last.slashed.length() == rootLength
                && lexical.startsWith(last.slashed)) {
            last.names.increment();
            return;
        }
        String slashed = lexical.substring(0, rootLength);
        String root = windowsStyle ? slashed.replace('/', '\\') : slashed;
        LongAdder names = strippedRoots.get(root);
        if (names == null) {
            if (strippedRoots.size() >= MAX_ROOTS) {
                return;
            }
            names = strippedRoots.computeIfAbsent(root, r -> new LongAdder());
        }
        names.increment();
        lastRoot = new SeenRoot(slashed, windowsStyle, names);
    }

    /** A stripped root in the {@code /} spelling of normalized paths, with its count. */
    private record SeenRoot(String slashed, boolean windows, LongAdder names) {
    }

    /**
     * A configured path (a {@code stripPrefix}, a budget's path, an {@code excludeFrame} glob) normalized as a
     * recorded name is, with {@code /} separators, before any prefix is stripped: {@code ./client//ui/} is
     * {@code client/ui}, {@code C:\game\..\lib} is {@code C:/lib}. Glob characters are plain characters here.
     */
    public static String lexical(String path) {
        return path.isEmpty() ? path : lexical(path, isWindowsName(path));
    }

    private static String lexical(String name, boolean windows) {
        if (isNormal(name, windows)) {
            // normpath would give the name back (with \ for /, on Windows): the usual case, one scan.
            return windows ? name.replace('\\', '/') : name;
        }
        return windows ? windowsNormpath(name).replace('\\', '/') : posixNormpath(name);
    }

    /**
     * True when no component is empty, {@code .} or {@code ..} (a single leading separator aside), so that
     * {@code normpath} leaves the name as it is.
     */
    private static boolean isNormal(String name, boolean windows) {
        int length = name.length();
        if (length == 0) {
            return false;
        }
        int start = 0;
        if (windows && !isSeparator(name.charAt(0), true)) {
            int second = name.offsetByCodePoints(0, 1);
            if (second < length && name.charAt(second) == ':') {
                start = second + 1;  // the drive, C:
            }
        }
        if (start < length && isSeparator(name.charAt(start), windows)) {
            start++;
            if (start < length && isSeparator(name.charAt(start), windows)) {
                return false;  // // in front: POSIX keeps two; on Windows a UNC or device drive
            }
        }
        if (start == length) {
            return true;
        }
        for (int i = start; i <= length; i++) {
            if (i == length || isSeparator(name.charAt(i), windows)) {
                int size = i - start;
                if (size == 0 || (name.charAt(start) == '.' && (size == 1 || (size == 2 && name.charAt(start + 1) == '.')))) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    private static boolean isSeparator(char c, boolean windows) {
        return c == '/' || (windows && c == '\\');
    }

    /** A name with a backslash or a drive letter ({@code C:}) was recorded on Windows. */
    static boolean isWindowsName(String name) {
        return name.indexOf('\\') >= 0 || hasDriveLetter(name);
    }

    /**
     * {@code posixpath.normpath} of CPython 3.12 (as {@code os.path.normpath} on Linux and macOS): an empty path
     * is {@code .}; one leading slash or three or more are one, exactly two stay two (POSIX leaves {@code //}
     * to the implementation); {@code .} and empty components go; {@code ..} removes the component before it,
     * is dropped right after a root, and stays at the start of a relative path or after another {@code ..}.
     */
    public static String posixNormpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int slashes = 0;
        while (slashes < path.length() && path.charAt(slashes) == '/') {
            slashes++;
        }
        String root = slashes == 0 ? "" : slashes == 2 ? "//" : "/";
        List<String> kept = new ArrayList<>();
        int start = slashes;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String component = path.substring(start, end);
            start = end + 1;
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (!component.equals("..") || (root.isEmpty() && kept.isEmpty())
                    || (!kept.isEmpty() && kept.get(kept.size() - 1).equals(".."))) {
                kept.add(component);
            } else if (!kept.isEmpty()) {
                kept.remove(kept.size() - 1);
            }
        }
        String normalized = root + String.join("/", kept);
        return normalized.isEmpty() ? "." : normalized;
    }

    /**
     * {@code ntpath.normpath} of CPython 3.12 (as {@code os.path.normpath} on Windows), with {@code \} as the
     * separator in the result: {@code /} is read as {@code \}; the drive ({@code C:}, {@code \\server\share},
     * {@code \\?\UNC\server\share}, {@code \\.\device}) and the root are kept; {@code .} and empty components go;
     * {@code ..} removes the component before it unless that is {@code ..} too, is dropped right after a root,
     * and stays at the start of a path without one; an empty result without drive or root is {@code .}.
     */
    public static String windowsNormpath(String path) {
        String p = path.replace('/', '\\');
        String drive;
        String root;
        String tail;
        if (p.startsWith("\\\\")) {
            // A UNC drive (\\server\share, \\?\UNC\server\share) or a device drive (\\.\device, \\?\device).
            int start = p.regionMatches(true, 0, "\\\\?\\UNC\\", 0, 8) && isAsciiUnc(p) ? 8 : 2;
            int index = p.indexOf('\\', start);
            int index2 = index < 0 ? -1 : p.indexOf('\\', index + 1);
            if (index2 < 0) {
                drive = p;
                root = "";
                tail = "";
            } else {
                drive = p.substring(0, index2);
                root = "\\";
                tail = p.substring(index2 + 1);
            }
        } else if (p.startsWith("\\")) {
            drive = "";
            root = "\\";
            tail = p.substring(1);
        } else {
            int second = p.isEmpty() ? 0 : p.offsetByCodePoints(0, 1);
            if (second < p.length() && p.charAt(second) == ':') {
                drive = p.substring(0, second + 1);
                boolean rooted = second + 1 < p.length() && p.charAt(second + 1) == '\\';
                root = rooted ? "\\" : "";
                tail = p.substring(second + 1 + root.length());
            } else {
                drive = "";
                root = "";
                tail = p;
            }
        }
        List<String> components = new ArrayList<>(List.of(tail.split("\\\\", -1)));
        int i = 0;
        while (i < components.size()) {
            String component = components.get(i);
            if (component.isEmpty() || component.equals(".")) {
                components.remove(i);
            } else if (component.equals("..")) {
                if (i > 0 && !components.get(i - 1).equals("..")) {
                    components.remove(i);
                    components.remove(i - 1);
                    i--;
                } else if (i == 0 && !root.isEmpty()) {
                    components.remove(i);
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
        String prefix = drive + root;
        if (prefix.isEmpty() && components.isEmpty()) {
            return ".";
        }
        return prefix + String.join("\\", components);
    }

    /** Python compares {@code normp[:8].upper()} with {@code \\?\UNC\}: only ASCII letters upper-case to it. */
    private static boolean isAsciiUnc(String p) {
        for (int i = 4; i < 7; i++) {
            if (p.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
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

    /** {@code components(normalizedPath).get(0)}, without splitting the rest of the path. */
    public static String firstComponent(String normalizedPath) {
        if (isPseudoFile(normalizedPath)) {
            return normalizedPath;
        }
        int start = 0;
        while (start < normalizedPath.length() && normalizedPath.charAt(start) == '/') {
            start++;
        }
        if (start == normalizedPath.length()) {
            return normalizedPath;
        }
        int end = normalizedPath.indexOf('/', start);
        return normalizedPath.substring(start, end < 0 ? normalizedPath.length() : end);
    }

    public static boolean isPseudoFile(String file) {
        return file.startsWith("<") && file.endsWith(">");
    }

    private static boolean startsWithComponents(String path, String prefix, boolean caseInsensitive) {
        if (path.length() < prefix.length() || !path.regionMatches(caseInsensitive, 0, prefix, 0, prefix.length())) {
            return false;
        }
        // A prefix that is a root (/, C:/) ends at a component boundary by itself.
        return path.length() == prefix.length() || path.charAt(prefix.length()) == '/' || prefix.endsWith("/");
    }

    private static boolean hasDriveLetter(String path) {
        if (path.length() < 2 || path.charAt(1) != ':') {
            return false;
        }
        char letter = path.charAt(0);
        return (letter >= 'A' && letter <= 'Z') || (letter >= 'a' && letter <= 'z');
    }
}
