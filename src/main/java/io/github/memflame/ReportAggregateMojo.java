package io.github.memflame;

import io.github.memflame.check.Defaults;
import io.github.memflame.check.LogText;
import io.github.memflame.check.MemflameAggregate;
import io.github.memflame.files.FileErrors;
import io.github.memflame.output.OutputDirectory;
import io.github.memflame.output.OutputKind;
import io.github.memflame.output.OutputRefusedException;
import io.github.memflame.output.ProjectDirectories;
import io.github.memflame.output.ProtectedDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * One memory report over every module of a multi-module build: reads the {@code memflame.json} each module's
 * {@code check} wrote into its {@code outputDirectory} (by default {@code target/site/memflame}) and writes an index
 * with every module's result, totals and budgets, snapshot names prefixed with the module's artifactId
 * ({@code client/scene-3-battle.pickle}), linking into each module's flame graphs. Budgets stay per module: this
 * goal reports, each module's {@code check} fails.
 *
 * <p>Run it after the modules' {@code verify} at the reactor root, where Maven runs an aggregator goal given after
 * a phase once, after every module ran that phase:
 * <pre>{@code mvn verify memflame:report-aggregate}</pre>
 * The report goes to {@code target/site/memflame-aggregate/index.html} of the root. Or bind it in a dedicated
 * aggregate module that depends on the modules to report on (which makes Maven build them first):
 * <pre>{@code
 * <plugin>
 *   <groupId>io.github.memflame</groupId>
 *   <artifactId>memflame-maven-plugin</artifactId>
 *   <version>0.1.0-SNAPSHOT</version>
 *   <executions>
 *     <execution>
 *       <phase>verify</phase>
 *       <goals><goal>report-aggregate</goal></goals>
 *     </execution>
 *   </executions>
 * </plugin>
 * }</pre>
 * A project that depends on modules of the reactor aggregates those; one that depends on none (the reactor root)
 * aggregates every module.
 */
@Mojo(name = "report-aggregate", aggregator = true, threadSafe = true)
public class ReportAggregateMojo extends MemflameMojo {
    /**
     * Where the aggregate {@code index.html} and {@code memflame.json} go. The directory is replaced as a whole, so
     * it must be missing, empty or an aggregate report memflame wrote, and must not be or contain a module or its
     * report.
     * <pre>&lt;aggregateOutputDirectory&gt;${project.reporting.outputDirectory}/memflame-aggregate&lt;/aggregateOutputDirectory&gt;</pre>
     */
    @Parameter(property = "memflame.aggregateOutputDirectory",
            defaultValue = Defaults.AGGREGATE_OUTPUT_DIRECTORY)
    private File aggregateOutputDirectory;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        List<MemflameAggregate.Module> modules = new ArrayList<>();
        for (MavenProject module : modulesToAggregate()) {
            modules.add(new MemflameAggregate.Module(module.getArtifactId(), reportDirectory(module)));
        }
        try {
            new MemflameAggregate(new AbstractMemflameMojo.LogListener(getLog(), false)).run(modules, output());
        } catch (OutputRefusedException e) {
            throw new MojoFailureException("memflame: " + e.getMessage());
        } catch (IOException e) {
            // The message may quote a module summary's names, which may hold any character.
            throw new MojoExecutionException("memflame could not aggregate the module reports: "
                    + LogText.printable(FileErrors.describe(e)), e);
        }
    }

    /**
     * The aggregate directory with what it must never be or contain: this project's directories and every reactor
     * project's base directory (module report directories are added by the core).
     */
    private OutputDirectory output() {
        ProjectDirectories directories = ReadingMojo.projectDirectories(project().getBasedir(),
                new File(project().getBuild().getDirectory()), project().getCompileSourceRoots(),
                project().getTestCompileSourceRoots());
        List<ProtectedDirectory> guarded = new ArrayList<>(directories.protectedDirectories());
        for (MavenProject module : session().getProjects()) {
            guarded.add(new ProtectedDirectory("the base directory of module " + module.getArtifactId(),
                    module.getBasedir().toPath()));
        }
        return new OutputDirectory(aggregateOutputDirectory.toPath(), OutputKind.AGGREGATE, guarded,
                directories.lockDirectory());
    }

    /** Where a module's {@code check} wrote its report, as its POM configures it. */
    private Path reportDirectory(MavenProject module) {
        return ConfiguredDirectory.report(module.getPlugin(plugin().getPluginLookupKey()),
                session().getUserProperties(), module.getProperties(), module.getBasedir().toPath(),
                () -> Path.of(module.getReporting().getOutputDirectory()));
    }

    /** The reactor modules this project depends on, or every module of the reactor when it depends on none. */
    private List<MavenProject> modulesToAggregate() {
        Set<String> dependencies = project().getDependencies().stream()
                .map(dependency -> key(dependency.getGroupId(), dependency.getArtifactId()))
                .collect(Collectors.toSet());
        List<MavenProject> reactor = session().getProjects();
        List<MavenProject> depended = reactor.stream()
                .filter(module -> dependencies.contains(key(module.getGroupId(), module.getArtifactId())))
                .toList();
        return depended.isEmpty() ? reactor : depended;
    }

    private static String key(String groupId, String artifactId) {
        return groupId + ":" + artifactId;
    }
}
