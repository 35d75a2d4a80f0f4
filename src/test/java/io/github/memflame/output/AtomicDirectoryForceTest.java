package io.github.memflame.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Every file of a staging directory is forced to disk before the swap, those in sub-directories too. */
class AtomicDirectoryForceTest {
    @TempDir
    Path staging;

    @Test
    void everyFileOfTheTreeIsForcedAndNothingElse() throws IOException {
        Files.writeString(staging.resolve("index.html"), "<html>");
        Files.createDirectories(staging.resolve("history"));
        for (int i = 1; i <= 9; i++) {
            Files.writeString(staging.resolve("history").resolve("build-00000" + i + ".history.json"), "{}");
        }
        Files.createDirectories(staging.resolve("scenes/battle"));
        Files.write(staging.resolve("scenes/battle/battle.pickle.stack.folded.gz"), new byte[] {31, -117});
        Files.createDirectories(staging.resolve("empty"));
        assertEquals(11, AtomicDirectory.forceFiles(staging));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links need privileges on Windows")
    void aLinkIsNeitherFollowedNorForced() throws IOException {
        Files.createSymbolicLink(staging.resolve("dangling.svg"), staging.resolve("gone"));
        Files.writeString(staging.resolve("index.html"), "<html>");
        assertEquals(1, AtomicDirectory.forceFiles(staging));
    }

    @Test
    void aReadOnlyCopyIsForcedWithoutFailingTheSwap() throws IOException {
        // As Files.copy leaves a baseline file copied from a read-only checkout (Perforce keeps files read-only).
        Path copy = Files.writeString(staging.resolve("memflame.json"), "{}");
        assertTrue(copy.toFile().setReadOnly());
        assertEquals(1, AtomicDirectory.forceFiles(staging));
    }

    @Test
    void aStagingDirectoryThatIsGoneFailsTheSwap() {
        assertThrows(IOException.class, () -> AtomicDirectory.forceFiles(staging.resolve("missing")));
    }
}
