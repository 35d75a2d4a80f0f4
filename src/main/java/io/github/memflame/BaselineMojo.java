package io.github.memflame;

import io.github.memflame.baseline.Baseline;
import io.github.memflame.baseline.BaselineCopier;
import io.github.memflame.baseline.BaselineException;
import io.github.memflame.check.Defaults;
import io.github.memflame.check.LogText;
import io.github.memflame.files.FileErrors;
import io.github.memflame.output.OutputDirectory;
import io.github.memflame.output.OutputKind;
import io.github.memflame.output.ProjectDirectories;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Copies the current report's baseline data (its {@code memflame.json} and the files it names: folded stacks,
 * frame identities; no flame graph, no dump) to {@code baselineDirectory}, for teams that commit their baseline and
 * set {@code <baseline>} to it, and writes beside them, per snapshot, {@code NAME.lines.txt}: one row per
 * allocating line (bytes, traces, {@code path:line}, function), sorted, which a pull request shows as a readable
 * diff. The report is found where this project's {@code check} writes it: the {@code outputDirectory} of
 * memflame's configuration in the POM (for the plugin or in an execution), else {@code -Dmemflame.outputDirectory},
 * else {@code target/site/memflame}. Run it after a green build (a report whose check failed is refused, unless
 * {@code baselineFromFailed}):
 * <pre>{@code mvn verify memflame:baseline}</pre>
 * To accept an intended growth in one command, use {@code mvn verify -Dmemflame.updateBaseline} instead.
 * The directory is replaced as a whole, and only once the copy is complete: a failed copy leaves the previous
 * baseline as it was. It must be empty, missing or an earlier baseline memflame wrote (it holds only
 * {@code memflame.json}, folded stacks, frames and lines files and memflame's {@code .memflame-report} marker), and
 * must not be or contain the project's base directory, a source root or the report; otherwise the goal fails before
 * reading anything, naming what is in the way.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends ReadingMojo {
    /**
     * Where the baseline goes; commit it, and point {@code <baseline>} at it. The directory is replaced as a whole,
     * so it must be missing, empty or a baseline memflame wrote.
     * <pre>&lt;baselineDirectory&gt;${project.basedir}/src/test/memflame-baseline&lt;/baselineDirectory&gt;</pre>
     */
    @Parameter(property = "memflame.baselineDirectory", defaultValue = Defaults.BASELINE_DIRECTORY)
    private File baselineDirectory;

    /** The project's reporting directory, under which {@code check} writes its report by default. */
    @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true, required = true)
    private File reportingDirectory;

    /**
     * Takes the report even when its check failed. Without it, a report whose {@code memflame.json} says
     * {@code "result": "failed"} is refused: a baseline of it would accept what failed (to accept growth, use
     * {@code mvn verify -Dmemflame.updateBaseline}).
     * <pre>{@code <baselineFromFailed>true</baselineFromFailed>}</pre>
     */
    @Parameter(property = "memflame.baselineFromFailed", defaultValue = "false")
    private boolean baselineFromFailed;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        long maxDecompressedBytes;
        try {
            maxDecompressedBytes = maxDecompressedBytes();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("memflame: " + e.getMessage());
        }
        Path report = ConfiguredDirectory.report(project().getPlugin(plugin().getPluginLookupKey()),
                session().getUserProperties(), project().getProperties(), basedir.toPath(),
                () -> reportingDirectory.toPath());
        Baseline copied;
        try {
            ProjectDirectories project = projectDirectories();
            OutputDirectory baseline = new OutputDirectory(baselineDirectory.toPath(), OutputKind.BASELINE,
                    project.protectedDirectories(), project.lockDirectory());
            copied = new BaselineCopier(maxDecompressedBytes).copy(report, baseline, getLog()::info,
                    baselineFromFailed);
        } catch (BaselineException e) {
            // The message may quote names from the report's memflame.json, which may hold any character.
            throw new MojoFailureException("memflame: " + LogText.printable(e.getMessage()));
        } catch (IOException e) {
            throw new MojoExecutionException("memflame could not copy the baseline to " + baselineDirectory + ": "
                    + FileErrors.describe(e), e);
        }
        int snapshots = copied.snapshots().size();
        getLog().info("memflame: baseline of " + snapshots + (snapshots == 1 ? " snapshot" : " snapshots") + " ("
                + (copied.files().size() + 1) + " files) written to " + baselineDirectory + " from " + report
                + "; set <baseline> or -Dmemflame.baseline to it");
    }
}
