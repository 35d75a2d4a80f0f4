package io.github.memflame.output;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A path an output directory must not be or contain, since replacing the output would delete it: the project's
 * base directory, the snapshot directory, a source root, the baseline.
 *
 * @param role how messages name it, e.g. {@code the snapshot directory}
 * @param path the directory (or file)
 */
public record ProtectedDirectory(String role, Path path) {
    public ProtectedDirectory {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
    }
}
