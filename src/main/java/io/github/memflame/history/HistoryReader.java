package io.github.memflame.history;

import io.github.memflame.files.FileErrors;
import io.github.memflame.files.RelativeName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads a history directory as CI restored it: the entries named as {@link HistoryFormat} says, the newest of them
 * up to the window, each at most {@value HistoryFormat#MAX_ENTRY_BYTES} bytes, through {@link RelativeName} (a
 * link leading out of the directory is refused) and {@link HistoryJson}'s strict reader. Nothing in an entry is
 * run or becomes a path. An entry that cannot be read is a value, named with why; the caller decides what it means.
 */
public final class HistoryReader {
    private HistoryReader() {
    }

    /**
     * An entry read, with the build number its file name carries.
     *
     * @param text the file's text when it is exactly what {@link HistoryJson#text} writes for the entry, copied
     *             when the history is written for the next build; {@code null} to write the entry anew
     */
    public record Recorded(int sequence, String fileName, HistoryEntry entry, String text) {
        /** An entry to write anew. */
        public Recorded(int sequence, String fileName, HistoryEntry entry) {
            this(sequence, fileName, entry, null);
        }
    }

    /**
     * An entry that could not be read: its file's name and why.
     *
     * @param content the file's bytes when they were read but not understood (damaged, or of a format a later
     *                memflame writes), which the history written for the next build carries on unchanged, so that
     *                no build's figures are lost to a memflame that cannot read them; {@code null} when the file
     *                could not be read or is larger than an entry may be
     */
    public record Unreadable(String fileName, String error, byte[] content) {
        /** An entry that could not be read at all, and is not carried on. */
        public Unreadable(String fileName, String error) {
            this(fileName, error, null);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Unreadable that && fileName.equals(that.fileName) && error.equals(that.error)
                    && Arrays.equals(content, that.content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fileName, error, Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "Unreadable[" + fileName + ": " + error + (content == null ? "" : ", " + content.length
                    + " bytes carried on") + "]";
        }
    }

    /**
     * What the directory held.
     *
     * @param entries the entries read, oldest first
     * @param unreadable the entries of the window that could not be read
     * @param ignored the names in the directory that are no entry's (a {@code README}, a sub-directory)
     * @param lastSequence the highest build number any entry's name carries, read or not, 0 for none
     */
    public record Read(List<Recorded> entries, List<Unreadable> unreadable, List<String> ignored, int lastSequence) {
        public Read {
            entries = List.copyOf(entries);
            unreadable = List.copyOf(unreadable);
            ignored = List.copyOf(ignored);
        }
    }

    /**
     * The newest {@code window} entries of {@code directory}.
     *
     * @return what it holds; {@code null} when there is no such directory
     * @throws HistoryException when it is not a directory or cannot be listed
     */
    public static Read read(Path directory, int window) throws HistoryException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && !Files.exists(directory)) {
            return null;
        }
        if (!Files.isDirectory(directory)) {
            throw new HistoryException(directory + ": the history is not a directory; set history to the directory "
                    + "that holds the " + HistoryFormat.SUFFIX + " files of earlier builds");
        }
        List<Recorded> named = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int sequence = HistoryFormat.sequence(name);
                if (sequence < 0) {
                    ignored.add(name);
                } else {
                    named.add(new Recorded(sequence, name, null));
                }
            }
        } catch (IOException e) {
            throw new HistoryException("cannot list the history directory " + FileErrors.describe(e));
        }
        named.sort(Comparator.comparingInt(Recorded::sequence).reversed().thenComparing(Recorded::fileName));
        int lastSequence = named.isEmpty() ? 0 : named.get(0).sequence();
        List<Recorded> entries = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        // A full window is a hundred entries of up to a few hundred KiB each, parsed strictly: on every core.
        List<Object> outcomes = named.subList(0, Math.min(window, named.size())).parallelStream()
                .map(file -> outcome(directory, file)).toList();
        for (Object outcome : outcomes) {
            if (outcome instanceof Recorded entry) {
                entries.add(entry);
            } else {
                unreadable.add((Unreadable) outcome);
            }
        }
        entries.sort(Comparator.comparingInt(Recorded::sequence));
        unreadable.sort(Comparator.comparing(Unreadable::fileName));
        ignored.sort(null);
        return new Read(entries, unreadable, ignored, lastSequence);
    }

    /** The entry of {@code file} as read, or why it cannot be. */
    private static Object outcome(Path directory, Recorded file) {
        EntryFile read;
        try {
            read = readEntry(directory, file.fileName());
        } catch (HistoryException e) {
            return new Unreadable(file.fileName(), e.getMessage());
        }
        try {
            HistoryJson.Parsed parsed = HistoryJson.parse(read.file().toString(), read.bytes());
            return new Recorded(file.sequence(), file.fileName(), parsed.entry(), parsed.text());
        } catch (HistoryException e) {
            return new Unreadable(file.fileName(), e.getMessage(), read.bytes());
        }
    }

    /** An entry's file and its bytes. */
    private record EntryFile(Path file, byte[] bytes) {
    }

    /** The bytes of an entry's file, which is a regular file of the directory no larger than an entry may be. */
    private static EntryFile readEntry(Path directory, String fileName) throws HistoryException {
        Path file;
        try {
            file = RelativeName.of(fileName).existingUnder(directory);
        } catch (IllegalArgumentException e) {
            throw new HistoryException(directory.resolve(fileName) + ": refused: " + e.getMessage());
        } catch (IOException e) {
            throw new HistoryException("cannot read " + FileErrors.describe(e));
        }
        if (!Files.isRegularFile(file)) {
            throw new HistoryException(file + ": not a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the bound, so that a file that grew after it was listed is refused all the same.
            bytes = in.readNBytes((int) HistoryFormat.MAX_ENTRY_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new HistoryException(file + ": gone while the history was read");
        } catch (IOException e) {
            throw new HistoryException("cannot read " + FileErrors.describe(e));
        }
        if (bytes.length > HistoryFormat.MAX_ENTRY_BYTES) {
            throw new HistoryException(file + ": larger than " + HistoryFormat.MAX_ENTRY_BYTES + " bytes, the most a "
                    + "history entry may be (an entry holds figures only, a few KiB)");
        }
        return new EntryFile(file, bytes);
    }
}
