package io.github.memflame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.check.ViewSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code view} goal configured by Maven's own configurator from the generated plugin descriptor, as from the
 * command line: its properties become plain values with paths resolved against the current directory, and bad input
 * fails the goal with {@code check}'s message, never with a stack trace ({@link MojoFailureException}).
 */
@MojoTest
class ViewMojoTest {
    /** Where relative paths resolve: the project's directory here, the current directory when there is no POM. */
    private static final Path BASE = Path.of(System.getProperty("user.dir"));
    private static final Path TOWN = BASE.resolve("src/it/passing-budgets/snapshots/scene-2-town.json.gz");
    private static final Path TRUNCATED = BASE.resolve("src/test/resources/fixtures/broken/truncated.pickle");
    private static final Path OUTPUT = BASE.resolve("target/mojo-tests/view-report");

    @Inject
    private MavenSession session;

    /** As {@code mvn memflame:view -Ddumps=... -Dmemflame.outputDirectory=...} would set them. */
    @BeforeEach
    void commandLine() {
        session.getUserProperties().setProperty("dumps", BASE.relativize(TOWN) + ", " + TRUNCATED);
        session.getUserProperties().setProperty("memflame.outputDirectory", BASE.relativize(OUTPUT).toString());
        session.getUserProperties().setProperty("memflame.stripPrefixes", "I:/G1/trunk/code/Script/Python/,/home/b/");
        session.getUserProperties().setProperty("memflame.sourceRoots", "src/main/python");
        session.getUserProperties().setProperty("memflame.fileNameEncoding", "GBK");
        session.getUserProperties().setProperty("memflame.maxDecompressedSize", "8 GiB");
    }

    @Test
    @InjectMojo(goal = "view")
    void thePropertiesBecomePlainValuesWithPathsResolvedAgainstTheCurrentDirectory(ViewMojo mojo) throws Exception {
        ViewSettings settings = mojo.settings();
        assertEquals(List.of(TOWN, TRUNCATED), settings.dumps(), "relative and absolute, in the order given");
        assertEquals(OUTPUT, settings.outputDirectory());
        assertEquals(List.of("I:/G1/trunk/code/Script/Python/", "/home/b/"), settings.stripPrefixes());
        assertEquals(List.of(BASE.resolve("src/main/python")), settings.sourceRoots());
        assertEquals("GBK", settings.fileNameEncoding().name());
        assertEquals(8L << 30, settings.maxDecompressedBytes());
    }

    @Test
    @InjectMojo(goal = "view")
    void aDumpThatCannotBeReadFailsTheGoalAsCheckFailsAndWritesNothing(ViewMojo mojo) {
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().startsWith("Cannot read memory snapshot " + TRUNCATED + ": "),
                failure.getMessage());
        assertFalse(Files.exists(OUTPUT));
    }

    @Test
    @InjectMojo(goal = "view")
    @MojoParameter(name = "fileNameEncoding", value = "KLINGON-8")
    void anUnknownEncodingFailsNamingTheParameter(ViewMojo mojo) {
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::settings);
        assertTrue(failure.getMessage().startsWith("memflame: fileNameEncoding 'KLINGON-8'"), failure.getMessage());
    }
}
