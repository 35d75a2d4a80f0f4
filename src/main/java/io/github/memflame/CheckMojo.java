package io.github.memflame;

import io.github.memflame.budget.BudgetResult;
import io.github.memflame.check.BaselineUpdate;
import io.github.memflame.check.CheckFailure;
import io.github.memflame.check.CheckOutcome;
import io.github.memflame.check.CheckSettings;
import io.github.memflame.check.CiOutputs;
import io.github.memflame.check.Defaults;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.files.FileErrors;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reads the tracemalloc snapshot dumps a test run produced, writes memory flame graphs and an HTML report, and
 * fails the build when a path budget in bytes is exceeded.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>io.github.memflame</groupId>
 *   <artifactId>memflame-maven-plugin</artifactId>
 *   <version>0.1.0-SNAPSHOT</version>
 *   <executions>
 *     <execution>
 *       <goals><goal>check</goal></goals>
 *     </execution>
 *   </executions>
 *   <configuration>
 *     <budgets>
 *       <budget><path>client/controller</path><max>20 MiB</max></budget>
 *     </budgets>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMemflameMojo {
    /**
     * Fails the build when no dump is found: a budget gate that passes because the test run produced nothing
     * would be a hole. Set to {@code false} for builds where snapshots are optional.
     * <pre>{@code <failIfNoSnapshots>false</failIfNoSnapshots>}</pre>
     */
    @Parameter(property = "memflame.failIfNoSnapshots", defaultValue = "true")
    private boolean failIfNoSnapshots;

    /**
     * Fails the build when a budget is exceeded. With {@code false} the violations are logged as errors and
     * the report says failed, but the build goes on.
     * <pre>{@code <failOnViolation>false</failOnViolation>}</pre>
     */
    @Parameter(property = "memflame.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /**
     * Fails the build when the configured {@code baseline} is not there (no such path, or a directory without
     * {@code memflame.json}), instead of warning that growth is not checked: for jobs where a missing baseline
     * means a broken CI cache rather than a first build.
     * <pre>{@code <failIfNoBaseline>true</failIfNoBaseline>}</pre>
     */
    @Parameter(property = "memflame.failIfNoBaseline", defaultValue = "false")
    private boolean failIfNoBaseline;

    /**
     * Set by {@code -DskipTests}: when the tests were skipped and left no dump, there is nothing to check and the
     * goal passes, saying so; dumps that are there are checked as usual.
     * <pre>{@code <skipTests>true</skipTests>}</pre>
     */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /**
     * Set by {@code -Dmaven.test.skip}: treated as {@code skipTests}.
     * <pre>{@code <mavenTestSkip>true</mavenTestSkip>}</pre>
     */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean mavenTestSkip;

    /**
     * Set by {@code -DskipITs}: treated as {@code skipTests}.
     * <pre>{@code <skipITs>true</skipITs>}</pre>
     */
    @Parameter(property = "skipITs", defaultValue = "false")
    private boolean skipITs;

    /**
     * The check as a JUnit XML file, which Jenkins ({@code junit} step), GitLab ({@code artifacts:reports:junit})
     * and GitHub test-report actions show without a memflame plugin: a test case per dump read and per budget and
     * snapshot (classname: the snapshot, name: the budget's path and scope), failed with the CI log's lines when a
     * limit or growth limit is exceeded or the budget matches nothing under {@code failOnUnmatched}, skipped when it
     * matches nothing without failing the build. Written even when the build fails.
     * {@code none} (or {@code -Dmemflame.junitReport=}) writes none; an empty element in the POM means the default,
     * as for every parameter. A relative path is resolved against the project's base directory.
     * <pre>&lt;junitReport&gt;${project.build.directory}/memflame-reports/TEST-memflame.xml&lt;/junitReport&gt;</pre>
     */
    @Parameter(property = "memflame.junitReport",
            defaultValue = "${project.build.directory}/memflame-reports/TEST-memflame.xml")
    private String junitReport;

    /**
     * In GitHub Actions, appends {@code memflame.md} (the result, the budgets table, the changes since the baseline)
     * to the job summary, the file the {@code GITHUB_STEP_SUMMARY} environment variable names. Outside GitHub
     * Actions the variable is not set and nothing is appended.
     * <pre>{@code <githubStepSummary>false</githubStepSummary>}</pre>
     */
    @Parameter(property = "memflame.githubStepSummary", defaultValue = "true")
    private boolean githubStepSummary;

    /**
     * Accepts this run's figures as the new baseline, in one command: {@code mvn verify -Dmemflame.updateBaseline}.
     * The check runs as usual and every budget's {@code max} is still enforced, but growth limits do not fail the
     * build; when the check passes, its report is written to the committed baseline's directory as
     * {@code memflame:baseline} writes it (replacing the directory as a whole, only once complete): the
     * {@code baselineDirectory} of memflame's configuration in the POM, else {@code -Dmemflame.baselineDirectory},
     * else {@code src/test/memflame-baseline}. The log names each snapshot's total
     * before and after and how many rows of its {@code NAME.lines.txt} changed. Commit the directory then.
     * <pre>{@code <updateBaseline>true</updateBaseline>}</pre>
     */
    @Parameter(property = "memflame.updateBaseline", defaultValue = "false")
    private boolean updateBaseline;

    /** Where {@code memflame:baseline} writes, as the POM configures it: what {@code updateBaseline} replaces. */
    private Path baselineDirectory() {
        return ConfiguredDirectory.baseline(project().getPlugin(plugin().getPluginLookupKey()),
                session().getUserProperties(), project().getProperties(), basedir.toPath());
    }

    @Override
    protected CiOutputs ciOutputs() {
        return ciOutputs(System.getenv());
    }

    /** The CI outputs with {@code environment} as the build's environment variables. */
    CiOutputs ciOutputs(Map<String, String> environment) {
        String junit = junitReport == null ? "" : junitReport.trim();
        String stepSummary = environment.get("GITHUB_STEP_SUMMARY");
        return new CiOutputs(
                junit.isEmpty() || junit.equalsIgnoreCase("none") ? null : basedir.toPath().resolve(junit),
                githubStepSummary && stepSummary != null && !stepSummary.isBlank() ? Path.of(stepSummary) : null);
    }

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        Log log = getLog();
        CheckSettings settings = settings(failIfNoSnapshots, failIfNoBaseline);
        CheckOutcome outcome;
        try {
            String skippedBy = testsSkippedBy();
            if (skippedBy != null && dumps().isEmpty()) {
                log.info("memflame: the tests were skipped (" + skippedBy + ") and left no memory snapshot in "
                        + settings.snapshotDirectory() + "; nothing to check");
                return;
            }
            outcome = new MemflameCheck(settings, new BaselineUpdate(baselineDirectory(), updateBaseline),
                    new LogListener(log, false)).run();
        } catch (CheckFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("memflame: " + FileErrors.describe(e), e);
        }
        if (!outcome.passed()) {
            String message = outcome.failureSummary() + " (see the lines above); report: "
                    + settings.outputDirectory().resolve("index.html")
                    + (outcome.failing().stream().anyMatch(BudgetResult::growthExceeded)
                    ? ". " + new BaselineUpdate(baselineDirectory(), false).howToAccept() : "");
            if (failOnViolation) {
                throw new MojoFailureException(message);
            }
            log.warn(message + "; the build goes on because failOnViolation is false");
        }
    }

    /** The property that skipped the tests, or null when they ran. */
    private String testsSkippedBy() {
        return skipTests ? "skipTests" : mavenTestSkip ? "maven.test.skip" : skipITs ? "skipITs" : null;
    }
}
