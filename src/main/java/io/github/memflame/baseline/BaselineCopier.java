package io.github.memflame.baseline;

import io.github.memflame.files.RelativeName;
import io.github.memflame.output.AtomicDirectory;
import io.github.memflame.output.DirectoryLock;
import io.github.memflame.output.OutputDirectory;
import io.github.memflame.output.OutputKind;
import io.github.memflame.output.OutputRefusedException;
import io.github.memflame.output.ProtectedDirectory;
import io.github.memflame.summary.ReportFiles;
import io.github.memflame.summary.SummaryReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Copies a report's baseline data (its {@code memflame.json} and the files it names: folded stacks, frame
 * identities, and each snapshot's lines as text a pull request shows readably, {@code NAME.lines.txt}; no flame
 * graph, no dump) into a directory of its own, for teams that commit their baseline. The report is read as a baseline first, so only a usable baseline is copied, and only
 * of a check that passed unless told otherwise, and the directory is replaced as a whole by {@link AtomicDirectory}:
 * a failed copy leaves the previous baseline as it was. The files are copied from where the reader found them,
 * resolved by the same {@link BaselineReader#namedFile} that checked them.
 */
public final class BaselineCopier {

    private final BaselineReader reader;

    /** @param maxDecompressedBytes the most one gzip-compressed folded file may expand to */
    public BaselineCopier(long maxDecompressedBytes) {
        this.reader = new BaselineReader(maxDecompressedBytes);
    }

    /**
     * Replaces {@code baselineDirectory} with the baseline data of the report in {@code reportDirectory}: a
     * directory with nothing else to protect, its lock next to it.
     */
    public Baseline copy(Path reportDirectory, Path baselineDirectory) throws BaselineException, IOException {
        return copy(reportDirectory, OutputDirectory.of(baselineDirectory, OutputKind.BASELINE), line -> { });
    }

    /** As {@link #copy(Path, OutputDirectory, Consumer, boolean)} of a report that must have passed. */
    public Baseline copy(Path reportDirectory, OutputDirectory baselineDirectory, Consumer<String> waiting)
            throws BaselineException, IOException {
        return copy(reportDirectory, baselineDirectory, waiting, false);
    }

    /**
     * Replaces {@code baselineDirectory} with the baseline data of the report in {@code reportDirectory}, under the
     * baseline directory's lock.
     *
     * @param waiting told when another run writes the same baseline and this one waits for it
     * @param takeFailed whether a report whose check failed is taken ({@code memflame.baselineFromFailed})
     * @return the baseline copied, its files relative to {@code baselineDirectory}
     * @throws BaselineException when there is no report, it is no usable baseline, its check failed (unless
     *                           {@code takeFailed}), or the baseline directory may not be replaced (it holds something other than a baseline memflame wrote, it is or
     *                           contains a protected directory): then nothing is read or written
     * @throws IOException when a file cannot be copied (the previous baseline is then left as it was)
     */
    public Baseline copy(Path reportDirectory, OutputDirectory baselineDirectory, Consumer<String> waiting,
                         boolean takeFailed) throws BaselineException, IOException {
        Path summary = reportDirectory.resolve(ReportFiles.SUMMARY);
        if (!Files.exists(summary)) {
            throw new BaselineException("No memflame report in " + reportDirectory + " (expected " + summary
                    + "): run `mvn verify` first, so that the check goal writes the report, then memflame:baseline");
        }
        if (!Files.isRegularFile(summary)) {
            throw new BaselineException("Cannot read the report: " + summary + ": expected a memflame.json file, found "
                    + BaselineReader.notARegularFile(summary));
        }
        Path source = reportDirectory.toAbsolutePath().normalize();
        Path target = baselineDirectory.path();
        if (source.startsWith(target) || target.startsWith(source)) {
            throw new BaselineException("baselineDirectory " + target + " and the report directory " + source
                    + " must not contain one another: the baseline directory is replaced as a whole");
        }
        OutputDirectory output = baselineDirectory.protecting(new ProtectedDirectory("the report directory", source));
        try (DirectoryLock lock = output.lock(waiting)) {
            try {
                output.checkReplaceable();
            } catch (OutputRefusedException refused) {
                throw new BaselineException(refused.getMessage(), refused);
            }
            Baseline baseline = reader.read(reportDirectory.toString(), summary);
            if (!takeFailed && !passed(summary)) {
                throw new BaselineException("The report in " + reportDirectory + " is of a check that failed (\"result\": "
                        + "\"failed\" in " + summary + "): a baseline of it would accept what failed. Make the check "
                        + "pass, or accept its growth with mvn verify -Dmemflame.updateBaseline; to take this report "
                        + "anyway, add -Dmemflame.baselineFromFailed");
            }
            Path from = summary.toAbsolutePath().normalize().getParent();
            // A map: a hand-edited summary may name one file for both views.
            Map<String, Path> files = new LinkedHashMap<>();
            files.put(ReportFiles.SUMMARY, from.resolve(ReportFiles.SUMMARY));
            for (String file : baseline.files()) {
                files.put(file, BaselineReader.namedFile(from, file, summary.toString(), "a folded entry", true));
            }
            AtomicDirectory.replace(output, waiting, staging -> {
                for (Map.Entry<String, Path> file : files.entrySet()) {
                    Path copy = RelativeName.of(file.getKey()).under(staging);
                    if (!Files.isRegularFile(file.getValue())) {
                        throw new IOException("cannot copy " + file.getValue() + ": it is no longer a regular file");
                    }
                    Files.createDirectories(copy.getParent());
                    Files.copy(file.getValue(), copy);
                }
                return null;
            });
            return new Baseline(baselineDirectory.path().toString(), target.resolve(ReportFiles.SUMMARY),
                    baseline.snapshots(), baseline.files());
        }
    }

    /** Whether the summary (read as a baseline already, so of a known shape) says its check passed. */
    private static boolean passed(Path summary) throws BaselineException {
        try {
            return SummaryReader.readBaseline(summary).passed();
        } catch (IOException e) {
            throw new BaselineException("Cannot read the report: " + e.getMessage(), e);
        }
    }
}
