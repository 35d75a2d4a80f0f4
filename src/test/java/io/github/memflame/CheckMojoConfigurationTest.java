package io.github.memflame;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.GrowthLimit;
import io.github.memflame.budget.Scope;
import io.github.memflame.check.CheckSettings;
import io.github.memflame.check.CiOutputs;
import io.github.memflame.render.SvgOptions;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The configuration checks of {@code check}, with the mojo configured by Maven's own configurator from the
 * generated plugin descriptor (defaults, properties, nested {@code <budget>} elements), as in a real build.
 */
@MojoTest
class CheckMojoConfigurationTest {
    private static final String POM_HEAD = "<project><build><plugins><plugin>"
            + "<artifactId>memflame-maven-plugin</artifactId><configuration>";
    private static final String POM_TAIL = "</configuration></plugin></plugins></build></project>";

    /** The IT dumps: scene-3-battle.pickle (client/controller self: 181,840 bytes) and scene-2-town.json.gz. */
    private static final String IT_SNAPSHOTS = "${project.basedir}/src/it/passing-budgets/snapshots";

    private static MojoFailureException failure(CheckMojo mojo) {
        return assertThrows(MojoFailureException.class, mojo::execute);
    }

    @Test
    @InjectMojo(goal = "check")
    void defaultsAreThoseTheDescriptorDocuments(CheckMojo mojo) throws Exception {
        assertEquals(false, getVariableValueFromObject(mojo, "skip"));
        assertEquals(true, getVariableValueFromObject(mojo, "failIfNoSnapshots"));
        assertEquals(true, getVariableValueFromObject(mojo, "failOnViolation"));
        assertEquals(false, getVariableValueFromObject(mojo, "skipTests"));
        CheckSettings settings = mojo.settings(true);
        assertEquals(List.of(), settings.includes());
        assertEquals(List.of(), settings.budgets());
        assertTrue(settings.failOnUnreadable());
        assertEquals(Charset.forName("UTF-8"), settings.fileNameEncoding());
        assertEquals(4L * 1024 * 1024 * 1024, settings.maxDecompressedBytes());
        assertEquals(0, settings.warnAtPercent());
        assertEquals(SvgOptions.defaults(), settings.svgOptions());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.threads());
        assertTrue(settings.failOnUnmatched());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + """
            <budgets>
              <budget><path>client</path><max>1 MiB</max><snapshots>scene-[12].pickle</snapshots></budget>
            </budgets>
            """ + POM_TAIL)
    void aSnapshotsGlobMemflameCannotMatchFailsAtConfigurationTimeNamingTheBudget(CheckMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo.settings(true));
        assertEquals("memflame: budget 1 (path 'client'): <snapshots>scene-[12].pickle</snapshots> is no glob memflame "
                + "knows: '[' at position 7 (memflame globs have *, ** and ?, no character classes or alternatives); "
                + "write e.g. <snapshots>**/*battle*</snapshots>", e.getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + """
            <budgets>
              <budget><path>client/controller</path><max>20 MiB</max></budget>
              <budget>
                <path> common/data/skill_table.py </path><max>16MB</max><scope>inclusive</scope>
                <snapshots>**/*battle*</snapshots><level>warn</level>
              </budget>
              <budget><path>/</path><max>1.5 GiB</max><scope>SELF</scope><level>Fail</level></budget>
            </budgets>
            """ + POM_TAIL)
    void nestedBudgetsBindIntoBudgets(CheckMojo mojo) throws Exception {
        assertEquals(List.of(
                new Budget("client/controller", 20L * 1024 * 1024, "20 MiB", Scope.SELF, null, BudgetLevel.FAIL),
                new Budget("common/data/skill_table.py", 16_000_000, "16MB", Scope.INCLUSIVE, "**/*battle*",
                        BudgetLevel.WARN),
                new Budget("/", 1536L * 1024 * 1024, "1.5 GiB", Scope.SELF, null, BudgetLevel.FAIL)),
                mojo.settings(true).budgets());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + "<budgets><budget><path>client</path></budget></budgets>" + POM_TAIL)
    void aBudgetWithoutMaxFailsNamingIt(CheckMojo mojo) {
        assertEquals("memflame: budget 1 (path 'client') has no limit; write e.g. <max>20 MiB</max>, "
                + "<maxGrowth>10%</maxGrowth> or <maxDrift>20%</maxDrift>, or several of them",
                failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + """
            <budgets>
              <budget><path>client/controller</path><max>20 MiB</max><maxGrowth> 10% </maxGrowth></budget>
              <budget><path>client/ui</path><maxGrowth>2 MiB</maxGrowth><level>warn</level></budget>
            </budgets>
            """ + POM_TAIL)
    void maxGrowthBindsNextToOrInsteadOfMax(CheckMojo mojo) throws Exception {
        assertEquals(List.of(
                new Budget("client/controller", 20L * 1024 * 1024, "20 MiB", Scope.SELF, null, BudgetLevel.FAIL,
                        new GrowthLimit(-1, new BigDecimal("10"), "10%")),
                new Budget("client/ui", Budget.NO_MAX, null, Scope.SELF, null, BudgetLevel.WARN,
                        new GrowthLimit(2L * 1024 * 1024, null, "2 MiB"))),
                mojo.settings(true).budgets());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD
            + "<budgets><budget><path>client</path><maxGrowth>ten percent</maxGrowth></budget></budgets>" + POM_TAIL)
    void aMaxGrowthThatIsNeitherSizeNorPercentFailsNamingTheBudget(CheckMojo mojo) {
        assertEquals("memflame: budget 1 (path 'client'): 'ten percent' is not a growth limit; expected a byte size "
                + "such as '2 MiB' or a percentage of the baseline such as '10%'", failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + "<budgets><budget><path>a</path><max>1 KiB</max></budget>"
            + "<budget><path>client</path><max>20 MB/s</max></budget></budgets>" + POM_TAIL)
    void aMaxThatIsNoSizeFailsNamingTheBudgetAndTheUnits(CheckMojo mojo) {
        assertEquals("memflame: budget 2 (path 'client'): '20 MB/s' is not a byte size; expected a number with an "
                + "optional unit: B, kB, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)",
                failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD
            + "<budgets><budget><path>client</path><max>1 MiB</max><scope>outer</scope></budget></budgets>" + POM_TAIL)
    void anUnknownScopeFails(CheckMojo mojo) {
        assertEquals("memflame: budget 1 (path 'client'): unknown scope 'outer', expected 'self' or 'inclusive'",
                failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD
            + "<budgets><budget><path>client</path><max>1 MiB</max><level>error</level></budget></budgets>" + POM_TAIL)
    void anUnknownLevelFails(CheckMojo mojo) {
        assertEquals("memflame: budget 1 (path 'client'): unknown level 'error', expected 'fail' or 'warn'",
                failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "warnAtPercent", value = "101")
    void warnAtPercentAbove100Fails(CheckMojo mojo) {
        assertEquals("memflame: warnAtPercent must be from 1 to 100, or 0 for no warnings; was 101",
                failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "warnAtPercent", value = "-1")
    void negativeWarnAtPercentFails(CheckMojo mojo) {
        assertEquals("memflame: warnAtPercent must be from 1 to 100, or 0 for no warnings; was -1",
                failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "width", value = "50")
    void aNarrowGraphFails(CheckMojo mojo) {
        assertEquals("memflame: flame graph options out of range: width must be at least 100 (was 50), frameHeight "
                + "and fontSize at least 4 (were 16, 12), minFrameWidth a number of pixels of at least 0 (was 0.1)",
                failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "frameHeight", value = "3")
    @MojoParameter(name = "minFrameWidth", value = "-0.5")
    void tinyFramesFail(CheckMojo mojo) {
        assertEquals("memflame: flame graph options out of range: width must be at least 100 (was 1200), "
                + "frameHeight and fontSize at least 4 (were 3, 12), minFrameWidth a number of pixels of at least 0 "
                + "(was -0.5)",
                failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "diffThreshold", value = "150")
    void aDiffThresholdAboveAHundredPercentFails(CheckMojo mojo) {
        assertEquals("memflame: flame graph options out of range: diffThreshold must be a percentage from 0 to 100 "
                + "(was 150.0)", failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "threads", value = "0")
    void zeroThreadsFail(CheckMojo mojo) {
        assertEquals("memflame: threads must be at least 1 (leave it out for one per processor); was 0",
                failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "fileNameEncoding", value = "KLINGON-8")
    void anUnknownCharsetFails(CheckMojo mojo) {
        assertEquals("memflame: fileNameEncoding 'KLINGON-8' is not an encoding this Java knows; e.g. UTF-8, GBK, "
                + "Shift_JIS, windows-1252", failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "maxDecompressedSize", value = "lots")
    void aMaxDecompressedSizeThatIsNoSizeFails(CheckMojo mojo) {
        assertTrue(failure(mojo).getMessage().startsWith("memflame: maxDecompressedSize: 'lots' is not a byte size"));
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "snapshotDirectory", value = "${project.basedir}/target/mojo-tests/no-dumps-here")
    @MojoParameter(name = "skipTests", value = "true")
    void skippedTestsWithoutDumpsPassSayingSo(CheckMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        Path directory = Path.of(System.getProperty("user.dir"), "target/mojo-tests/no-dumps-here");
        assertEquals(List.of("[INFO] memflame: the tests were skipped (skipTests) and left no memory snapshot in "
                + directory + "; nothing to check"), log.lines);
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "snapshotDirectory", value = "${project.basedir}/target/mojo-tests/no-dumps-either")
    void withoutSkippedTestsNoDumpIsAFailure(CheckMojo mojo) {
        assertTrue(failure(mojo).getMessage().startsWith("No memory snapshot found in "));
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + "<snapshotDirectory>" + IT_SNAPSHOTS + "</snapshotDirectory>"
            + "<outputDirectory>${project.basedir}/target/mojo-tests/skipped-with-dumps</outputDirectory>"
            + "<stripPrefixes><stripPrefix>I:/G1/trunk/code/Script/Python/</stripPrefix></stripPrefixes>"
            + "<budgets><budget><path>client/controller</path><max>100 KiB</max></budget></budgets>" + POM_TAIL)
    @MojoParameter(name = "mavenTestSkip", value = "true")
    void dumpsLeftDespiteSkippedTestsAreCheckedAsUsual(CheckMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        assertTrue(failure(mojo).getMessage().startsWith("1 memory budget exceeded (see the lines above); report: "));
        assertTrue(log.has("[ERROR] Memory budget exceeded: client/controller (self) in scene-3-battle.pickle: "
                + "177.6 KiB > 100.0 KiB (+77.6 KiB, +77.6%)"), log.lines.toString());
        assertTrue(Files.isRegularFile(Path.of("target/mojo-tests/skipped-with-dumps/memflame.json")));
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + "<snapshotDirectory>" + IT_SNAPSHOTS + "</snapshotDirectory>"
            + "<outputDirectory>${project.basedir}/target/mojo-tests/warn-level</outputDirectory>"
            + "<stripPrefixes><stripPrefix>I:/G1/trunk/code/Script/Python/</stripPrefix></stripPrefixes>"
            + "<budgets><budget><path>client/controller</path><max>100 KiB</max><level>warn</level></budget>"
            + "</budgets>" + POM_TAIL)
    void anExceededBudgetOfLevelWarnPassesWithAWarning(CheckMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertTrue(log.has("[WARNING] Memory budget exceeded (level warn, the build goes on): client/controller "
                + "(self) in scene-3-battle.pickle: 177.6 KiB > 100.0 KiB (+77.6 KiB, +77.6%)"), log.lines.toString());
        assertFalse(log.lines.stream().anyMatch(line -> line.startsWith("[ERROR]")), log.lines.toString());
    }

    @Test
    @InjectMojo(goal = "check")
    void theJunitReportGoesToTargetAndNoStepSummaryOutsideGithubActions(CheckMojo mojo) throws Exception {
        Path basedir = Path.of(System.getProperty("user.dir"));
        assertEquals(new CiOutputs(basedir.resolve("target/memflame-reports/TEST-memflame.xml"), null),
                mojo.ciOutputs(Map.of()));
        assertEquals(true, getVariableValueFromObject(mojo, "githubStepSummary"));
    }

    @Test
    @InjectMojo(goal = "check")
    void inGithubActionsTheStepSummaryIsTheFileItsVariableNames(CheckMojo mojo) {
        assertEquals(Path.of("/home/runner/work/_temp/_runner_file_commands/step_summary_1"), mojo.ciOutputs(
                Map.of("GITHUB_STEP_SUMMARY", "/home/runner/work/_temp/_runner_file_commands/step_summary_1"))
                .stepSummary());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "githubStepSummary", value = "false")
    void theStepSummaryCanBeTurnedOff(CheckMojo mojo) {
        assertEquals(null, mojo.ciOutputs(Map.of("GITHUB_STEP_SUMMARY", "/tmp/step_summary")).stepSummary());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "junitReport", value = "none")
    void aJunitReportOfNoneWritesNone(CheckMojo mojo) {
        assertEquals(null, mojo.ciOutputs(Map.of()).junitReport());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "junitReport", value = "ci/memory.xml")
    void aRelativeJunitReportIsUnderTheBaseDirectory(CheckMojo mojo) {
        assertEquals(Path.of(System.getProperty("user.dir"), "ci/memory.xml"), mojo.ciOutputs(Map.of()).junitReport());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + "<snapshotDirectory>" + IT_SNAPSHOTS + "</snapshotDirectory>"
            + "<outputDirectory>${project.basedir}/target/mojo-tests/junit/memflame</outputDirectory>"
            + "<junitReport>${project.basedir}/target/mojo-tests/junit/TEST-memflame.xml</junitReport>"
            + "<stripPrefixes><stripPrefix>I:/G1/trunk/code/Script/Python/</stripPrefix></stripPrefixes>"
            + "<budgets><budget><path>client/controller</path><max>100 KiB</max></budget></budgets>" + POM_TAIL)
    void aBuildFailingOnABudgetLeavesItsJunitReport(CheckMojo mojo) throws Exception {
        Path junit = Path.of("target/mojo-tests/junit/TEST-memflame.xml");
        Files.deleteIfExists(junit);
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        assertTrue(failure(mojo).getMessage().startsWith("1 memory budget exceeded (see the lines above); report: "));
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<testsuite name=\"memflame\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"0\""),
                xml);
        assertTrue(xml.contains("<testcase classname=\"scene-3-battle.pickle\" name=\"client/controller (self)\" "
                + "time=\"0\">\n      <failure message=\"Memory budget exceeded: client/controller (self) in "
                + "scene-3-battle.pickle: 177.6 KiB &gt; 100.0 KiB (+77.6 KiB, +77.6%)\" type=\"memory budget "
                + "exceeded\">"), xml);
        assertTrue(log.has("[INFO] Memory test report (JUnit XML): " + junit.toAbsolutePath()), log.lines.toString());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "skip", value = "true")
    void skipReadsNothing(CheckMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("[INFO] memflame: skipped (memflame.skip)"), log.lines);
    }
}
