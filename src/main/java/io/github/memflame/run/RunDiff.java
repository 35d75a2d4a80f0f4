package io.github.memflame.run;

import io.github.memflame.fold.FlameTree;
import java.util.Objects;

/**
 * A pair of differential flame graphs between two snapshots of a run, {@code STEM.path.diff.svg} and
 * {@code STEM.stack.diff.svg}, drawn from {@code from} to {@code to}.
 *
 * @param stem the graphs' name relative to the report directory, under {@value #DIRECTORY}, so that no snapshot's
 *             own files can be named the same
 * @param from the earlier snapshot's name
 * @param to the later snapshot's name
 */
public record RunDiff(String stem, String from, String to) {
    /** The report's sub-directory holding the graphs of comparisons and leak checks. */
    public static final String DIRECTORY = "run";

    public RunDiff {
        Objects.requireNonNull(stem, "stem");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** The graph of a view, relative to the report directory, named as a snapshot's: {@code STEM.path.diff.svg}. */
    public String file(FlameTree.View view) {
        return stem + "." + view.fileSuffix() + ".diff.svg";
    }
}
