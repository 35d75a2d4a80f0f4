package io.github.memflame;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.check.CheckSettings;
import io.github.memflame.check.CiOutputs;
import io.github.memflame.render.SvgOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every simple parameter can be set on the command line through its {@code memflame.*} property. */
@MojoTest
class MojoPropertiesTest {
    /** Absolute on every OS, as a CI job passes them. */
    private static final Path LAST_GREEN = Path.of(System.getProperty("java.io.tmpdir"), "last-green", "memflame");
    private static final Path COMMITTED = Path.of(System.getProperty("java.io.tmpdir"), "repo", "memflame-baseline");
    private static final Instant BUILD_START = Instant.parse("2024-05-18T10:00:00Z");

    @Inject
    private MavenSession session;

    /** As {@code mvn verify -Dmemflame.width=1600 ...} would set them. */
    @BeforeEach
    void commandLine() {
        session.getUserProperties().setProperty("memflame.width", "1600");
        session.getUserProperties().setProperty("memflame.inverted", "true");
        session.getUserProperties().setProperty("memflame.diffThreshold", "5");
        session.getUserProperties().setProperty("memflame.title", "Battle client memory");
        session.getUserProperties().setProperty("memflame.warnAtPercent", "90");
        session.getUserProperties().setProperty("memflame.failOnViolation", "false");
        session.getUserProperties().setProperty("memflame.includes", "scenes/**/*.pickle,**/*.json");
        session.getUserProperties().setProperty("memflame.fileNameEncoding", "GBK");
        session.getUserProperties().setProperty("skipITs", "true");
        session.getUserProperties().setProperty("memflame.junitReport", "build/ci/TEST-memory.xml");
        session.getUserProperties().setProperty("memflame.githubStepSummary", "false");
        session.getUserProperties().setProperty("memflame.baseline", LAST_GREEN.toString());
        session.getUserProperties().setProperty("memflame.failIfNoBaseline", "true");
        session.getUserProperties().setProperty("memflame.baselineDirectory", COMMITTED.toString());
        session.getUserProperties().setProperty("memflame.failOnUnmatched", "false");
        session.getRequest().setStartTime(Date.from(BUILD_START));
    }

    @Test
    @InjectMojo(goal = "check")
    void checkTakesItsParametersFromProperties(CheckMojo mojo) throws Exception {
        CheckSettings settings = mojo.settings(true);
        assertEquals(new SvgOptions("Battle client memory", 1600, 0.1, true, 16, 12, 5), settings.svgOptions());
        assertEquals(90, settings.warnAtPercent());
        assertEquals(List.of("scenes/**/*.pickle", "**/*.json"), settings.includes());
        assertEquals("GBK", settings.fileNameEncoding().name());
        assertEquals(false, getVariableValueFromObject(mojo, "failOnViolation"));
        assertEquals(true, getVariableValueFromObject(mojo, "skipITs"));
        assertEquals(new CiOutputs(Path.of(System.getProperty("user.dir"), "build/ci/TEST-memory.xml"), null),
                mojo.ciOutputs(Map.of("GITHUB_STEP_SUMMARY", "/tmp/step_summary")));
        assertEquals(LAST_GREEN, settings.baseline());
        assertEquals(true, getVariableValueFromObject(mojo, "failIfNoBaseline"));
        assertEquals(false, settings.failOnUnmatched());
        assertEquals(BUILD_START, settings.buildStart());
    }

    @Test
    @InjectMojo(goal = "baseline")
    void theBaselineGoalTakesItsDirectoryFromItsProperty(BaselineMojo mojo) throws Exception {
        assertEquals(COMMITTED.toFile(),
                getVariableValueFromObject(mojo, "baselineDirectory"));
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "width", value = "1400")
    void explicitConfigurationWinsOverTheProperty(CheckMojo mojo) throws Exception {
        assertEquals(1400, mojo.settings(true).svgOptions().width());
        assertEquals(90, mojo.settings(true).warnAtPercent());
    }

    @Test
    @InjectMojo(goal = "report")
    void reportTakesTheSameProperties(ReportMojo mojo) throws Exception {
        assertEquals(new SvgOptions("Battle client memory", 1600, 0.1, true, 16, 12, 5), mojo.settings(false).svgOptions());
        assertEquals(CiOutputs.NONE, mojo.settings(false).ciOutputs(), "the report goal writes no CI output");
    }
}
