package io.github.memflame.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs among a check's snapshots: the snapshots of one directory are one run. A snapshot's name is its path
 * relative to the snapshot directory, {@code /}-separated, so its run is what comes before the last {@code /}.
 */
final class Runs {
    private Runs() {
    }

    /** The run's directory of a snapshot, {@code ""} for the snapshot directory itself, else ending in {@code /}. */
    static String runOf(String snapshotName) {
        return snapshotName.substring(0, snapshotName.lastIndexOf('/') + 1);
    }

    /** The snapshot's name within its run: its file name. */
    static String nameInRun(String snapshotName) {
        return snapshotName.substring(snapshotName.lastIndexOf('/') + 1);
    }

    /** The names by run, the runs and the names within each in the order given. */
    static Map<String, List<String>> byRun(List<String> snapshotNames) {
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (String name : snapshotNames) {
            runs.computeIfAbsent(runOf(name), run -> new ArrayList<>()).add(name);
        }
        return runs;
    }

    /** How a message names a run: {@code the run in a/b/}, or {@code the run} for the snapshot directory's own. */
    static String describe(String run) {
        return run.isEmpty() ? "the run" : "the run in " + run;
    }

    /** The first few names, then how many more. */
    static String listed(List<String> names) {
        int shown = Math.min(5, names.size());
        return String.join(", ", names.subList(0, shown))
                + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
    }
}
