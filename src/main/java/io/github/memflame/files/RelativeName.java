package io.github.memflame.files;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file name relative to a directory, as memflame spells it in its reports and summaries and as names read from
 * files (a baseline's {@code memflame.json}) give it: components separated by {@code /}. It is checked and
 * resolved here, and only here, the same way on every operating system, so that no name read from a file ever
 * becomes a path outside the directory it came from:
 * <ul>
 *   <li>no empty name, no empty, {@code .} or {@code ..} component, no absolute path, no drive letter
 *       ({@code C:});</li>
 *   <li>no {@code \}: a separator on Windows and a plain character elsewhere, so {@code ..\java\Evil.java} would be
 *       one harmless name on Linux and a way out on Windows (or after anyone turned it into {@code /});</li>
 *   <li>resolved component by component under the directory, never by the platform's parser; and, for a file that
 *       must exist, its real path (links followed) must still lie inside the directory's real path.</li>
 * </ul>
 */
public final class RelativeName {
    private final String text;
    private final List<String> components;

    private RelativeName(String text, List<String> components) {
        this.text = text;
        this.components = components;
    }

    /**
     * The name checked.
     *
     * @throws IllegalArgumentException saying why it is refused, without repeating the name
     */
    public static RelativeName of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                throw new IllegalArgumentException("it contains '\\', a separator on Windows and a character "
                        + "elsewhere; names use '/'");
            }
        }
        if (text.charAt(0) == '/') {
            throw new IllegalArgumentException("it is an absolute path");
        }
        if (text.length() >= 2 && text.charAt(1) == ':' && Character.isLetter(text.charAt(0))) {
            throw new IllegalArgumentException("it starts with a drive letter");
        }
        List<String> components = List.of(text.split("/", -1));
        for (String component : components) {
            if (component.isEmpty()) {
                throw new IllegalArgumentException("it has an empty component ('//' or a '/' at its end)");
            }
            if (component.equals(".") || component.equals("..")) {
                throw new IllegalArgumentException("it has a '" + component + "' component");
            }
        }
        return new RelativeName(text, components);
    }

    /** The name as given: {@code /}-separated. */
    public String text() {
        return text;
    }

    /**
     * The path this name gives under {@code directory}, resolved one component at a time.
     *
     * @throws IllegalArgumentException when a component is no valid file name on this file system
     */
    public Path under(Path directory) {
        Path path = directory;
        try {
            for (String component : components) {
                path = path.resolve(component);
            }
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("it is not a valid file name here: " + e.getReason(), e);
        }
        if (path.getNameCount() != directory.getNameCount() + components.size()) {
            // A component the file system parses as more than one (a separator of its own).
            throw new IllegalArgumentException("it has a component this file system reads as a path");
        }
        return path;
    }

    /**
     * The existing file this name gives under {@code directory}, refused when its real path (links followed) leads
     * out of the directory's.
     *
     * @throws IllegalArgumentException when it leads out, or is no valid file name here
     * @throws IOException when the real path cannot be found (e.g. the file does not exist)
     */
    public Path existingUnder(Path directory) throws IOException {
        Path path = under(directory);
        if (!path.toRealPath().startsWith(directory.toRealPath())) {
            throw new IllegalArgumentException("it is a link, or lies under one, that leads out of " + directory);
        }
        return path;
    }

    @Override
    public String toString() {
        return text;
    }
}
