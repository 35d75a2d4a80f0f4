package io.github.memflame.baseline;

import io.github.memflame.render.AtomicDirectory;
import io.github.memflame.render.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copies a report's baseline data (its {@code memflame.json} and the folded stacks it names; no flame graph, no
 * dump) into a directory of its own, for teams that commit their baseline. The report is read as a baseline
 * first, so only a usable baseline is copied, and the directory is replaced as a whole by {@link AtomicDirectory}:
 * a failed copy leaves the previous baseline as it was.
 */
public final class BaselineCopier {
    private final BaselineReader reader;

    /** @param maxDecompressedBytes the most one gzip-compressed folded file may expand to */
    public BaselineCopier(long maxDecompressedBytes) {
        this.reader = new BaselineReader(maxDecompressedBytes);
    }

    /**
     * Replaces {@code baselineDirectory} with the baseline data of the report in {@code reportDirectory}.
     *
     * @return the baseline copied, its files relative to {@code baselineDirectory}
     * @throws BaselineException when there is no report, it is no usable baseline, or {@code baselineDirectory}
     *                           holds something other than a baseline (it would be replaced as a whole)
     * @throws IOException when a file cannot be copied (the previous baseline is then left as it was)
     */
    public Baseline copy(Path reportDirectory, Path baselineDirectory) throws BaselineException, IOException {
        Path summary = reportDirectory.resolve(ReportWriter.SUMMARY);
        if (!Files.isRegularFile(summary)) {
            throw new BaselineException("No memflame report in " + reportDirectory + " (expected " + summary
                    + "): run `mvn verify` first, so that the check goal writes the report, then memflame:baseline");
        }
        Path source = reportDirectory.toAbsolutePath().normalize();
        Path target = baselineDirectory.toAbsolutePath().normalize();
        if (source.startsWith(target) || target.startsWith(source)) {
            throw new BaselineException("baselineDirectory " + target + " and the report directory " + source
                    + " must not contain one another: the baseline directory is replaced as a whole");
        }
        checkReplaceable(target);
        Baseline baseline = reader.read(reportDirectory.toString(), summary);
        Path from = summary.toAbsolutePath().normalize().getParent();
        // A set: a hand-edited summary may name one file for both views.
        Set<String> files = new LinkedHashSet<>(List.of(ReportWriter.SUMMARY));
        files.addAll(baseline.files());
        AtomicDirectory.replace(target, "the baseline", staging -> {
            for (String file : files) {
                Path copy = staging.resolve(file);
                Files.createDirectories(copy.getParent());
                Files.copy(from.resolve(file), copy);
            }
            return null;
        });
        return new Baseline(baselineDirectory.toString(), target.resolve(ReportWriter.SUMMARY), baseline.snapshots(),
                baseline.files());
    }

    /** Refuses a directory that holds files but no baseline: replacing it would delete what someone put there. */
    private static void checkReplaceable(Path directory) throws BaselineException, IOException {
        if (!Files.isDirectory(directory) || Files.isRegularFile(directory.resolve(ReportWriter.SUMMARY))) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new BaselineException("baselineDirectory " + directory + " holds files but no "
                        + ReportWriter.SUMMARY + ": the baseline directory is replaced as a whole, so it must be "
                        + "empty, missing or an earlier baseline; choose a directory of its own, e.g. "
                        + "src/test/memflame-baseline");
            }
        }
    }
}
