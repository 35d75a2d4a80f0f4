package io.github.memflame.render;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;

/**
 * What the reports show of one snapshot: its figures and its two flame trees.
 */
public record SnapshotReport(FoldedSnapshot snapshot, FlameTree pathView, FlameTree stackView) {

    /** The report file of a view, relative to the output directory: {@code NAME.path.svg}. */
    public String svgFile(FlameTree.View view) {
        return snapshot.name() + "." + view.fileSuffix() + ".svg";
    }

    /** The folded-text export of a view, relative to the output directory: {@code NAME.path.folded}. */
    public String foldedFile(FlameTree.View view) {
        return snapshot.name() + "." + view.fileSuffix() + ".folded";
    }
}
