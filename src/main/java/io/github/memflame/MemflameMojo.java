package io.github.memflame;

import io.github.memflame.check.Defaults;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The base of every memflame goal: {@code skip} is declared and checked here once, as jacoco's
 * {@code AbstractJacocoMojo} does, so no goal can forget it or log it differently.
 */
public abstract class MemflameMojo extends AbstractMojo {
    /**
     * Skips the goal: nothing is read, checked or written.
     * <pre>{@code <skip>true</skip>}</pre>
     */
    @Parameter(property = "memflame.skip", defaultValue = Defaults.SKIP)
    private boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (!skipped()) {
            executeGoal();
        }
    }

    /** What the goal does when it is not skipped. */
    protected abstract void executeGoal() throws MojoExecutionException, MojoFailureException;

    /** Whether the goal is skipped, saying so in the log when it is; for entry points other than {@code execute}. */
    protected final boolean skipped() {
        if (skip) {
            getLog().info("memflame: skipped (memflame.skip)");
        }
        return skip;
    }
}
