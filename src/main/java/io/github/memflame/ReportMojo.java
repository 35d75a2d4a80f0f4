package io.github.memflame;

import io.github.memflame.check.CheckFailure;
import io.github.memflame.check.CheckOutcome;
import io.github.memflame.check.CheckSettings;
import io.github.memflame.check.Defaults;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.check.SnapshotFiles;
import io.github.memflame.files.FileErrors;
import io.github.memflame.summary.ReportFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.doxia.sink.SinkFactory;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.reporting.MavenMultiPageReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * The memory report as a site report: under {@code <reporting>}, {@code mvn site} lists "Memory" under Project
 * Reports and links it to the same index and flame graphs {@code check} writes ({@code memflame/index.html}).
 * Run on its own ({@code mvn memflame:report}) it writes that report too. It never fails the build on a budget:
 * that is what {@code check} is for.
 *
 * <pre>{@code
 * <reporting>
 *   <plugins>
 *     <plugin>
 *       <groupId>io.github.memflame</groupId>
 *       <artifactId>memflame-maven-plugin</artifactId>
 *       <version>0.1.0-SNAPSHOT</version>
 *       <reportSets><reportSet><reports><report>report</report></reports></reportSet></reportSets>
 *     </plugin>
 *   </plugins>
 * </reporting>
 * }</pre>
 */
// The reporting API is implemented directly rather than through AbstractMavenReport, whose command-line execute()
// would need the site renderer: the report is an external one, written by the plugin itself.
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractMemflameMojo implements MavenMultiPageReport {
    /** Run on its own, the goal reads the dumps and writes the report, whatever its budgets say. */
    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        try {
            if (hasDumps()) {
                write();
            }
        } catch (MavenReportException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /**
     * In the site, a report {@code check} wrote in this build (its summary newer than every dump) is linked as it
     * is: it was made with the build configuration (budgets and all), which Maven does not pass to
     * {@code <reporting>}. Otherwise the report is written here.
     */
    @Override
    public void generate(Sink sink, SinkFactory sinkFactory, Locale locale) throws MavenReportException {
        if (!canGenerateReport()) {
            return;
        }
        if (checkReportUpToDate()) {
            getLog().info("memflame: the site links the Memory report check wrote: " + outputDirectory.toPath()
                    .resolve(ReportFiles.INDEX));
            return;
        }
        write();
    }

    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        generate(sink, null, locale);
    }

    private void write() throws MavenReportException {
        try {
            CheckSettings settings = settings(false);
            // Budget violations are logged as warnings: the report goal reports, the check goal fails the build.
            CheckOutcome outcome = new MemflameCheck(settings, new LogListener(getLog(), true)).run();
            if (!outcome.passed()) {
                getLog().warn("memflame: " + (outcome.exceeded().isEmpty() ? outcome.failureSummary()
                        : outcome.exceeded().size() + " memory budget check(s) exceeded")
                        + "; the report goal does not fail the build, the check goal does");
            }
        } catch (MojoFailureException | CheckFailure e) {
            throw new MavenReportException(e.getMessage());
        } catch (IOException e) {
            throw new MavenReportException("memflame: " + FileErrors.describe(e), e);
        }
    }

    /** False, with an info line, when the goal is skipped or there is neither a dump nor a report of check. */
    @Override
    public boolean canGenerateReport() throws MavenReportException {
        return !skipped() && (Files.isRegularFile(summaryFile()) || hasDumps());
    }

    private boolean hasDumps() throws MavenReportException {
        if (dumpFiles().isEmpty()) {
            getLog().info("memflame: no memory snapshot in " + snapshotDirectory + "; no Memory report");
            return false;
        }
        return true;
    }

    private boolean checkReportUpToDate() throws MavenReportException {
        Path summary = summaryFile();
        try {
            if (!Files.isRegularFile(summary)) {
                return false;
            }
            FileTime written = Files.getLastModifiedTime(summary);
            for (Path dump : dumpFiles()) {
                if (Files.getLastModifiedTime(dump).compareTo(written) > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new MavenReportException("memflame could not read the time of " + summary + ": " + e.getMessage(), e);
        }
    }

    private Path summaryFile() {
        return outputDirectory.toPath().resolve(ReportFiles.SUMMARY);
    }

    private List<Path> dumpFiles() throws MavenReportException {
        try {
            return dumps().stream().map(SnapshotFiles.Dump::file).toList();
        } catch (CheckFailure e) {
            throw new MavenReportException(e.getMessage());
        } catch (IOException e) {
            throw new MavenReportException("memflame: " + FileErrors.describe(e), e);
        }
    }

    @Override
    public String getOutputName() {
        return Defaults.REPORT_DIRECTORY_NAME + "/index";
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "Memory";
    }

    @Override
    public String getDescription(Locale locale) {
        return "Memory flame graphs and budgets of the tracemalloc snapshots the test run left.";
    }

    /** The site's directory; the report goes into its {@code memflame} sub-directory. */
    @Override
    public void setReportOutputDirectory(File siteDirectory) {
        outputDirectory = new File(siteDirectory, Defaults.REPORT_DIRECTORY_NAME);
    }

    @Override
    public File getReportOutputDirectory() {
        return outputDirectory.getParentFile();
    }

    @Override
    public boolean isExternalReport() {
        return true;
    }
}
