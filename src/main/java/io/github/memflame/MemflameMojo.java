package io.github.memflame;

import io.github.memflame.check.Defaults;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

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

    /** The build's session: its start, its properties and its projects. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** The project the goal runs in; for {@code view} without a POM, Maven's stand-in. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** This plugin, to find its configuration in a project's POM. */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (!skipped()) {
            executeGoal();
        }
    }

    /** What the goal does when it is not skipped. */
    protected abstract void executeGoal() throws MojoExecutionException, MojoFailureException;

    protected final MavenSession session() {
        return session;
    }

    protected final MavenProject project() {
        return project;
    }

    protected final PluginDescriptor plugin() {
        return plugin;
    }

    /** Whether the goal is skipped, saying so in the log when it is; for entry points other than {@code execute}. */
    protected final boolean skipped() {
        if (skip) {
            getLog().info("memflame: skipped (memflame.skip)");
        }
        return skip;
    }
}
