package io.github.memflame.summary;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The baseline a report was compared with, as the reports state it.
 *
 * @param source where it came from, as configured (a directory or its {@code memflame.json})
 * @param totalBytesBySnapshot the baseline's total bytes of each of its snapshots, by name
 * @param missingSnapshots the baseline's snapshots this run does not have, in the baseline's order
 */
public record BaselineUsed(String source, Map<String, Long> totalBytesBySnapshot, List<String> missingSnapshots) {

    public BaselineUsed {
        Objects.requireNonNull(source, "source");
        totalBytesBySnapshot = Map.copyOf(totalBytesBySnapshot);
        missingSnapshots = List.copyOf(missingSnapshots);
    }

    /** The baseline's total bytes of a snapshot, or {@code null} when the snapshot is new since the baseline. */
    public Long totalBytes(String snapshot) {
        return totalBytesBySnapshot.get(snapshot);
    }
}
