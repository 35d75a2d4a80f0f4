package io.github.memflame;

import io.github.memflame.check.Defaults;
import io.github.memflame.output.ProjectDirectories;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that work on a project's report: {@code check} and {@code report} write it, {@code baseline} copies it.
 * They share where it is and the project directories no output may replace.
 */
public abstract class ProjectReportMojo extends ReadingMojo {
    /**
     * Where the report goes: {@code index.html}, {@code memflame.json}, and per snapshot two flame graphs
     * ({@code NAME.path.svg}, {@code NAME.stack.svg}) and their gzip-compressed folded stacks
     * ({@code NAME.path.folded.gz}, {@code NAME.stack.folded.gz}); {@code baseline} copies the report from here. The
     * directory is replaced as a whole once the new report is complete, so it must be missing, empty or a report
     * memflame wrote (its {@code .memflame-report} marker says so), and must not be or contain the project, a source
     * root, the snapshot directory or the baseline: otherwise the goal fails before reading any dump, naming what is
     * in the way. {@code report-aggregate} finds each module's report here.
     * <pre>&lt;outputDirectory&gt;${project.reporting.outputDirectory}/memflame&lt;/outputDirectory&gt;</pre>
     */
    @Parameter(property = "memflame.outputDirectory", defaultValue = Defaults.OUTPUT_DIRECTORY)
    protected File outputDirectory;

    /**
     * The project's base directory: where a relative {@code junitReport} is resolved, and what no report or baseline
     * may replace.
     */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
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
