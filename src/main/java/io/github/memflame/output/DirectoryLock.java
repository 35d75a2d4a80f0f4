package io.github.memflame.output;

import io.github.memflame.files.FileErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Makes the runs that write one output directory take turns, so that two builds of one project at the same moment
 * (an IDE build and a terminal one) never mix their outputs: each report, JUnit file and baseline is whole and is
 * one build's. Between processes it is a file lock on a lock file; within one JVM (a parallel build, {@code -T})
 * also a {@link ReentrantLock} per lock file, since a file lock belongs to the whole process. It is reentrant: a
 * check holds its output's lock for the whole run and writes the report through {@link AtomicDirectory}, which
 * takes it again.
 *
 * <p>The lock file stays after the run (it holds the process id of the last holder, for the waiting message):
 * deleting it would let a third run lock a new file while a second still waits on the old one.
 */
public final class DirectoryLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, Shared> LOCKS = new ConcurrentHashMap<>();

    /** One lock file's lock in this JVM; {@code channel} and {@code fileLock} are guarded by {@code threads}. */
    private static final class Shared {
        final ReentrantLock threads = new ReentrantLock();
        FileChannel channel;
        FileLock fileLock;
    }

    private final Shared shared;
    private boolean closed;

    private DirectoryLock(Shared shared) {
        this.shared = shared;
    }

    /**
     * Waits until no other run writes what {@code lockFile} guards, then holds it until {@link #close}.
     *
     * @param writing what is guarded, for the waiting message, e.g. {@code the report /ci/target/site/memflame}
     * @param waiting told once when this run has to wait, and when the wait is over
     * @throws IOException saying which lock file could not be created or locked, and why
     */
    static DirectoryLock acquire(Path lockFile, String writing, Consumer<String> waiting) throws IOException {
        Path key;
        try {
            Path directory = Files.createDirectories(lockFile.toAbsolutePath().normalize().getParent());
            key = directory.toRealPath().resolve(lockFile.getFileName().toString());
        } catch (IOException e) {
            throw FileErrors.during("cannot create the directory of the lock file", lockFile, e);
        }
        Shared shared = LOCKS.computeIfAbsent(key, path -> new Shared());
        long start = System.nanoTime();
        boolean waited = false;
        try {
            if (!shared.threads.tryLock()) {
                waited = true;
                waiting.accept("memflame: waiting for another memflame goal of this build that is writing " + writing);
                shared.threads.lockInterruptibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the lock file " + key, e);
        }
        if (shared.threads.getHoldCount() == 1) {
            try {
                waited |= lockFile(shared, key, writing, waiting);
            } catch (IOException | RuntimeException e) {
                shared.threads.unlock();
                throw e;
            }
        }
        if (waited) {
            waiting.accept(String.format(Locale.ROOT, "memflame: done waiting after %.1f s; writing %s",
                    (System.nanoTime() - start) / 1e9, writing));
        }
        return new DirectoryLock(shared);
    }

    /** Takes the file lock; true when another process held it and this one waited. */
    private static boolean lockFile(Shared shared, Path key, String writing, Consumer<String> waiting)
            throws IOException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock fileLock = channel.tryLock();
            boolean waited = fileLock == null;
            if (waited) {
                String holder = holder(channel);
                waiting.accept("memflame: waiting for another build" + (holder == null ? "" : " (process " + holder
                        + ")") + " that is writing " + writing + "; lock file " + key);
                fileLock = channel.lock();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            shared.channel = channel;
            shared.fileLock = fileLock;
            return waited;
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw FileErrors.during("cannot create or lock the lock file", key, e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException close) {
                failure.addSuppressed(close);
            }
        }
    }

    /** The process id the holder wrote, or null when it cannot be read (Windows locks reads too). */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(24);
            channel.read(bytes, 0);
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).trim();
            return text.matches("[0-9]{1,19}") ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Lets the next run in, once the outermost holder in this thread is done. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (shared.threads.getHoldCount() == 1) {
                FileChannel channel = shared.channel;
                shared.channel = null;
                shared.fileLock = null;
                // Closing the channel releases its lock.
                channel.close();
            }
        } finally {
            shared.threads.unlock();
        }
    }
}
