package io.github.memflame;

import io.github.memflame.check.CheckFailure;
import io.github.memflame.check.Defaults;
import io.github.memflame.check.MemflameView;
import io.github.memflame.check.ViewSettings;
import io.github.memflame.files.FileErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the full memory report of tracemalloc dumps, in any directory and without a project (no POM needed): for
 * the engineer who got a dump from a QA device. Both flame graphs of every dump, the HTML index, {@code memflame.json}
 * and the folded stacks go to {@code ./memflame-report} (or {@code outputDirectory}); the log ends with the path of
 * {@code index.html}. Dumps are read as {@code check} reads them, and one that cannot be read fails the goal with
 * the same message. There are no budgets and no baseline: nothing fails on a size.
 *
 * <pre>{@code
 * mvn io.github.memflame:memflame-maven-plugin:0.1.0-SNAPSHOT:view -Ddumps=a.pickle,qa/b.pickle.gz
 * }</pre>
 *
 * With the plugin group in {@code ~/.m2/settings.xml}, {@code mvn memflame:view -Ddumps=...} does the same:
 * <pre>{@code
 * <settings>
 *   <pluginGroups>
 *     <pluginGroup>io.github.memflame</pluginGroup>
 *   </pluginGroups>
 * </settings>
 * }</pre>
 */
@Mojo(name = "view", requiresProject = false, threadSafe = true)
public class ViewMojo extends DumpReadingMojo {
    /**
     * The dumps to look at, in any format {@code check} reads (gzipped or not), separated by commas; absolute, or
     * relative to the current directory. They may be in different directories; each snapshot is named after its file
     * name, so two dumps may not have the same file name. On the command line: {@code -Ddumps=a.pickle,b.pickle.gz}.
     * <pre>{@code
     * <dumps>
     *   <dump>qa/device-7/scene-3-battle.pickle</dump>
     *   <dump>/tmp/scene-2-town.pickle.gz</dump>
     * </dumps>
     * }</pre>
     */
    @Parameter(property = "dumps")
    private List<String> dumps;

    /**
     * Where the report goes, relative to the current directory: replaced as a whole once the new report is complete.
     * On the command line: {@code -Dmemflame.outputDirectory=battle-report}.
     * <pre>{@code <outputDirectory>memflame-report</outputDirectory>}</pre>
     */
    @Parameter(property = "memflame.outputDirectory", defaultValue = Defaults.VIEW_OUTPUT_DIRECTORY)
    private String outputDirectory;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        try {
            // The run logs the path of index.html last: "Memory report: .../index.html".
            new MemflameView(settings(), new AbstractMemflameMojo.LogListener(getLog(), false)).run();
        } catch (CheckFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("memflame could not read the dumps or write its report: "
                    + FileErrors.describe(e), e);
        }
    }

    /** The parameters as plain values, paths resolved against the current directory (the project's, with a POM). */
    ViewSettings settings() throws MojoFailureException {
        Path base = basedir.toPath();
        try {
            return new ViewSettings(
                    orEmpty(dumps).stream().map(base::resolve).toList(),
                    base.resolve(outputDirectory),
                    stripPrefixList(),
                    sourceRootPaths(),
                    fileNameCharset(),
                    maxDecompressedBytes());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("memflame: " + e.getMessage());
        }
    }
}
