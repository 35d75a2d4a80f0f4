package io.github.memflame.output;

import io.github.memflame.files.FileErrors;
import io.github.memflame.summary.ReportFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Replaces a whole directory at once: its new content is written into a fresh hidden staging directory next to it
 * (same parent, so on the same file system), then swapped in: the old directory is renamed away, the staging
 * directory is renamed into place and the old one is deleted. Whatever fails, and wherever the process is killed,
 * the directory holds either its previous complete content or none (killed between the two renames); never a
 * half-written one. Staging and old directories left behind by a killed run are removed by the next run.
 *
 * <p>Every directory memflame writes goes through here, so this is where the rules hold that keep it from deleting
 * what it did not write and from mixing two builds' outputs: the directory is replaced only while its
 * {@link DirectoryLock} is held (so leftovers are only ever a dead run's) and only when
 * {@link OutputDirectory#checkReplaceable} allows it, and every new directory gets the {@value ReportFiles#MARKER}
 * that allows the next run to replace it.
 */
public final class AtomicDirectory {
    private static final String STAGING = ".staging-";
    private static final String OLD = ".old-";
    /** Forcing a file waits on the disk, not a processor: more threads than cores share the journal's commits. */
    private static final int FORCING_THREADS = 4;

    private AtomicDirectory() {
    }

    /** Writes the new content of a directory into the empty staging directory it is given. */
    @FunctionalInterface
    public interface Content<T> {
        T writeInto(Path staging) throws IOException;
    }

    /**
     * Replaces the directory with what {@code content} writes, under its lock.
     *
     * @param waiting told when another run holds the lock and this one waits
     * @return what {@code content} returned
     * @throws OutputRefusedException when the directory may not be replaced (see {@link OutputDirectory})
     * @throws IOException when {@code content} fails or the directory cannot be swapped in (the previous content is
     *                     then left as it was), saying what failed on which path and why
     */
    public static <T> T replace(OutputDirectory directory, Consumer<String> waiting, Content<T> content)
            throws IOException {
        try (DirectoryLock lock = directory.lock(waiting)) {
            directory.checkReplaceable();
            try {
                return replaceLocked(directory, content);
            } catch (OutputRefusedException refused) {
                throw refused;
            } catch (IOException e) {
                throw FileErrors.during("cannot write " + directory.kind().what() + " to " + directory.path(), e);
            }
        }
    }

    private static <T> T replaceLocked(OutputDirectory directory, Content<T> content) throws IOException {
        Path output = directory.path();
        Path parent = output.getParent();
        Files.createDirectories(parent);
        String hiddenBase = "." + output.getFileName();
        removeLeftovers(parent, hiddenBase, output);

        Path staging = createStaging(parent, hiddenBase);
        T result;
        try {
            result = content.writeInto(staging);
            Files.writeString(staging.resolve(ReportFiles.MARKER), directory.kind().markerText(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            forceFiles(staging);
            swap(staging, output, parent, hiddenBase);
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteTree(staging);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        // An old directory a run killed between the two renames left is the only copy of the previous content
        // until a new one is in place, so removeLeftovers keeps it while there is none; now there is.
        removeOldDirectories(parent, hiddenBase);
        return result;
    }

    /**
     * Forces every file of the staging directory to disk, so that the swap never publishes a file the file system
     * has not stored. All at once, on a few threads, once everything is written: a report of 30 snapshots holds
     * some 180 files, and each forced as it was closed waited for its own commit of the file system's journal
     * (3 to 4 ms each on the CI machine's ext4); forced together, the commits are shared.
     *
     * @return how many files were forced
     */
    static int forceFiles(Path staging) throws IOException {
        List<Path> files;
        try (Stream<Path> tree = Files.walk(staging)) {
            files = tree.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        if (files.isEmpty()) {
            return 0;
        }
        ExecutorService forcing = Executors.newFixedThreadPool(Math.min(FORCING_THREADS, files.size()), runnable -> {
            Thread thread = new Thread(runnable, "memflame-force");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> forced = new ArrayList<>(files.size());
            for (Path file : files) {
                forced.add(forcing.submit(() -> {
                    force(file);
                    return null;
                }));
            }
            for (Future<Void> file : forced) {
                try {
                    file.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while forcing " + staging + " to disk");
                }
            }
        } finally {
            forcing.shutdownNow();
        }
        return files.size();
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (AccessDeniedException readOnly) {
            // A copy keeps its source's permissions (a baseline taken from a read-only checkout): forced through a
            // read-only channel, as POSIX systems allow; where that is refused (Windows wants write access), it
            // is left as copied, as copies were before files were forced here.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException refused) {
                // Left as copied.
            }
        }
    }

    private static void swap(Path staging, Path output, Path parent, String hiddenBase) throws IOException {
        Path old = null;
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            old = Files.createTempDirectory(parent, hiddenBase + OLD);
            Files.delete(old);
            move(output, old);
        }
        try {
            move(staging, output);
        } catch (IOException e) {
            if (old != null) {
                try {
                    move(old, output);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * A new, uniquely named staging directory. Not {@link Files#createTempDirectory}: that one is private to the
     * user (rwx------), and the staging directory becomes the output, which others (a web server, a CI archiver)
     * read; this one gets the permissions of any new directory. The name needs to be unique, not secret (a name
     * taken is tried again), so it comes from a plain random number: a SecureRandom is a noticeable part of a
     * short check's start-up.
     */
    private static Path createStaging(Path parent, String hiddenBase) throws IOException {
        while (true) {
            Path staging = parent.resolve(hiddenBase + STAGING
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
            try {
                return Files.createDirectory(staging);
            } catch (FileAlreadyExistsException taken) {
                // another name
            }
        }
    }

    /** Removes staging and old directories a killed run left next to the output directory. */
    private static void removeLeftovers(Path parent, String hiddenBase, Path output) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(hiddenBase + STAGING)
                    || (name.startsWith(hiddenBase + OLD) && Files.isDirectory(output));
        })) {
            siblings.forEach(leftovers::add);
        }
        for (Path leftover : leftovers) {
            deleteTree(leftover);
        }
    }

    private static void removeOldDirectories(Path parent, String hiddenBase) throws IOException {
        List<Path> olds = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent,
                entry -> entry.getFileName().toString().startsWith(hiddenBase + OLD))) {
            siblings.forEach(olds::add);
        }
        for (Path old : olds) {
            deleteTree(old);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
