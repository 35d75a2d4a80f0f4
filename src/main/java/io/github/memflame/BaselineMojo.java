package io.github.memflame;

import io.github.memflame.baseline.Baseline;
import io.github.memflame.baseline.BaselineCopier;
import io.github.memflame.baseline.BaselineException;
import io.github.memflame.budget.ByteSize;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Copies the current report's baseline data (its {@code memflame.json} and the folded stacks it names; no flame
 * graph, no dump) to {@code baselineDirectory}, for teams that commit their baseline and set
 * {@code <baseline>} to it. Run it after a green build:
 * <pre>{@code mvn verify memflame:baseline}</pre>
 * The directory is replaced as a whole, and only once the copy is complete: a failed copy leaves the previous
 * baseline as it was. It must be empty, missing or an earlier baseline.
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractMojo {
    /**
     * Skips the goal.
     * <pre>{@code <skip>true</skip>}</pre>
     */
    @Parameter(property = "memflame.skip", defaultValue = "false")
    private boolean skip;

    /**
     * The report to copy from: where {@code check} wrote it.
     * <pre>{@code <outputDirectory>${project.build.directory}/site/memflame</outputDirectory>}</pre>
     */
    @Parameter(property = "memflame.outputDirectory", defaultValue = "${project.reporting.outputDirectory}/memflame")
    private File outputDirectory;

    /**
     * Where the baseline goes; commit it, and point {@code <baseline>} at it.
     * <pre>{@code <baselineDirectory>${project.basedir}/src/test/memflame-baseline</baselineDirectory>}</pre>
     */
    @Parameter(property = "memflame.baselineDirectory", defaultValue = "${project.basedir}/src/test/memflame-baseline")
    private File baselineDirectory;

    /**
     * The most one gzip-compressed folded file of the report may expand to while it is checked, with an optional
     * unit.
     * <pre>{@code <maxDecompressedSize>8 GiB</maxDecompressedSize>}</pre>
     */
    @Parameter(property = "memflame.maxDecompressedSize", defaultValue = "4 GiB")
    private String maxDecompressedSize;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("memflame: skipped (memflame.skip)");
            return;
        }
        long maxDecompressedBytes;
        try {
            maxDecompressedBytes = ByteSize.parse(maxDecompressedSize);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("memflame: maxDecompressedSize: " + e.getMessage());
        }
        Baseline copied;
        try {
            copied = new BaselineCopier(maxDecompressedBytes).copy(outputDirectory.toPath(), baselineDirectory.toPath());
        } catch (BaselineException e) {
            // The message may quote names from the report's memflame.json, which may hold any character.
            throw new MojoFailureException("memflame: " + LogText.printable(e.getMessage()));
        } catch (IOException e) {
            throw new MojoExecutionException("memflame could not copy the baseline to " + baselineDirectory + ": "
                    + e.getMessage(), e);
        }
        int snapshots = copied.snapshots().size();
        getLog().info("memflame: baseline of " + snapshots + (snapshots == 1 ? " snapshot" : " snapshots") + " ("
                + (copied.files().size() + 1) + " files) written to " + baselineDirectory + " from " + outputDirectory
                + "; set <baseline> or -Dmemflame.baseline to it");
    }
}
