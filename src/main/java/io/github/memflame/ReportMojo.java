package io.github.memflame;

import java.io.File;
import java.io.IOException;
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
 *
 * <p>Implements the reporting API directly rather than through {@code AbstractMavenReport}, whose command-line
 * {@code execute()} would need the site renderer: the report is an external one, written by the plugin itself.
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractMemflameMojo implements MavenMultiPageReport {
    /** The report's directory under the site: the menu links to {@code memflame/index.html}. */
    static final String SITE_DIRECTORY = "memflame";

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            if (canGenerateReport()) {
                write();
            }
        } catch (MavenReportException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    @Override
    public void generate(Sink sink, SinkFactory sinkFactory, Locale locale) throws MavenReportException {
        if (canGenerateReport()) {
            write();
        }
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
                getLog().warn("memflame: " + outcome.exceeded().size() + " memory budget check(s) exceeded; the "
                        + "report goal does not fail the build, the check goal does");
            }
        } catch (MojoFailureException | CheckFailure e) {
            throw new MavenReportException(e.getMessage());
        } catch (IOException e) {
            throw new MavenReportException("memflame could not read snapshots or write its report: "
                    + e.getMessage(), e);
        }
    }

    /** False, with an info line, when the goal is skipped or there is no dump to report on. */
    @Override
    public boolean canGenerateReport() throws MavenReportException {
        if (skip) {
            getLog().info("memflame: skipped (memflame.skip)");
            return false;
        }
        List<String> names;
        try {
            names = snapshotNames();
        } catch (IOException e) {
            throw new MavenReportException("memflame could not list the memory snapshots: " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            getLog().info("memflame: no memory snapshot in " + snapshotDirectory + "; no Memory report");
            return false;
        }
        return true;
    }

    @Override
    public String getOutputName() {
        return SITE_DIRECTORY + "/index";
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
        outputDirectory = new File(siteDirectory, SITE_DIRECTORY);
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
