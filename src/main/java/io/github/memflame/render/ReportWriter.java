package io.github.memflame.render;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a whole report, atomically: {@code index.html}, {@code memflame.json}, {@code memflame.md} and, for every
 * snapshot, {@code NAME.path.svg}, {@code NAME.stack.svg}, {@code NAME.path.folded.gz} and {@code NAME.stack.folded.gz}
 * (with {@code foldedFunctionNames}, also {@code NAME.path.named.folded.gz} and {@code NAME.stack.named.folded.gz}),
 * where a {@code /} in NAME makes sub-directories. A snapshot with a baseline also gets its differential graphs,
 * {@code NAME.path.diff.svg} and {@code NAME.stack.diff.svg}. The folded exports are gzip-compressed without a
 * time stamp or file name in their header, so the same snapshot always gives the same bytes.
 *
 * <p>Everything is written into a fresh hidden staging directory next to the output directory (same parent, so
 * on the same file system), then swapped in: the old output directory is renamed away, the staging directory is
 * renamed into place and the old one is deleted. Whatever fails, and wherever the process is killed, the output
 * directory holds either the previous complete report or none (killed between the two renames); never a
 * half-written one. Staging and old directories left behind by a killed run are removed by the next run.
 */
public final class ReportWriter {
    public static final String INDEX = "index.html";
    public static final String SUMMARY = "memflame.json";
    public static final String MARKDOWN = "memflame.md";
    private static final String STAGING = ".staging-";
    private static final String OLD = ".old-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReportWriter() {
    }

    /**
     * Writes the report to {@code outputDirectory}, replacing what was there.
     *
     * @return the nanoseconds spent drawing and writing each snapshot's graphs and folded stacks, by snapshot name
     *
     * @throws IOException when a file cannot be written (the previous report is then left as it was), when a
     *                     snapshot name would put a file outside the report directory ({@code ..}, an absolute
     *                     path), when two snapshots would write the same file, or when {@code outputDirectory}
     *                     exists and is not a directory
     */
    public static Map<String, Long> write(Path outputDirectory, CheckReport report, SvgOptions options)
            throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(options, "options");
        Path output = outputDirectory.toAbsolutePath().normalize();
        Path parent = output.getParent();
        if (parent == null || output.getFileName() == null) {
            throw new IOException("cannot write a report to " + output + ": it has no parent directory");
        }
        if (Files.exists(output, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(output)) {
            throw new IOException("cannot write the report to " + output + ": it exists and is not a directory");
        }
        Files.createDirectories(parent);
        String hiddenBase = "." + output.getFileName();
        removeLeftovers(parent, hiddenBase, output);

        Path staging = createStaging(parent, hiddenBase);
        Map<String, Long> writeNanos;
        try {
            checkFileNames(staging, report);
            writeNanos = writeAll(staging, report, options);
            swap(staging, output, parent, hiddenBase);
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteTree(staging);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        // An old directory a run killed between the two renames left is the only copy of the previous report
        // until a new one is in place, so removeLeftovers keeps it while there is no report; now there is one.
        removeOldDirectories(parent, hiddenBase);
        return writeNanos;
    }

    /**
     * Resolves every report file against the staging directory before anything is written, refusing paths that
     * leave it and files written twice.
     */
    private static void checkFileNames(Path staging, CheckReport report) throws IOException {
        Map<Path, String> owners = new HashMap<>();
        for (SnapshotReport snapshot : report.snapshots()) {
            String name = snapshot.snapshot().name();
            for (FlameTree.View view : FlameTree.View.values()) {
                for (String file : files(snapshot, view, report.foldedFunctionNames())) {
                    String previous = owners.putIfAbsent(resolve(staging, file, name), name);
                    if (previous != null) {
                        throw new IOException("snapshots '" + previous + "' and '" + name
                                + "' would both write the report file '" + file + "'");
                    }
                }
            }
        }
    }

    /** The files a snapshot's view writes, relative to the report directory. */
    private static List<String> files(SnapshotReport snapshot, FlameTree.View view, boolean namedFolded) {
        List<String> files = new ArrayList<>(List.of(snapshot.svgFile(view), snapshot.foldedFile(view)));
        if (namedFolded) {
            files.add(snapshot.namedFoldedFile(view));
        }
        if (snapshot.baseline() != null) {
            files.add(snapshot.diffSvgFile(view));
        }
        return files;
    }

    /** The file inside {@code staging} for a report-relative path; refuses one that resolves outside it. */
    static Path resolve(Path staging, String relative, String snapshotName) throws IOException {
        Path target;
        try {
            target = staging.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new IOException("snapshot '" + snapshotName + "' gives the report file name '" + relative
                    + "', which is not a valid path: " + e.getMessage(), e);
        }
        if (relative.isEmpty() || Path.of(relative).isAbsolute() || !target.startsWith(staging)
                || target.equals(staging)) {
            throw new IOException("refusing to write report file '" + relative + "' of snapshot '" + snapshotName
                    + "': it would resolve outside the report directory");
        }
        return target;
    }

    private static Map<String, Long> writeAll(Path staging, CheckReport report, SvgOptions options)
            throws IOException {
        try (Writer out = writer(staging.resolve(INDEX))) {
            IndexPage.write(report, out);
        }
        try (Writer out = writer(staging.resolve(SUMMARY))) {
            JsonSummary.write(report, out);
        }
        try (Writer out = writer(staging.resolve(MARKDOWN))) {
            out.write(MarkdownSummary.text(report));
        }
        Map<String, Long> writeNanos = new LinkedHashMap<>();
        for (SnapshotReport snapshot : report.snapshots()) {
            long start = System.nanoTime();
            String name = snapshot.snapshot().name();
            for (FlameTree.View view : FlameTree.View.values()) {
                FlameTree tree = view == FlameTree.View.PATH ? snapshot.pathView() : snapshot.stackView();
                if (tree == null) {
                    throw new IOException("snapshot '" + name + "' has no " + view.fileSuffix() + " view to write");
                }
                try (Writer out = writer(resolve(staging, snapshot.svgFile(view), name))) {
                    SvgFlameGraph.write(tree, snapshot.snapshot().totalBytes(), options, out);
                }
                if (snapshot.baseline() != null) {
                    try (Writer out = writer(resolve(staging, snapshot.diffSvgFile(view), name))) {
                        SvgFlameGraph.writeDiff(snapshot.diff(view), options, out);
                    }
                }
                try (Writer out = gzipWriter(resolve(staging, snapshot.foldedFile(view), name))) {
                    FoldedText.write(snapshot.folded(view), out, false);
                }
                if (report.foldedFunctionNames()) {
                    try (Writer out = gzipWriter(resolve(staging, snapshot.namedFoldedFile(view), name))) {
                        FoldedText.write(snapshot.folded(view), out, true);
                    }
                }
            }
            writeNanos.put(name, System.nanoTime() - start);
        }
        return writeNanos;
    }

    /**
     * A UTF-8 writer for a new file: a lone surrogate becomes U+FFFD rather than failing, and the data is forced
     * to disk on close, so the swap never publishes a file the file system has not stored.
     */
    private static Writer writer(Path file) throws IOException {
        return writer(file, false);
    }

    /**
     * As {@link #writer(Path)}, gzip-compressed. {@link GZIPOutputStream} writes neither a modification time nor a
     * file name into the header, so equal content gives equal files.
     */
    private static Writer gzipWriter(Path file) throws IOException {
        return writer(file, true);
    }

    private static Writer writer(Path file, boolean gzip) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        GZIPOutputStream compressed = gzip ? new GZIPOutputStream(Channels.newOutputStream(channel), 1 << 16) : null;
        OutputStream stream = compressed != null ? compressed : Channels.newOutputStream(channel);
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
        return new BufferedWriter(new OutputStreamWriter(stream, encoder), 1 << 16) {
            @Override
            public void close() throws IOException {
                try {
                    flush();
                    if (compressed != null) {
                        compressed.finish();
                    }
                    channel.force(true);
                } finally {
                    super.close();
                }
            }
        };
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
     * user (rwx------), and the staging directory becomes the report directory, which others (a web server, a CI
     * archiver) read; this one gets the permissions of any new directory.
     */
    private static Path createStaging(Path parent, String hiddenBase) throws IOException {
        while (true) {
            Path staging = parent.resolve(hiddenBase + STAGING + Long.toUnsignedString(RANDOM.nextLong()));
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
