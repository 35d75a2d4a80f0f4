package io.github.memflame;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.check.CheckSettingsBuilder;
import io.github.memflame.check.Defaults;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.check.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The baseline parameters of {@code check} and the goal {@code baseline}, configured by Maven's own configurator
 * from the generated plugin descriptor, on the real before/after fixtures ({@code src/test/resources/baseline}).
 */
@MojoTest
class BaselineMojosTest {
    private static final String POM_HEAD = "<project><build><plugins><plugin>"
            + "<artifactId>memflame-maven-plugin</artifactId><configuration>";
    private static final String POM_TAIL = "</configuration></plugin></plugins></build></project>";
    private static final String STRIP = "<stripPrefixes><stripPrefix>I:/G1/trunk/code/Script/Python/</stripPrefix>"
            + "</stripPrefixes>";
    private static final String AFTER = "<snapshotDirectory>${project.basedir}/src/test/resources/baseline/after"
            + "</snapshotDirectory>";
    private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));

    @Inject
    private MavenSession session;

    /** As a POM's memflame configuration or {@code -Dmemflame.outputDirectory} would say where check's report is. */
    private void checkWritesTo(Path report) {
        session.getUserProperties().setProperty(ConfiguredDirectory.OUTPUT_DIRECTORY_PROPERTY, report.toString());
    }

    private static MojoFailureException failure(org.apache.maven.plugin.Mojo mojo) {
        return assertThrows(MojoFailureException.class, mojo::execute);
    }

    /** The report of the fixtures' first run, written by the core as {@code check} writes it. */
    private static Path beforeReport(String directory) throws Exception {
        Path report = BASEDIR.resolve("target/mojo-tests").resolve(directory);
        new MemflameCheck(CheckSettingsBuilder.snapshots(BASEDIR.resolve("src/test/resources/baseline/before"))
                .output(report).stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/")).build(),
                new RecordingListener()).run();
        return report;
    }

    @Test
    @InjectMojo(goal = "check")
    void checkHasNoBaselineByDefaultAndOnlyWarnsWhenOneIsMissing(CheckMojo mojo) throws Exception {
        assertNull(mojo.settings(true).baseline());
        assertEquals(false, getVariableValueFromObject(mojo, "failIfNoBaseline"));
        assertFalse(mojo.settings(true, false).failIfNoBaseline());
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "baseline", value = "${project.basedir}/target/mojo-tests/last-green")
    @MojoParameter(name = "failIfNoBaseline", value = "true")
    void baselineAndFailIfNoBaselineBind(CheckMojo mojo) throws Exception {
        assertEquals(BASEDIR.resolve("target/mojo-tests/last-green"), mojo.settings(true).baseline());
        assertEquals(true, getVariableValueFromObject(mojo, "failIfNoBaseline"));
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + AFTER + STRIP
            + "<outputDirectory>${project.basedir}/target/mojo-tests/no-baseline-report</outputDirectory>"
            + "<baseline>${project.basedir}/target/mojo-tests/no-such-baseline</baseline>"
            + "<failIfNoBaseline>true</failIfNoBaseline>" + POM_TAIL)
    void aMissingBaselineFailsWithFailIfNoBaseline(CheckMojo mojo) {
        Path missing = BASEDIR.resolve("target/mojo-tests/no-such-baseline");
        assertEquals("No baseline at " + missing + " (not found): growth not checked, and "
                + "failIfNoBaseline is true. Restore the last green build's report there, or set baseline to where "
                + "it is.", failure(mojo).getMessage());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM_HEAD + AFTER + STRIP
            + "<outputDirectory>${project.basedir}/target/mojo-tests/growth-after</outputDirectory>"
            + "<baseline>${project.basedir}/target/mojo-tests/growth-before</baseline>"
            + "<budgets><budget><path>client/controller</path><max>4 MiB</max><maxGrowth>10%</maxGrowth></budget>"
            + "</budgets>" + POM_TAIL)
    void theLeakFailsTheBuildOnGrowth(CheckMojo mojo) throws Exception {
        beforeReport("growth-before");
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        assertEquals("1 memory budget exceeded (see the lines above); report: "
                + BASEDIR.resolve("target/mojo-tests/growth-after/index.html") + ". To accept this growth as the new "
                + "baseline: mvn verify -Dmemflame.updateBaseline, then commit "
                + BASEDIR.resolve("src/test/memflame-baseline"), failure(mojo).getMessage());
        assertTrue(log.has("[ERROR] Memory growth exceeded: client/controller (self) in scene-3-battle.pickle: "
                + "+241.9 KiB since baseline (+13.8%) > allowed +10% of the baseline (175.1 KiB)"),
                String.join("\n", log.lines));
        assertTrue(log.has("[INFO] Memory budget client/controller (self) in scene-1-login.pickle: 812 B of 4.0 MiB "
                + "(0.0%), 0 B since baseline (0.0%, allowed +10% of the baseline (81 B))"),
                String.join("\n", log.lines));
    }

    @Test
    @InjectMojo(goal = "baseline")
    void theBaselineGoalsDefaults(BaselineMojo mojo) throws Exception {
        assertEquals(false, getVariableValueFromObject(mojo, "skip"));
        assertEquals(BASEDIR.resolve("src/test/memflame-baseline").toFile(),
                getVariableValueFromObject(mojo, "baselineDirectory"));
    }

    @Test
    @InjectMojo(goal = "baseline")
    @MojoParameter(name = "baselineDirectory", value = "${project.basedir}/target/mojo-tests/baseline-goal-copy")
    void theBaselineGoalCopiesTheSummaryAndFoldedStacksOnly(BaselineMojo mojo) throws Exception {
        Path report = beforeReport("baseline-goal-report");
        checkWritesTo(report);
        Path copy = BASEDIR.resolve("target/mojo-tests/baseline-goal-copy");
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("[INFO] memflame: baseline of 3 snapshots (10 files) written to " + copy + " from "
                + report + "; set <baseline> or -Dmemflame.baseline to it"), log.lines);
        try (Stream<Path> files = Files.walk(copy)) {
            List<String> names = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
            assertEquals(11, names.size(), "the summary, 6 folded files, 3 lines files and the marker: " + names);
            assertTrue(names.contains("memflame.json"));
            assertTrue(names.contains(".memflame-report"));
            assertTrue(names.stream().noneMatch(name -> name.endsWith(".svg") || name.endsWith(".html")
                    || name.endsWith(".pickle")), names.toString());
        }
    }

    @Test
    @InjectMojo(goal = "baseline")
    @MojoParameter(name = "baselineDirectory", value = "${project.basedir}/target/mojo-tests/never-copied")
    void theBaselineGoalWithoutAReportSaysToRunTheBuild(BaselineMojo mojo) {
        Path report = BASEDIR.resolve("target/mojo-tests/never-checked");
        checkWritesTo(report);
        assertEquals("memflame: No memflame report in " + report + " (expected " + report.resolve("memflame.json")
                + "): run `mvn verify` first, so that the check goal writes the report, then memflame:baseline",
                failure(mojo).getMessage());
        assertFalse(Files.exists(BASEDIR.resolve("target/mojo-tests/never-copied")));
    }

    @Test
    @InjectMojo(goal = "baseline")
    @MojoParameter(name = "skip", value = "true")
    void theBaselineGoalCanBeSkipped(BaselineMojo mojo) throws Exception {
        checkWritesTo(BASEDIR.resolve("target/mojo-tests/never-checked"));
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("[INFO] memflame: skipped (memflame.skip)"), log.lines);
    }

    @Test
    @InjectMojo(goal = "baseline")
    @MojoParameter(name = "maxDecompressedSize", value = "lots")
    void theBaselineGoalRefusesASizeThatIsNone(BaselineMojo mojo) {
        assertTrue(failure(mojo).getMessage().startsWith("memflame: maxDecompressedSize: 'lots' is not a byte size"));
    }

    @Test
    void theDescriptorDeclaresTheGoalThreadSafeReadingWhereCheckWrites() throws Exception {
        Document descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(BASEDIR.resolve("target/classes/META-INF/maven/plugin.xml").toFile());
        Element baseline = mojo(descriptor, "baseline");
        assertEquals("true", text(baseline, "threadSafe"));
        Element checkOutput = configured(mojo(descriptor, "check"), "outputDirectory");
        assertEquals(ConfiguredDirectory.OUTPUT_DIRECTORY_PROPERTY, checkOutput.getTextContent().replaceAll("[${}]", ""),
                "baseline finds check's report by the property check declares");
        assertEquals("${project.reporting.outputDirectory}/" + Defaults.REPORT_DIRECTORY_NAME,
                checkOutput.getAttribute("default-value"), "and by its default");
        assertThrows(AssertionError.class, () -> configured(baseline, "outputDirectory"),
                "baseline reads the report where the POM configures check's, so it does not declare it again");
        assertEquals("${memflame.baselineDirectory}", configured(baseline, "baselineDirectory").getTextContent());
        assertEquals("${memflame.baseline}", configured(mojo(descriptor, "check"), "baseline").getTextContent());
        assertEquals("${memflame.failIfNoBaseline}", configured(mojo(descriptor, "check"), "failIfNoBaseline")
                .getTextContent());
    }

    private static Element mojo(Document descriptor, String goal) {
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (goal.equals(text(mojo, "goal"))) {
                return mojo;
            }
        }
        throw new AssertionError("no goal " + goal + " in plugin.xml");
    }

    private static String text(Element mojo, String child) {
        return mojo.getElementsByTagName(child).item(0).getTextContent();
    }

    /** The {@code <configuration>} entry of a parameter: its property and default. */
    private static Element configured(Element mojo, String parameter) {
        Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
        Element entry = (Element) configuration.getElementsByTagName(parameter).item(0);
        if (entry == null) {
            throw new AssertionError("no configuration of " + parameter);
        }
        return entry;
    }
}
