package io.github.memflame.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The directories of the project a goal runs in, as plain paths: what no output directory may be or contain, and
 * where lock files go.
 *
 * @param baseDirectory the project's base directory
 * @param buildDirectory the project's build directory ({@code target}), where lock files go so that none lands
 *                       among sources (created when missing: every run of the project must lock the same file);
 *                       {@code null} when there is none (a goal run without a project)
 * @param sourceRoots the project's source roots (compile and test)
 */
public record ProjectDirectories(Path baseDirectory, Path buildDirectory, List<Path> sourceRoots) {
    public ProjectDirectories {
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        sourceRoots = List.copyOf(sourceRoots);
    }

    /** The project's base directory and source roots, which replacing an output must never delete. */
    public List<ProtectedDirectory> protectedDirectories() {
        List<ProtectedDirectory> guarded = new ArrayList<>();
        guarded.add(new ProtectedDirectory("the project's base directory", baseDirectory));
        sourceRoots.forEach(root -> guarded.add(new ProtectedDirectory("the source root", root)));
        return guarded;
    }

    /** Where lock files go: the build directory, or {@code null} (next to the output) without one. */
    public Path lockDirectory() {
        return buildDirectory;
    }
}
