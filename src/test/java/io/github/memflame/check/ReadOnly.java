package io.github.memflame.check;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes a file or directory read-only for this process, as a user meets it: POSIX permissions, or, when they do
 * not bind (tests running as root, as in many CI containers), the immutable attribute ({@code chattr +i}, which
 * binds root too). Skips the test when neither is possible here. Closing makes it writable again.
 */
public final class ReadOnly implements AutoCloseable {
    private final Path path;
    private final Set<PosixFilePermission> permissions;
    private final boolean immutable;

    private ReadOnly(Path path, Set<PosixFilePermission> permissions, boolean immutable) {
        this.path = path;
        this.permissions = permissions;
        this.immutable = immutable;
    }

    public static ReadOnly make(Path path) throws IOException, InterruptedException {
        assumeTrue(Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class),
                "POSIX permissions are needed");
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(path);
        Set<PosixFilePermission> readOnly = EnumSet.copyOf(before);
        readOnly.removeAll(Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_WRITE));
        Files.setPosixFilePermissions(path, readOnly);
        if (!Files.isWritable(path)) {
            return new ReadOnly(path, before, false);
        }
        Files.setPosixFilePermissions(path, before);
        boolean immutable = chattr("+i", path);
        assumeTrue(immutable && !Files.isWritable(path), "permissions do not bind this user (root) and chattr +i "
                + "is not available");
        return new ReadOnly(path, before, true);
    }

    private static boolean chattr(String flag, Path path) throws InterruptedException {
        try {
            Process chattr = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
            chattr.getInputStream().readAllBytes();
            return chattr.waitFor(30, TimeUnit.SECONDS) && chattr.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        if (immutable) {
            chattr("-i", path);
        } else {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
