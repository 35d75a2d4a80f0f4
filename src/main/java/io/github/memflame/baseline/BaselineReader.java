package io.github.memflame.baseline;

import io.github.memflame.files.FileErrors;
import io.github.memflame.files.RelativeName;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FrameIdentity;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.DumpLoader;
import io.github.memflame.summary.FramesFile;
import io.github.memflame.summary.ReportFiles;
import io.github.memflame.summary.ReportSummary;
import io.github.memflame.summary.SummaryReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a baseline: a directory holding an earlier run's report, or that report's {@code memflame.json} itself.
 *
 * <p>Baseline format {@value ReportFiles#BASELINE_FORMAT}: {@code memflame.json} with {@code "baselineFormat": 2} and
 * {@code "schema": 1} (checked by {@link SummaryReader#readBaseline}), and, for each entry of its {@code snapshots}, the folded-stack files its {@code folded} object names, relative to
 * the directory of {@code memflame.json}, the frame identities file its {@code frames} names, if any
 * ({@link FramesFile}), and the lines file its {@code lines} names (copied with the baseline, never read as
 * figures). Format 1 is read too: it has no frame identities, so its frames match by
 * {@code path:line}. Each snapshot is rebuilt from its stack view ({@code folded.stack}, plain
 * or gzip-compressed folded stacks, frames {@code path:line} already normalized), which holds every trace's stack
 * and bytes: budgets are measured on it exactly as on the run that wrote it. Its byte total must equal the
 * summary's {@code totalBytes}; the summary's {@code traces}, {@code excludedTraces} and {@code excludedBytes} are
 * taken as they are.
 *
 * <p>A baseline is untrusted input like a dump: nothing in it is executed, a file it names must stay inside its
 * directory, and every error names the file, the position where there is one, what was found and what was
 * expected.
 */
public final class BaselineReader {
    private final DumpLoader loader;

    /** @param maxDecompressedBytes the most one gzip-compressed folded file may expand to */
    public BaselineReader(long maxDecompressedBytes) {
        this.loader = new DumpLoader(StandardCharsets.UTF_8, maxDecompressedBytes);
    }

    /**
     * The {@code memflame.json} of a baseline as configured, or {@code null} when there is none: the path does not
     * exist, or is a directory without {@code memflame.json}.
     *
     * @throws BaselineException when it is there and is no regular file (a directory, a FIFO, a device): reading a
     *                           FIFO would wait forever
     */
    public static Path summaryFile(Path configured) throws BaselineException {
        Path summary = Files.isDirectory(configured) ? configured.resolve(ReportFiles.SUMMARY) : configured;
        if (!Files.exists(summary)) {
            return null;
        }
        if (!Files.isRegularFile(summary)) {
            throw new BaselineException("Cannot read the baseline: " + summary + ": expected a memflame.json file, "
                    + "found " + notARegularFile(summary));
        }
        return summary;
    }

    /** What a path that exists and is not a regular file is, for messages. */
    static String notARegularFile(Path path) {
        return Files.isDirectory(path) ? "a directory" : "something that is not a regular file (a FIFO, a device or "
                + "a socket), which is never read";
    }

    /**
     * Reads the baseline whose {@code memflame.json} is {@code summaryFile}.
     *
     * @param source where the baseline was configured, as given, for the report
     * @throws BaselineException when it is of another format version, broken, inconsistent, or names a file outside
     *                           its directory
     */
    public Baseline read(String source, Path summaryFile) throws BaselineException {
        ReportSummary summary;
        try {
            summary = SummaryReader.readBaseline(summaryFile);
        } catch (SummaryReader.OtherVersionException e) {
            throw new BaselineException(e.getMessage());
        } catch (IOException e) {
            throw new BaselineException("Cannot read the baseline: " + e.getMessage(), e);
        }
        Path directory = summaryFile.toAbsolutePath().normalize().getParent();
        List<FoldedSnapshot> snapshots = new ArrayList<>();
        List<String> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < summary.snapshots().size(); i++) {
            ReportSummary.Snapshot entry = summary.snapshots().get(i);
            String where = summaryFile + ": snapshots[" + i + "]";
            if (entry == null || entry.name() == null || entry.name().isBlank()) {
                throw new BaselineException(where + ": expected a snapshot with a name, found none");
            }
            where += " ('" + entry.name() + "')";
            if (!names.add(entry.name())) {
                throw new BaselineException(where + ": expected each snapshot name once, found it again");
            }
            String stackFile = entry.folded().get(FlameTree.View.STACK.fileSuffix());
            if (stackFile == null) {
                throw new BaselineException(where + ": expected folded.stack naming the snapshot's stack-view folded "
                        + "file, found none");
            }
            for (FlameTree.View view : FlameTree.View.values()) {
                String file = entry.folded().get(view.fileSuffix());
                if (file != null) {
                    namedFile(directory, file, where, "folded." + view.fileSuffix(), false);
                    files.add(file);
                }
            }
            FoldedSnapshot snapshot = rebuild(entry, namedFile(directory, stackFile, where, "folded.stack", true), where);
            if (entry.frames() != null) {
                Path frames = namedFile(directory, entry.frames(), where, "frames", true);
                files.add(entry.frames());
                snapshot = withIdentities(snapshot, frames);
            }
            if (entry.lines() != null) {
                namedFile(directory, entry.lines(), where, "lines", true);
                files.add(entry.lines());
            }
            snapshots.add(snapshot);
        }
        return new Baseline(source, summaryFile, snapshots, files);
    }

    /**
     * The file a baseline names, checked and resolved by {@link RelativeName} (the one place names from files become
     * paths): refused when it would lie outside the baseline's directory (an absolute path, {@code ..}, a drive
     * letter, a {@code \}, a link leading out), when it is no regular file (a directory, a FIFO that would make the
     * read wait forever, a device), and when it is {@code required} and missing. The copier resolves the names it
     * copies here too.
     *
     * @param where the summary and the snapshot entry that name it
     * @param field the field that names it, e.g. {@code folded.stack}
     * @param required whether the file must exist: the stack view is read, the path view only copied
     */
    static Path namedFile(Path directory, String relative, String where, String field, boolean required)
            throws BaselineException {
        String refused = where + ": " + field + ": expected a file inside the baseline directory " + directory
                + ", found '" + relative + "', which ";
        Path target;
        try {
            target = RelativeName.of(relative).under(directory);
        } catch (IllegalArgumentException e) {
            throw new BaselineException(refused + (relative.indexOf('\\') >= 0 ? "holds '\\' (a separator on Windows "
                    + "and a character elsewhere, so it may lead out of it there); names use '/'"
                    : "leads out of it"), e);
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !required) {
            return target;
        }
        if (!Files.exists(target)) {
            throw new BaselineException(where + ": expected the file " + target + " that " + field + " names, found "
                    + "none (copy the whole report directory, or use memflame:baseline)");
        }
        try {
            if (!target.toRealPath().startsWith(directory.toRealPath())) {
                throw new BaselineException(refused + "leads out of it");
            }
        } catch (IOException e) {
            throw new BaselineException(where + ": " + field + ": cannot resolve '" + relative + "': "
                    + FileErrors.describe(e), e);
        }
        if (!Files.isRegularFile(target)) {
            throw new BaselineException(where + ": expected the file " + target + " that " + field + " names, found "
                    + notARegularFile(target));
        }
        return target;
    }

    private FoldedSnapshot rebuild(ReportSummary.Snapshot entry, Path file, String where) throws BaselineException {
        SnapshotFolder folder = new SnapshotFolder();
        DumpFormat read;
        try {
            read = loader.load(file, file.toString(), folder);
        } catch (DumpFormatException e) {
            throw new BaselineException("Cannot read the baseline: " + e.getMessage(), e);
        } catch (ArithmeticException overflow) {
            throw new BaselineException("Cannot read the baseline: " + file + ": its byte total exceeds "
                    + Long.MAX_VALUE + " bytes", overflow);
        } catch (IOException e) {
            throw new BaselineException("Cannot read the baseline: " + e.getMessage(), e);
        }
        if (read != DumpFormat.FOLDED) {
            throw new BaselineException(file + ": expected folded stacks, found a " + read.summaryName() + " file");
        }
        // Already normalized by the run that wrote it: no prefix to strip, no frame to leave out.
        FoldedSnapshot folded = folder.fold(entry.name(), DumpFormat.FOLDED, new PathNormalizer(List.of()), List.of());
        if (folded.totalBytes() != entry.totalBytes()) {
            throw new BaselineException(file + ": expected stacks of " + entry.totalBytes() + " bytes in all, as "
                    + where + " says (totalBytes), found " + folded.totalBytes() + " bytes: the baseline's files do "
                    + "not belong together");
        }
        return new FoldedSnapshot(entry.name(), formatOf(entry.format()), entry.traces(), folded.totalBytes(),
                entry.excludedTraces(), entry.excludedBytes(), folded.stacks(), Map.of());
    }

    /** The snapshot with the frame identities its run recorded; those of frames its stacks do not have are dropped. */
    private static FoldedSnapshot withIdentities(FoldedSnapshot snapshot, Path file) throws BaselineException {
        Map<Site, FrameIdentity> recorded;
        try {
            recorded = FramesFile.read(file);
        } catch (IOException e) {
            throw new BaselineException("Cannot read the baseline: " + e.getMessage(), e);
        }
        return snapshot.withFrameIdentities((path, line) -> recorded.get(new Site(path, line)));
    }

    /** The format the baseline's dump was read as; folded when the summary names none this version knows. */
    private static DumpFormat formatOf(String summaryName) {
        for (DumpFormat format : DumpFormat.values()) {
            if (format.summaryName().equals(summaryName)) {
                return format;
            }
        }
        return DumpFormat.FOLDED;
    }
}
