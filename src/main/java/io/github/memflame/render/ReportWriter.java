package io.github.memflame.render;

import io.github.memflame.summary.FramesFile;
import io.github.memflame.summary.JsonSummary;
import io.github.memflame.summary.LinesFile;
import io.github.memflame.files.RelativeName;
import io.github.memflame.fold.DiffTree;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FoldedText;
import io.github.memflame.history.HistoryFormat;
import io.github.memflame.history.HistoryReader;
import io.github.memflame.output.AtomicDirectory;
import io.github.memflame.output.BackgroundGzipStream;
import io.github.memflame.output.OutputDirectory;
import io.github.memflame.output.OutputKind;
import io.github.memflame.output.OutputRefusedException;
import io.github.memflame.run.RunDiff;
import io.github.memflame.run.RunResults;
import io.github.memflame.summary.ReportFiles;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Writes a whole report, atomically: {@code index.html}, {@code memflame.json}, {@code memflame.md} and, for every
 * snapshot, {@code NAME.path.svg}, {@code NAME.stack.svg}, {@code NAME.path.folded.gz} and {@code NAME.stack.folded.gz}
 * (with {@code foldedFunctionNames}, also {@code NAME.path.named.folded.gz} and {@code NAME.stack.named.folded.gz}),
 * and {@code NAME.lines.txt} (its allocating lines as text, see {@link LinesFile}), where a {@code /} in NAME makes
 * sub-directories; with frames identified from sources also {@code NAME.frames.json}. A snapshot with a baseline
 * also gets its differential graphs, {@code NAME.path.diff.svg} and {@code NAME.stack.diff.svg}; each comparison
 * and leak check across the run gets its own under {@code run/}. Every graph links back to {@code index.html} and to
 * the snapshot's other graphs ({@link GraphLinks}). The folded exports are gzip-compressed without a
 * time stamp or file name in their header, so the same snapshot always gives the same bytes.
 *
 * <p>With a history, {@code history/} holds its entries ({@link io.github.memflame.history.HistoryFormat}), this
 * build's last, for CI to carry to the next build.
 *
 * <p>Everything is written into a fresh hidden staging directory, then swapped in by {@link AtomicDirectory}:
 * whatever fails, and wherever the process is killed, the output directory holds either the previous complete
 * report or none; never a half-written one.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * Writes the report to {@code outputDirectory}, replacing what was there: a directory with nothing else to
     * protect, its lock next to it (see {@link #write(OutputDirectory, CheckReport, SvgOptions, Consumer)}).
     */
    public static Map<String, Long> write(Path outputDirectory, CheckReport report, SvgOptions options)
            throws IOException {
        return write(OutputDirectory.of(outputDirectory, OutputKind.REPORT), report, options, waiting -> { });
    }

    /**
     * Writes the report to {@code output}, replacing what was there, when {@link OutputDirectory#checkReplaceable}
     * allows it.
     *
     * @param waiting told when another run writes the same directory and this one waits for it
     * @return the nanoseconds spent drawing and writing each snapshot's graphs and folded stacks, by snapshot name
     *
     * @throws OutputRefusedException when the directory may not be replaced
     * @throws IOException when a file cannot be written (the previous report is then left as it was), when a
     *                     snapshot name would put a file outside the report directory ({@code ..}, an absolute
     *                     path), when two snapshots would write the same file, or when {@code outputDirectory}
     *                     exists and is not a directory
     */
    public static Map<String, Long> write(OutputDirectory output, CheckReport report, SvgOptions options,
                                          Consumer<String> waiting) throws IOException {
        Objects.requireNonNull(report, "report");
        Map<String, SnapshotReport> byName = new HashMap<>();
        report.snapshots().forEach(snapshot -> byName.put(snapshot.snapshot().name(), snapshot));
        return write(output, Plan.of(report), options, Runtime.getRuntime().availableProcessors(), waiting, staged -> {
            Map<String, Long> writeNanos = new LinkedHashMap<>();
            for (SnapshotReport snapshot : report.snapshots()) {
                long start = System.nanoTime();
                staged.snapshot(snapshot);
                writeNanos.put(snapshot.snapshot().name(), System.nanoTime() - start);
            }
            staged.runDiffs(report.run(), byName);
            staged.pages(report);
            return writeNanos;
        });
    }

    /**
     * Writes a report to {@code output} piece by piece, as {@code drawing} draws it: each snapshot's graphs and
     * exports as soon as they are drawn, then the differential graphs across the run, then the pages. Every file
     * {@code plan} names is checked before anything is drawn, and the whole is swapped in only when
     * {@code drawing} returns, as {@link #write(OutputDirectory, CheckReport, SvgOptions, Consumer)} does.
     *
     * @param compressors how many threads may compress one large folded export at once
     * @return what {@code drawing} returns
     */
    public static <T> T write(OutputDirectory output, Plan plan, SvgOptions options, int compressors,
                              Consumer<String> waiting, Drawing<T> drawing) throws IOException {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(drawing, "drawing");
        return AtomicDirectory.replace(output, waiting, staging -> {
            checkFileNames(staging, plan);
            return drawing.drawInto(new Staged(staging, options, plan.foldedFunctionNames(), compressors));
        });
    }

    /** What draws a report into its staging directory, piece by piece. */
    public interface Drawing<T> {
        T drawInto(Staged report) throws IOException;
    }

    /**
     * The files a report will hold, known before anything is drawn: the snapshots' names, which of them have a
     * baseline or frame identities, whether folded exports with function names are written, and the differential
     * graphs across the run.
     *
     * @param withBaseline the names of the snapshots drawn against a baseline snapshot
     */
    public record Plan(List<FoldedSnapshot> snapshots, Set<String> withBaseline, boolean foldedFunctionNames,
                       List<RunDiff> runDiffs) {
        public Plan {
            snapshots = List.copyOf(snapshots);
            withBaseline = Set.copyOf(withBaseline);
            runDiffs = List.copyOf(runDiffs);
        }

        /** The plan of a report already drawn. */
        static Plan of(CheckReport report) {
            return new Plan(report.snapshots().stream().map(SnapshotReport::snapshot).toList(),
                    report.snapshots().stream().filter(snapshot -> snapshot.baseline() != null)
                            .map(snapshot -> snapshot.snapshot().name()).collect(Collectors.toSet()),
                    report.foldedFunctionNames(), report.run().diffs());
        }
    }

    /** A report being written into its staging directory. */
    public static final class Staged {
        private final Path staging;
        private final SvgOptions options;
        private final boolean foldedFunctionNames;
        private final int compressors;

        private Staged(Path staging, SvgOptions options, boolean foldedFunctionNames, int compressors) {
            this.staging = staging;
            this.options = options;
            this.foldedFunctionNames = foldedFunctionNames;
            this.compressors = compressors;
        }

        /** Writes a snapshot's graphs, its differential graphs when it has a baseline, its exports and lines. */
        public void snapshot(SnapshotReport snapshot) throws IOException {
            snapshot(snapshot, null);
        }

        /**
         * As {@link #snapshot(SnapshotReport)}, the stack view's files written on {@code beside} while the calling
         * thread writes the rest; both are written when this returns, whatever failed.
         *
         * @param beside where the stack view's files are written, or {@code null} to write everything in turn
         */
        public void snapshot(SnapshotReport snapshot, ExecutorService beside) throws IOException {
            String name = snapshot.snapshot().name();
            for (FlameTree.View view : FlameTree.View.values()) {
                if ((view == FlameTree.View.PATH ? snapshot.pathView() : snapshot.stackView()) == null
                        || snapshot.folded(view) == null) {
                    throw new IOException("snapshot '" + name + "' has no " + view.fileSuffix() + " view to write");
                }
            }
            Beside.both(beside, () -> view(snapshot, FlameTree.View.STACK), () -> {
                view(snapshot, FlameTree.View.PATH);
                try (Writer out = writer(resolve(staging, ReportFiles.lines(name), name))) {
                    LinesFile.write(snapshot.snapshot(), out);
                }
                if (!snapshot.snapshot().frameIdentities().isEmpty()) {
                    try (Writer out = writer(resolve(staging, ReportFiles.frames(name), name))) {
                        FramesFile.write(snapshot.snapshot().frameIdentities(), out);
                    }
                }
            });
        }

        /** A view's graph, its differential graph when there is a baseline, and its folded exports. */
        private void view(SnapshotReport snapshot, FlameTree.View view) throws IOException {
            String name = snapshot.snapshot().name();
            FlameTree tree = view == FlameTree.View.PATH ? snapshot.pathView() : snapshot.stackView();
            try (Writer out = writer(resolve(staging, snapshot.svgFile(view), name))) {
                SvgFlameGraph.write(tree, snapshot.snapshot().totalBytes(), options,
                        GraphLinks.of(snapshot, view, false), out);
            }
            if (snapshot.baseline() != null) {
                try (Writer out = writer(resolve(staging, snapshot.diffSvgFile(view), name))) {
                    SvgFlameGraph.writeDiff(snapshot.diff(view), options, GraphLinks.of(snapshot, view, true), out);
                }
            }
            try (OutputStream out = gzipStream(resolve(staging, snapshot.foldedFile(view), name), compressors)) {
                FoldedText.write(snapshot.folded(view), out, false);
            }
            if (foldedFunctionNames) {
                try (OutputStream out = gzipStream(resolve(staging, snapshot.namedFoldedFile(view), name),
                        compressors)) {
                    FoldedText.write(snapshot.folded(view), out, true);
                }
            }
        }

        /**
         * The differential graphs between two snapshots of the run (comparisons, leak checks), from the folded
         * views the snapshots' own graphs were drawn from, leaving out the frames too narrow to show in either
         * snapshot.
         *
         * @param drawn the reports of at least the snapshots the differential graphs are drawn between, not yet
         *              {@linkplain SnapshotReport#written() written}, by name
         */
        public void runDiffs(RunResults run, Map<String, SnapshotReport> drawn) throws IOException {
            for (RunDiff diff : run.diffs()) {
                SnapshotReport from = drawn.get(diff.from());
                SnapshotReport to = drawn.get(diff.to());
                if (from == null || to == null) {
                    throw new IOException("no snapshot " + (from == null ? diff.from() : diff.to()) + " to draw "
                            + diff.stem() + " from");
                }
                runDiff(diff, from, to, (ExecutorService) null);
            }
        }

        /**
         * The differential graphs of one comparison or leak check, as {@link #runDiffs} draws them, the stack
         * view's on {@code beside} while the calling thread draws the path view's.
         *
         * @param from the report of the snapshot the graphs are drawn from, not yet
         *             {@linkplain SnapshotReport#written() written}; {@code to} likewise
         * @param beside where the stack view's graph is drawn, or {@code null} to draw both in turn
         */
        public void runDiff(RunDiff diff, SnapshotReport from, SnapshotReport to, ExecutorService beside)
                throws IOException {
            Beside.both(beside, () -> runDiffView(diff, from, to, FlameTree.View.STACK),
                    () -> runDiffView(diff, from, to, FlameTree.View.PATH));
        }

        private void runDiffView(RunDiff diff, SnapshotReport from, SnapshotReport to, FlameTree.View view)
                throws IOException {
            DiffTree tree = DiffTree.of(to.folded(view), from.folded(view),
                    options.invisibleBelowBytes(to.snapshot().totalBytes()),
                    options.invisibleBelowBytes(from.snapshot().totalBytes()));
            try (Writer out = writer(resolve(staging, diff.file(view), diff.to()))) {
                SvgFlameGraph.writeDiff(tree, options, GraphLinks.of(diff, view), diff.from(), out);
            }
        }

        /** The pages: {@code index.html}, {@code memflame.json}, {@code memflame.md}, and the history's entries. */
        public void pages(CheckReport report) throws IOException {
            try (Writer out = writer(staging.resolve(ReportFiles.INDEX))) {
                IndexPage.write(report, out);
            }
            try (Writer out = writer(staging.resolve(ReportFiles.SUMMARY))) {
                JsonSummary.write(report.summaryContent(), out);
            }
            try (Writer out = writer(staging.resolve(ReportFiles.MARKDOWN))) {
                out.write(MarkdownSummary.text(report));
            }
            if (report.history() != null) {
                for (Map.Entry<String, String> entry : report.history().files().entrySet()) {
                    // An entry is JSON without a lone surrogate, so encoding it cannot fail; a copied one is ASCII,
                    // which String encodes as a copy of its bytes (a full window is 15 MB).
                    try (OutputStream out = stream(staging.resolve(HistoryFormat.DIRECTORY).resolve(entry.getKey()))) {
                        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                    }
                }
                for (HistoryReader.Unreadable carried : report.history().carried()) {
                    Path file;
                    try {
                        file = RelativeName.of(carried.fileName()).under(staging.resolve(HistoryFormat.DIRECTORY));
                    } catch (IllegalArgumentException e) {
                        throw new IOException("refusing to carry the history entry '" + carried.fileName()
                                + "' on: " + e.getMessage(), e);
                    }
                    try (OutputStream out = stream(file)) {
                        out.write(carried.content());
                    }
                }
            }
        }
    }

    /**
     * Resolves every report file against the staging directory before anything is written, refusing paths that
     * leave it and files written twice.
     */
    private static void checkFileNames(Path staging, Plan plan) throws IOException {
        Map<Path, String> owners = new HashMap<>();
        for (FoldedSnapshot snapshot : plan.snapshots()) {
            String name = snapshot.name();
            for (String file : files(snapshot, plan.withBaseline().contains(name), plan.foldedFunctionNames())) {
                String previous = owners.putIfAbsent(resolve(staging, file, name), name);
                if (previous != null) {
                    throw new IOException("snapshots '" + previous + "' and '" + name
                            + "' would both write the report file '" + file + "'");
                }
            }
        }
        for (RunDiff diff : plan.runDiffs()) {
            String name = diff.from() + " -> " + diff.to();
            for (FlameTree.View view : FlameTree.View.values()) {
                String file = diff.file(view);
                String previous = owners.putIfAbsent(resolve(staging, file, name), name);
                if (previous != null) {
                    throw new IOException("'" + previous + "' and '" + name + "' would both write the report file '"
                            + file + "'; give the comparisons names of their own with <name>");
                }
            }
        }
    }

    /** The files a snapshot writes, relative to the report directory. */
    private static List<String> files(FoldedSnapshot snapshot, boolean withBaseline, boolean namedFolded) {
        String name = snapshot.name();
        List<String> files = new ArrayList<>();
        for (FlameTree.View view : FlameTree.View.values()) {
            files.add(ReportFiles.svg(name, view));
            files.add(ReportFiles.folded(name, view));
            if (namedFolded) {
                files.add(ReportFiles.namedFolded(name, view));
            }
            if (withBaseline) {
                files.add(ReportFiles.diffSvg(name, view));
            }
        }
        files.add(ReportFiles.lines(name));
        if (!snapshot.frameIdentities().isEmpty()) {
            files.add(ReportFiles.frames(name));
        }
        return files;
    }

    /**
     * The file inside {@code staging} for a report-relative path, checked by {@link RelativeName}; refuses one that
     * would resolve outside it.
     */
    static Path resolve(Path staging, String relative, String snapshotName) throws IOException {
        try {
            return RelativeName.of(relative).under(staging);
        } catch (IllegalArgumentException e) {
            throw new IOException("refusing to write report file '" + relative + "' of snapshot '" + snapshotName
                    + "': it would resolve outside the report directory (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A UTF-8 writer for a new file: a lone surrogate becomes U+FFFD rather than failing (as in the folded
     * exports, see {@link FoldedText}), and the data is forced to disk on close, as {@link #stream} does.
     */
    private static Writer writer(Path file) throws IOException {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
        return new BufferedWriter(new OutputStreamWriter(stream(file), encoder), 1 << 16);
    }

    /**
     * As {@link #stream}, gzip-compressed as {@link BackgroundGzipStream} does, on up to {@code compressors} threads.
     */
    private static OutputStream gzipStream(Path file, int compressors) throws IOException {
        BackgroundGzipStream compressed = new BackgroundGzipStream(stream(file), compressors);
        // Closing finishes the compressed stream first: its last block is still being filled.
        return new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                compressed.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                compressed.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    compressed.finish();
                } finally {
                    compressed.close();
                }
            }
        };
    }

    /**
     * A stream to a new file of the staging directory; {@link io.github.memflame.output.AtomicDirectory} forces the
     * whole directory to disk before it swaps it in.
     */
    private static OutputStream stream(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Channels.newOutputStream(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
    }
}
