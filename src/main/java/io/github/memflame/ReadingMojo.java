package io.github.memflame;

import io.github.memflame.budget.ByteSize;
import io.github.memflame.check.Defaults;
import io.github.memflame.output.ProjectDirectories;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that read gzip-compressed files: dumps ({@code check}, {@code report}, {@code view}) or a report's
 * folded stacks ({@code baseline}); they write beside the project, so they also know the project directories no
 * output may replace.
 */
public abstract class ReadingMojo extends MemflameMojo {
    /**
     * The most one gzip-compressed file (a dump, or for {@code baseline} a folded file of the report) may expand to,
     * with an optional unit; a larger one fails as corrupt, so a gzip bomb cannot exhaust the build machine. On the
     * command line: {@code -Dmemflame.maxDecompressedSize=8GiB}.
     * <pre>{@code <maxDecompressedSize>8 GiB</maxDecompressedSize>}</pre>
     */
    @Parameter(property = "memflame.maxDecompressedSize", defaultValue = Defaults.MAX_DECOMPRESSED_SIZE)
    private String maxDecompressedSize;

    /** The {@code maxDecompressedSize} parameter in bytes; a bad one fails naming the parameter. */
    protected final long maxDecompressedBytes() {
        return size("maxDecompressedSize", maxDecompressedSize);
    }

    /** A byte size parameter; a bad one fails naming the parameter. */
    static long size(String name, String text) {
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The project's base directory: where a relative {@code junitReport} is resolved, and what no report or baseline
     * may replace. Maven's {@code basedir} rather than the project's: for {@code view}
     * without a POM only the former is set, to the current directory.
     */
    @Parameter(defaultValue = "${basedir}", readonly = true, required = true)
    protected File basedir;

    /** The project's build directory, where the lock files that make concurrent builds take turns go. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    /** The project's source roots, which no report or baseline may replace. */
    @Parameter(defaultValue = "${project.compileSourceRoots}", readonly = true)
    private List<String> compileSourceRoots;

    /** The project's test source roots, which no report or baseline may replace. */
    @Parameter(defaultValue = "${project.testCompileSourceRoots}", readonly = true)
    private List<String> testCompileSourceRoots;

    /** The project's directories as plain paths, for the core's output guard and locks. */
    protected ProjectDirectories projectDirectories() {
        return projectDirectories(basedir, buildDirectory, compileSourceRoots, testCompileSourceRoots);
    }

    /** A project's directories as Maven gives them, as plain paths; {@code null} lists are none. */
    static ProjectDirectories projectDirectories(File basedir, File buildDirectory, List<String> compileSourceRoots,
                                                 List<String> testCompileSourceRoots) {
        List<Path> roots = new ArrayList<>();
        for (List<String> configured : Arrays.asList(compileSourceRoots, testCompileSourceRoots)) {
            if (configured != null) {
                configured.stream().filter(root -> root != null && !root.isBlank()).map(Path::of).forEach(roots::add);
            }
        }
        return new ProjectDirectories(basedir.toPath(), buildDirectory == null ? null : buildDirectory.toPath(),
                roots);
    }
}
