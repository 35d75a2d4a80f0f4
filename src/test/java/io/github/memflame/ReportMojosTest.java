package io.github.memflame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.reporting.MavenReport;
import org.junit.jupiter.api.Test;

/** The goals report and report-aggregate as Maven configures them from the plugin descriptor. */
@MojoTest
class ReportMojosTest {
    private static final String POM_HEAD = "<project><build><plugins><plugin>"
            + "<artifactId>memflame-maven-plugin</artifactId><configuration>";
    private static final String POM_TAIL = "</configuration></plugin></plugins></build></project>";

    @Test
    @InjectMojo(goal = "report")
    @MojoParameter(name = "snapshotDirectory", value = "${project.basedir}/target/mojo-tests/report-no-dumps")
    @MojoParameter(name = "outputDirectory", value = "${project.basedir}/target/mojo-tests/report-no-dumps/memflame")
    void noDumpNoReportWithAnInfoLine(ReportMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        assertFalse(mojo.canGenerateReport());
        assertEquals(List.of("[INFO] memflame: no memory snapshot in "
                + new File(System.getProperty("user.dir"), "target/mojo-tests/report-no-dumps")
                + "; no Memory report"), log.lines);
    }

    @Test
    @InjectMojo(goal = "report")
    @MojoParameter(name = "skip", value = "true")
    void skippedNoReport(ReportMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        assertFalse(mojo.canGenerateReport());
        assertEquals(List.of("[INFO] memflame: skipped (memflame.skip)"), log.lines);
    }

    @Test
    @InjectMojo(goal = "report")
    void itIsTheMemoryPageUnderProjectReports(ReportMojo mojo) {
        assertEquals("Memory", mojo.getName(Locale.ENGLISH));
        assertEquals(MavenReport.CATEGORY_PROJECT_REPORTS, mojo.getCategoryName());
        assertEquals("memflame/index", mojo.getOutputName());
        assertTrue(mojo.isExternalReport());
        File site = new File("target/mojo-tests/site");
        mojo.setReportOutputDirectory(site);
        assertEquals(site, mojo.getReportOutputDirectory());
        assertEquals(new File(site, "memflame"), mojo.outputDirectory);
    }

    @Test
    @InjectMojo(goal = "report", pom = POM_HEAD
            + "<snapshotDirectory>${project.basedir}/src/it/passing-budgets/snapshots</snapshotDirectory>"
            + "<outputDirectory>${project.basedir}/target/mojo-tests/report-unmatched</outputDirectory>"
            + "<stripPrefixes><stripPrefix>I:/G1/trunk/code/Script/Python/</stripPrefix></stripPrefixes>"
            + "<budgets><budget><path>client/controler</path><max>100 KiB</max></budget></budgets>" + POM_TAIL)
    void anUnmatchedBudgetIsOnlyAWarningOfTheReportGoal(ReportMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertTrue(log.has("[WARNING]   did you mean client/controller?"), log.lines.toString());
        assertTrue(log.has("[WARNING] memflame: 1 memory budget matched nothing; the report goal does not fail the "
                + "build, the check goal does"), log.lines.toString());
        assertFalse(log.lines.stream().anyMatch(line -> line.startsWith("[ERROR]")), log.lines.toString());
    }

    @Test
    @InjectMojo(goal = "report", pom = POM_HEAD
            + "<snapshotDirectory>${project.basedir}/src/it/passing-budgets/snapshots</snapshotDirectory>"
            + "<outputDirectory>${project.basedir}/target/mojo-tests/report-alone</outputDirectory>"
            + "<stripPrefixes><stripPrefix>I:/G1/trunk/code/Script/Python/</stripPrefix></stripPrefixes>"
            + "<budgets><budget><path>client/controller</path><max>100 KiB</max></budget></budgets>" + POM_TAIL)
    void aloneItWritesTheReportAndDoesNotFailOnBudgets(ReportMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertTrue(log.has("[WARNING] memflame: 1 memory budget check(s) exceeded; the report goal does not fail "
                + "the build, the check goal does"), log.lines.toString());
        assertFalse(log.lines.stream().anyMatch(line -> line.startsWith("[ERROR]")), log.lines.toString());
        JsonNode summary = new ObjectMapper().readTree(Path.of("target/mojo-tests/report-alone/memflame.json")
                .toFile());
        assertEquals("failed", summary.get("result").textValue());
        assertEquals(List.of(26_476L, 181_840L), List.of(summary.get("budgets").get(0).get("actualBytes").longValue(),
                summary.get("budgets").get(1).get("actualBytes").longValue()));
    }

    @Test
    @InjectMojo(goal = "report", pom = POM_HEAD
            + "<snapshotDirectory>${project.basedir}/src/it/passing-budgets/snapshots</snapshotDirectory>"
            + "<outputDirectory>${project.basedir}/target/mojo-tests/report-bad-config</outputDirectory>"
            + "<budgets><budget><path>client</path><max>lots</max></budget></budgets>" + POM_TAIL)
    void aBadConfigurationFailsTheReportAsItFailsCheck(ReportMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("memflame: budget 1 (path 'client'): 'lots' is not a byte size"),
                e.getMessage());
        assertFalse(Files.exists(Path.of("target/mojo-tests/report-bad-config")));
    }

    @Test
    @InjectMojo(goal = "report-aggregate")
    @MojoParameter(name = "skip", value = "true")
    void aggregateSkipped(ReportAggregateMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("[INFO] memflame: skipped (memflame.skip)"), log.lines);
    }

    @Test
    @InjectMojo(goal = "report-aggregate")
    @MojoParameter(name = "aggregateOutputDirectory", value = "${project.basedir}/target/mojo-tests/aggregate-none")
    void aggregateOverAReactorWithoutReportsWritesNothing(ReportAggregateMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("[WARNING] memflame: no module has a memory report (memflame.json); run check in the "
                + "modules first, e.g. mvn verify memflame:report-aggregate; no aggregate report written"), log.lines);
        assertFalse(Files.exists(Path.of("target/mojo-tests/aggregate-none")));
    }
}
