package io.github.memflame.render;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FoldedView;

/**
 * What the reports show of one snapshot: its figures, its two flame trees, and the folded views they were built
 * from, which the folded exports are written from.
 */
public record SnapshotReport(FoldedSnapshot snapshot, FlameTree pathView, FlameTree stackView,
                             FoldedView pathFolded, FoldedView stackFolded) {

    /**
     * Both views of a snapshot as the report draws them. The path view is whole: the index lists its largest
     * lines, however narrow. The stack view leaves out the frames {@code options} cannot show; on random
     * tracebacks they are millions.
     */
    public static SnapshotReport of(FoldedSnapshot snapshot, SvgOptions options) {
        FoldedView path = FoldedView.of(snapshot, FlameTree.View.PATH);
        FoldedView stack = FoldedView.of(snapshot, FlameTree.View.STACK);
        return new SnapshotReport(snapshot, FlameTree.of(path, 0),
                FlameTree.of(stack, options.invisibleBelowBytes(snapshot.totalBytes())), path, stack);
    }

    /** The folded view of {@code view}. */
    public FoldedView folded(FlameTree.View view) {
        return view == FlameTree.View.PATH ? pathFolded : stackFolded;
    }

    /** The report file of a view, relative to the output directory: {@code NAME.path.svg}. */
    public String svgFile(FlameTree.View view) {
        return snapshot.name() + "." + view.fileSuffix() + ".svg";
    }

    /**
     * The gzip-compressed folded-text export of a view with plain {@code path:line} frames, relative to the output
     * directory: {@code NAME.path.folded.gz}.
     */
    public String foldedFile(FlameTree.View view) {
        return snapshot.name() + "." + view.fileSuffix() + ".folded.gz";
    }

    /**
     * The gzip-compressed folded-text export of a view whose frames carry function names
     * ({@code path:line Class.method}), written beside {@link #foldedFile} when {@code foldedFunctionNames} is
     * set: {@code NAME.path.named.folded.gz}.
     */
    public String namedFoldedFile(FlameTree.View view) {
        return snapshot.name() + "." + view.fileSuffix() + ".named.folded.gz";
    }
}
