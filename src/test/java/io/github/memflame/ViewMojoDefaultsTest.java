package io.github.memflame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.check.ViewSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The {@code view} goal run with nothing set, as {@code mvn memflame:view} without {@code -Ddumps}. */
@MojoTest
class ViewMojoDefaultsTest {
    @Test
    @InjectMojo(goal = "view")
    void theReportGoesToMemflameReportInTheCurrentDirectoryAndNoDumpIsAFailure(ViewMojo mojo) throws Exception {
        ViewSettings settings = mojo.settings();
        assertEquals(List.of(), settings.dumps());
        assertEquals(Path.of(System.getProperty("user.dir"), "memflame-report"), settings.outputDirectory());
        assertEquals(List.of(), settings.stripPrefixes());
        assertEquals(List.of(), settings.sourceRoots());
        assertEquals(StandardCharsets.UTF_8, settings.fileNameEncoding());
        assertEquals(4L << 30, settings.maxDecompressedBytes());

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().startsWith("No dump to view: name the tracemalloc dumps with "
                + "-Ddumps=a.pickle,b.pickle.gz"), failure.getMessage());
    }

    /** Skipped as every goal is, by the base all goals share; without it this run would fail for want of a dump. */
    @Test
    @InjectMojo(goal = "view")
    @MojoParameter(name = "skip", value = "true")
    void skipSkipsTheViewToo(ViewMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("[INFO] memflame: skipped (memflame.skip)"), log.lines);
    }
}
