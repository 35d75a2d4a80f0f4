package io.github.memflame.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.memflame.check.CheckSettingsBuilder;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.check.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a baseline is made of are regular files inside its directory, or are refused at once: a FIFO in place
 * of one made {@code memflame:baseline} wait forever.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "FIFOs and backslashes in file names")
class BaselineFilesTest {
    private static final String STACK = "scene-1-login.pickle.stack.folded.gz";
    private static final String PATH = "scene-1-login.pickle.path.folded.gz";

    @TempDir
    Path temp;

    private Path report() throws Exception {
        return report("memflame");
    }

    private Path report(String name) throws Exception {
        Path report = temp.resolve("target/site").resolve(name);
        new MemflameCheck(CheckSettingsBuilder.snapshots(Path.of("src/test/resources/baseline/before")).output(report)
                .stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/")).build(), new RecordingListener()).run();
        return report;
    }

    private static void mkfifo(Path path) throws Exception {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        mkfifo.getInputStream().readAllBytes();
        assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    }

    private static BaselineException readFailure(Path report) {
        return assertThrows(BaselineException.class, () -> new BaselineReader(1L << 30).read("report",
                report.resolve("memflame.json")));
    }

    @Test
    @Timeout(30)
    void aSummaryThatIsAFifoIsRefusedAtOnce() throws Exception {
        Path report = report();
        Files.delete(report.resolve("memflame.json"));
        mkfifo(report.resolve("memflame.json"));
        BaselineException configured = assertThrows(BaselineException.class, () -> BaselineReader.summaryFile(report));
        assertEquals("Cannot read the baseline: " + report.resolve("memflame.json") + ": expected a memflame.json "
                + "file, found something that is not a regular file (a FIFO, a device or a socket), which is never "
                + "read", configured.getMessage());
        BaselineException copied = assertThrows(BaselineException.class,
                () -> new BaselineCopier(1L << 30).copy(report, temp.resolve("baseline")));
        assertEquals("Cannot read the report: " + report.resolve("memflame.json") + ": expected a memflame.json file, "
                + "found something that is not a regular file (a FIFO, a device or a socket), which is never read",
                copied.getMessage());
        assertFalse(Files.exists(temp.resolve("baseline")));
    }

    @Test
    @Timeout(30)
    void aFoldedFileThatIsAFifoIsRefusedAtOnceByTheReaderAndTheCopier() throws Exception {
        Path report = report();
        Files.delete(report.resolve(STACK));
        mkfifo(report.resolve(STACK));
        assertEquals(report.resolve("memflame.json") + ": snapshots[0] ('scene-1-login.pickle'): expected the file "
                + report.resolve(STACK) + " that folded.stack names, found something that is not a regular file (a "
                + "FIFO, a device or a socket), which is never read", readFailure(report).getMessage());

        Path other = report("other");
        Files.delete(other.resolve(PATH));
        mkfifo(other.resolve(PATH));
        BaselineException copied = assertThrows(BaselineException.class,
                () -> new BaselineCopier(1L << 30).copy(other, temp.resolve("baseline")));
        assertTrue(copied.getMessage().endsWith("found something that is not a regular file (a FIFO, a device or a "
                + "socket), which is never read"), copied.getMessage());
        assertFalse(Files.exists(temp.resolve("baseline")));
    }

    @Test
    void aFoldedFileThatIsADirectoryIsRefused() throws Exception {
        Path report = report();
        Files.delete(report.resolve(STACK));
        Files.createDirectories(report.resolve(STACK));
        assertTrue(readFailure(report).getMessage().endsWith("that folded.stack names, found a directory"));
    }

    /** The reader refuses a name with a backslash itself, so nothing downstream can read it as two components. */
    @Test
    void theReaderRefusesANameWithABackslash() throws Exception {
        Path report = report();
        Path summary = report.resolve("memflame.json");
        Files.copy(report.resolve(STACK), report.resolve("x\\" + STACK));
        Files.writeString(summary, Files.readString(summary).replace("\"" + STACK + "\"", "\"x\\\\" + STACK + "\""));
        assertEquals(summary + ": snapshots[0] ('scene-1-login.pickle'): folded.stack: expected a file inside the "
                + "baseline directory " + report + ", found 'x\\" + STACK + "', which holds '\\' (a separator on "
                + "Windows and a character elsewhere, so it may lead out of it there); names use '/'",
                readFailure(report).getMessage());
    }
}
