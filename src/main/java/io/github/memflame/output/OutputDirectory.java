package io.github.memflame.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.files.FileErrors;
import io.github.memflame.summary.ReportFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A directory memflame replaces as a whole (a report, a baseline, an aggregate report), and the guard that keeps
 * it from deleting what it did not write. It may be replaced only when it is missing, empty, or a directory of
 * the same kind memflame wrote: its {@value ReportFiles#MARKER} names the kind, and every other file in it is one
 * memflame writes (by name: {@code index.html}, {@code memflame.json}, {@code *.svg}, ...). It must not be, or
 * contain, a {@link ProtectedDirectory} (the project's base directory, the snapshot directory, a source root, the
 * baseline), and every directory in it must be writable, so that the previous content can be deleted once the new
 * one is in place.
 *
 * <p>Reports written before the marker existed have none; a directory without it is still accepted when it holds
 * only files memflame writes and a {@code memflame.json} that starts as memflame's summaries do, so that upgrading
 * replaces an old {@code target/site/memflame} without fuss (and gives it its marker).
 *
 * @param path the directory, absolute and normalized
 * @param kind what memflame writes there
 * @param protectedDirectories what it must not be or contain
 * @param lockDirectory where the lock file of {@link #lock} goes: the project's build directory, so that none lands
 *                      among sources (a baseline is committed); {@code null} for the directory's parent
 */
public record OutputDirectory(Path path, OutputKind kind, List<ProtectedDirectory> protectedDirectories,
                              Path lockDirectory) {
    private static final int ENTRIES_NAMED = 5;
    private static final Pattern SUMMARY_START = Pattern.compile("\\A\\s*\\{\\s*\"schema\"\\s*:");

    public OutputDirectory {
        path = path.toAbsolutePath().normalize();
        Objects.requireNonNull(kind, "kind");
        protectedDirectories = List.copyOf(protectedDirectories);
    }

    /** A directory with nothing to protect but what it holds, its lock file next to it. */
    public static OutputDirectory of(Path path, OutputKind kind) {
        return new OutputDirectory(path, kind, List.of(), null);
    }

    /** The same directory, protecting {@code more} too. */
    public OutputDirectory protecting(ProtectedDirectory more) {
        List<ProtectedDirectory> guarded = new ArrayList<>(protectedDirectories);
        guarded.add(more);
        return new OutputDirectory(path, kind, guarded, lockDirectory);
    }

    /**
     * Refuses, before anything is read or written, a directory that replacing would delete something memflame
     * did not write, or could not delete.
     *
     * @throws OutputRefusedException naming the directory, what is in it or what it contains, and what to do
     * @throws IOException when the directory cannot be looked into
     */
    public void checkReplaceable() throws IOException {
        checkProtected();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException missing) {
            checkParentWritable();
            return;
        }
        if (attributes.isSymbolicLink()) {
            throw refused("it is a symbolic link (to " + Files.readSymbolicLink(path) + "), which would be replaced "
                    + "by a directory; set " + kind.parameter() + " to the directory itself");
        }
        if (!attributes.isDirectory()) {
            throw refused("it exists and is not a directory");
        }
        checkParentWritable();
        try {
            checkContent();
        } catch (OutputRefusedException refused) {
            throw refused;
        } catch (IOException e) {
            throw FileErrors.during("cannot look into " + path + " (" + kind.parameter() + ")", e);
        }
    }

    /** The lock of this directory: see {@link DirectoryLock}. */
    public DirectoryLock lock(Consumer<String> waiting) throws IOException {
        Path directory = lockDirectory != null ? lockDirectory : path.getParent();
        if (directory == null) {
            throw refused("it is the root of a file system");
        }
        return DirectoryLock.acquire(directory.resolve("." + path.getFileName() + ".lock"),
                kind.what() + " " + path, waiting);
    }

    private void checkProtected() throws IOException {
        if (path.getParent() == null) {
            throw refused("it is the root of a file system");
        }
        Path real = realOrLexical(path);
        for (ProtectedDirectory guarded : protectedDirectories) {
            Path other = guarded.path().toAbsolutePath().normalize();
            Path otherReal = realOrLexical(other);
            if (other.equals(path) || otherReal.equals(real)) {
                throw refused("it is " + guarded.role() + (other.equals(path) ? "" : " (" + other + ")"));
            }
            if (other.startsWith(path) || otherReal.startsWith(real)) {
                throw refused("it contains " + guarded.role() + " " + other);
            }
        }
    }

    /**
     * The real path of the longest existing part of {@code path} with the rest appended, so that a link anywhere
     * above is seen through whether or not the path itself exists yet.
     */
    private static Path realOrLexical(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        return existing.toRealPath().resolve(existing.relativize(path)).normalize();
    }

    private void checkContent() throws IOException {
        List<String> entries = entries();
        if (entries.isEmpty()) {
            checkWritable(path);
            return;
        }
        String marker = markerKind();
        if (marker != null && !marker.equals(kind.markerName())) {
            OutputKind other = OutputKind.ofMarkerName(marker);
            throw refused("it holds " + describe(entries) + ": " + (other == null ? "a directory of the kind '"
                    + marker + "'" : other.one()) + " memflame wrote (its " + ReportFiles.MARKER + " says so), not "
                    + kind.one());
        }
        String foreign = firstForeign();
        if (foreign != null) {
            throw refused("it holds " + describe(entries) + ", and " + foreign + " is not a file memflame writes"
                    + " into " + kind.what());
        }
        if (marker == null && !looksLikeOurSummary(path.resolve(ReportFiles.SUMMARY))) {
            throw refused("it holds " + describe(entries) + " but neither the " + ReportFiles.MARKER + " memflame "
                    + "writes into " + kind.what() + " nor a memflame.json of memflame's");
        }
        if (marker == null && kind.writesFile(ReportFiles.INDEX, true)
                && !Files.isRegularFile(path.resolve(ReportFiles.INDEX), LinkOption.NOFOLLOW_LINKS)) {
            throw refused("it holds " + describe(entries) + " but neither the " + ReportFiles.MARKER + " memflame "
                    + "writes into " + kind.what() + " nor its " + ReportFiles.INDEX);
        }
        Path readOnly = firstReadOnly();
        if (readOnly != null) {
            throw new OutputRefusedException("Cannot replace " + kind.what() + " in " + path + " ("
                    + kind.parameter() + "): " + readOnly + " is read-only, and memflame deletes the previous "
                    + kind.noun() + " once the new one is in place; nothing was read or "
                    + "written. Make it writable, or delete it.");
        }
    }

    /** The names at the top of the directory, sorted, directories with a trailing {@code /}. */
    private List<String> entries() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(path)) {
            for (Path entry : list) {
                String name = entry.getFileName().toString();
                names.add(Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name);
            }
        }
        names.sort(null);
        return names;
    }

    private static String describe(List<String> entries) {
        StringBuilder text = new StringBuilder();
        text.append(entries.size()).append(entries.size() == 1 ? " entry (" : " entries (");
        for (int i = 0; i < Math.min(ENTRIES_NAMED, entries.size()); i++) {
            text.append(i == 0 ? "" : ", ").append(entries.get(i));
        }
        return text.append(entries.size() > ENTRIES_NAMED ? ", ...)" : ")").toString();
    }

    /** The kind the marker names; null without a marker. */
    private String markerKind() throws IOException {
        Path marker = path.resolve(ReportFiles.MARKER);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String unknown = "it holds a " + ReportFiles.MARKER + " that memflame did not write";
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(unknown);
        }
        JsonNode kindName;
        try {
            kindName = MarkerJson.MAPPER.readTree(head(marker, 4096)).get("kind");
        } catch (IOException e) {
            throw refused(unknown);
        }
        if (kindName == null || !kindName.isTextual()) {
            throw refused(unknown);
        }
        return kindName.textValue();
    }

    /**
     * Made the first time a marker is read, not with this class: a fresh JVM takes a few hundred milliseconds to
     * make an {@link ObjectMapper}, and a clean build's output has no marker to read.
     */
    private static final class MarkerJson {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static boolean looksLikeOurSummary(Path summary) throws IOException {
        return Files.isRegularFile(summary, LinkOption.NOFOLLOW_LINKS)
                && SUMMARY_START.matcher(head(summary, 256)).find();
    }

    private static String head(Path file, int bytes) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
        }
    }

    /**
     * The first entry, relative, that memflame does not write into this kind of directory, in name order (so the
     * message is the same on every run); null when none.
     */
    private String firstForeign() throws IOException {
        return firstForeign(path);
    }

    private String firstForeign(Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(directory)) {
            list.forEach(entries::add);
        }
        entries.sort(null);
        boolean topLevel = directory.equals(path);
        for (Path entry : entries) {
            BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attrs.isDirectory()) {
                if (!kind.writesSubDirectories()) {
                    return relative(entry) + "/";
                }
                String below = firstForeign(entry);
                if (below != null) {
                    return below;
                }
            } else if (!attrs.isRegularFile() || !kind.writesFile(entry.getFileName().toString(), topLevel)) {
                return relative(entry) + (attrs.isSymbolicLink() ? " (a symbolic link)"
                        : attrs.isRegularFile() ? "" : " (not a regular file)");
            }
        }
        return null;
    }

    /** The first directory memflame could not delete entries of; null when every one is writable. */
    private Path firstReadOnly() throws IOException {
        Path[] readOnly = {null};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!Files.isWritable(dir)) {
                    readOnly[0] = dir;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return readOnly[0];
    }

    /**
     * The new content is written next to the directory and renamed into place: the directory it goes into (or,
     * when that is missing, the nearest directory above that exists) must be writable.
     */
    private void checkParentWritable() throws OutputRefusedException {
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw new OutputRefusedException("Cannot write " + kind.what() + " to " + path + " (" + kind.parameter()
                    + "): " + existing + " is read-only, and memflame writes " + kind.what() + " next to its place "
                    + "first; nothing was read or written. Make it writable, or set " + kind.parameter() + " to a "
                    + "writable place.");
        }
    }

    private void checkWritable(Path directory) throws OutputRefusedException {
        if (!Files.isWritable(directory)) {
            throw new OutputRefusedException("Cannot write " + kind.what() + " to " + path + " ("
                    + kind.parameter() + "): the directory is read-only; nothing was read or written. Make it "
                    + "writable, or delete it.");
        }
    }

    private String relative(Path entry) {
        return path.relativize(entry).toString().replace('\\', '/');
    }

    private OutputRefusedException refused(String reason) {
        return new OutputRefusedException("Refusing to write " + kind.what() + " to " + path + " ("
                + kind.parameter() + "): " + reason + ". memflame replaces that directory as a whole, so it must be "
                + "missing, empty, or " + kind.one() + " memflame wrote; nothing was read or written. Set "
                + kind.parameter() + " to a directory of its own, e.g. " + kind.example() + ".");
    }
}
