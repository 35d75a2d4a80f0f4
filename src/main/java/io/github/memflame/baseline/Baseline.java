package io.github.memflame.baseline;

import io.github.memflame.fold.FoldedSnapshot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An earlier run's snapshots, rebuilt from its report.
 *
 * @param source where the baseline was configured, as given (a directory or its {@code memflame.json})
 * @param summaryFile the {@code memflame.json} read
 * @param snapshots the snapshots in the order the summary lists them, each rebuilt from its stack view
 * @param files the files of the baseline besides {@code memflame.json}, relative to the summary's directory with
 *              {@code /} separators: each snapshot's folded exports
 */
public record Baseline(String source, Path summaryFile, List<FoldedSnapshot> snapshots, List<String> files) {

    public Baseline {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(summaryFile, "summaryFile");
        snapshots = List.copyOf(snapshots);
        files = List.copyOf(files);
    }

    /** The snapshots by name, in summary order. */
    public Map<String, FoldedSnapshot> byName() {
        Map<String, FoldedSnapshot> byName = new LinkedHashMap<>();
        snapshots.forEach(snapshot -> byName.put(snapshot.name(), snapshot));
        return byName;
    }

    /** The names of the baseline's snapshots that {@code current} does not have, in summary order. */
    public List<String> missingFrom(List<FoldedSnapshot> current) {
        Map<String, FoldedSnapshot> missing = byName();
        current.forEach(snapshot -> missing.remove(snapshot.name()));
        return List.copyOf(missing.keySet());
    }
}
