package io.github.memflame;

import io.github.memflame.fold.PathGlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the dumps a test run left in the snapshot directory.
 */
public final class SnapshotFiles {
    /** What {@code check} looks for when no includes are configured. */
    public static final List<String> DEFAULT_INCLUDES = List.of(
            "**/*.pickle", "**/*.json", "**/*.folded",
            "**/*.pickle.gz", "**/*.json.gz", "**/*.folded.gz");

    private SnapshotFiles() {
    }

    /**
     * The regular files under {@code directory} that match an include and no exclude, as {@code /}-separated
     * paths relative to it, sorted so that every run reads them in the same order. A missing directory has none.
     */
    public static List<String> find(Path directory, List<String> includes, List<String> excludes) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<PathGlob> include = globs(includes.isEmpty() ? DEFAULT_INCLUDES : includes);
        List<PathGlob> exclude = globs(excludes);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String name = directory.relativize(file).toString().replace('\\', '/');
                if (matchesAny(include, name) && !matchesAny(exclude, name)) {
                    names.add(name);
                }
            });
        }
        names.sort(null);
        return names;
    }

    private static List<PathGlob> globs(List<String> patterns) {
        List<PathGlob> globs = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            globs.add(new PathGlob(pattern.trim().replace('\\', '/')));
        }
        return globs;
    }

    private static boolean matchesAny(List<PathGlob> globs, String name) {
        for (PathGlob glob : globs) {
            if (glob.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
