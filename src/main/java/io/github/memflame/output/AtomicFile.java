package io.github.memflame.output;

import io.github.memflame.files.FileErrors;
import io.github.memflame.format.LoneSurrogates;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one file so that readers see the previous content or the new one, never a part: the text goes to a
 * hidden temporary file in the same directory, is forced to disk, and is renamed over the target. A CI system
 * that collects the file after a killed build finds the last complete one.
 *
 * <p>Temporaries carry the id of the process that writes them: one left by a run that is no longer alive is
 * removed, one of a live run (another build writing the same file at the same moment) is left alone, so that
 * each build's file is whole and its own.
 */
public final class AtomicFile {
    private static final Pattern TEMPORARY_OWNER = Pattern.compile("p([0-9]{1,18})-[0-9]+");

    private AtomicFile() {
    }

    /**
     * Replaces {@code file} with {@code text} in UTF-8, creating its directory; temporaries of dead runs go.
     *
     * @throws IOException saying which file could not be written, and why
     */
    public static void write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        try {
            writeTo(target, text);
        } catch (IOException e) {
            throw FileErrors.during("cannot write " + target, e);
        }
    }

    private static void writeTo(Path target, String text) throws IOException {
        Path directory = Files.createDirectories(target.getParent());
        String hiddenPrefix = "." + target.getFileName() + ".tmp-";
        removeLeftovers(directory, hiddenPrefix);
        Path temporary = create(directory, hiddenPrefix);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(LoneSurrogates.replace(text));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new uniquely named file with the permissions of any new file (not {@link Files#createTempFile}'s
     * owner-only ones: a CI archiver or another user may read the result). Unique, not secret: a name taken is
     * tried again, so a plain random number does (see {@link AtomicDirectory}). The name carries this process's
     * id, so that other runs know whether it is still being written.
     */
    private static Path create(Path directory, String hiddenPrefix) throws IOException {
        String owned = hiddenPrefix + "p" + ProcessHandle.current().pid() + "-";
        while (true) {
            try {
                String name = owned + Long.toUnsignedString(ThreadLocalRandom.current().nextLong());
                return Files.createFile(directory.resolve(name));
            } catch (FileAlreadyExistsException taken) {
                // another name
            }
        }
    }

    /** Removes the temporaries of runs that are no longer alive (and of versions that did not name their run). */
    private static void removeLeftovers(Path directory, String hiddenPrefix) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(directory,
                entry -> entry.getFileName().toString().startsWith(hiddenPrefix))) {
            for (Path sibling : siblings) {
                Matcher owner = TEMPORARY_OWNER.matcher(sibling.getFileName().toString()
                        .substring(hiddenPrefix.length()));
                boolean alive = owner.matches() && ProcessHandle.of(Long.parseLong(owner.group(1)))
                        .map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    leftovers.add(sibling);
                }
            }
        }
        for (Path leftover : leftovers) {
            Files.deleteIfExists(leftover);
        }
    }
}
