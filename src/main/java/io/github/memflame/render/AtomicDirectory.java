package io.github.memflame.render;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a whole directory at once: its new content is written into a fresh hidden staging directory next to it
 * (same parent, so on the same file system), then swapped in: the old directory is renamed away, the staging
 * directory is renamed into place and the old one is deleted. Whatever fails, and wherever the process is killed,
 * the directory holds either its previous complete content or none (killed between the two renames); never a
 * half-written one. Staging and old directories left behind by a killed run are removed by the next run.
 */
public final class AtomicDirectory {
    private static final String STAGING = ".staging-";
    private static final String OLD = ".old-";

    private AtomicDirectory() {
    }

    /** Writes the new content of a directory into the empty staging directory it is given. */
    @FunctionalInterface
    public interface Content<T> {
        T writeInto(Path staging) throws IOException;
    }

    /**
     * Replaces {@code directory} with what {@code content} writes.
     *
     * @param what how messages name the directory, e.g. {@code the report}
     * @return what {@code content} returned
     * @throws IOException when {@code content} fails (the previous content is then left as it was), or when
     *                     {@code directory} exists and is not a directory
     */
    public static <T> T replace(Path directory, String what, Content<T> content) throws IOException {
        Path output = directory.toAbsolutePath().normalize();
        Path parent = output.getParent();
        if (parent == null || output.getFileName() == null) {
            throw new IOException("cannot write " + what + " to " + output + ": it has no parent directory");
        }
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(output)) {
            throw new IOException("cannot write " + what + " to " + output + ": it exists and is not a directory");
        }
        Files.createDirectories(parent);
        String hiddenBase = "." + output.getFileName();
        removeLeftovers(parent, hiddenBase, output);

        Path staging = createStaging(parent, hiddenBase);
        T result;
        try {
            result = content.writeInto(staging);
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
