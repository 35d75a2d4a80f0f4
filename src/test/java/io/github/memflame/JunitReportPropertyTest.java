package io.github.memflame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dmemflame.junitReport=} turns the JUnit report off. (An empty {@code <junitReport/>} in the POM cannot:
 * Maven takes an empty element for an absent one and uses the default, hence {@code none}, tested with the others.)
 */
@MojoTest
class JunitReportPropertyTest {
    @Inject
    private MavenSession session;

    @BeforeEach
    void commandLine() {
        session.getUserProperties().setProperty("memflame.junitReport", "");
    }

    @Test
    @InjectMojo(goal = "check")
    void anEmptyPropertyWritesNoJunitReport(CheckMojo mojo) {
        assertEquals(null, mojo.ciOutputs(Map.of()).junitReport());
    }
}
