package io.github.memflame.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Java's file exceptions often carry only a path; what a person reads says what, where and why. */
class FileErrorsTest {
    @Test
    void aBarePathGetsItsReason() {
        assertEquals("/ci/target/site: permission denied",
                FileErrors.describe(new AccessDeniedException("/ci/target/site")));
        assertEquals("/ci/x.pickle: no such file or directory",
                FileErrors.describe(new NoSuchFileException("/ci/x.pickle")));
        assertEquals("/ci/site/memflame -> /ci/site/.memflame.old-1: the directory is not empty",
                FileErrors.describe(new DirectoryNotEmptyException("/ci/site/memflame") {
                    @Override
                    public String getOtherFile() {
                        return "/ci/site/.memflame.old-1";
                    }
                }));
    }

    @Test
    void theOperatingSystemsOwnReasonWins() {
        assertEquals("/ci/target/site/x: Operation not permitted",
                FileErrors.describe(new FileSystemException("/ci/target/site/x", null, "Operation not permitted")));
        assertEquals("/ci/target/site/x: Read-only file system", FileErrors.describe(
                new AccessDeniedException("/ci/target/site/x", null, "Read-only file system")));
    }

    @Test
    void otherErrorsKeepTheirMessage() {
        assertEquals("snapshots 'a' and 'b' would both write the report file 'x'",
                FileErrors.describe(new IOException("snapshots 'a' and 'b' would both write the report file 'x'")));
        assertEquals("IOException", FileErrors.describe(new IOException()));
    }

    @Test
    void theOperationComesFirstAndThePathIsNotRepeated() {
        Path lock = Path.of("/ci/target/.memflame.lock");
        assertEquals("cannot create or lock the lock file /ci/target/.memflame.lock: permission denied",
                FileErrors.during("cannot create or lock the lock file", lock,
                        new AccessDeniedException(lock.toString())).getMessage());
        assertEquals("cannot write the report to /ci/site/memflame: /ci/site/.memflame.staging-1: permission denied",
                FileErrors.during("cannot write the report to /ci/site/memflame",
                        new AccessDeniedException("/ci/site/.memflame.staging-1")).getMessage());
    }
}
