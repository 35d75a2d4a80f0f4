package io.github.memflame.render;

import io.github.memflame.fold.DiffTree;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FoldedView;
import io.github.memflame.summary.ReportFiles;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * What the reports show of one snapshot: its figures, its two flame trees, and the folded views they were built
 * from, which the folded exports are written from; with a baseline, also the baseline snapshot and the two
 * differential trees against it.
 *
 * @param baseline the same-named snapshot of the earlier run compared against, aligned with this one by
 *                 {@link io.github.memflame.fold.FrameMatcher} when it is read for a check, or {@code null}
 * @param pathDiff the path view's differential tree, {@code null} without a baseline
 * @param stackDiff the stack view's differential tree, {@code null} without a baseline
 */
public record SnapshotReport(FoldedSnapshot snapshot, FlameTree pathView, FlameTree stackView,
                             FoldedView pathFolded, FoldedView stackFolded, FoldedSnapshot baseline,
                             DiffTree pathDiff, DiffTree stackDiff) {

    /** A report of a snapshot without a baseline. */
    public SnapshotReport(FoldedSnapshot snapshot, FlameTree pathView, FlameTree stackView, FoldedView pathFolded,
                          FoldedView stackFolded) {
        this(snapshot, pathView, stackView, pathFolded, stackFolded, null, null, null);
    }

    /** Both views of a snapshot, without a baseline. */
    public static SnapshotReport of(FoldedSnapshot snapshot, SvgOptions options) {
        return of(snapshot, null, options);
    }

    /**
     * Both views of a snapshot as the report draws them. The path view is whole: the index lists its largest
     * lines, however narrow. The stack view leaves out the frames {@code options} cannot show; on random
     * tracebacks they are millions. With a baseline, the differential trees of both views leave out the frames
     * too narrow to show in either run's widths.
     *
     * @param baseline the same-named snapshot of the earlier run, or {@code null}
     */
    public static SnapshotReport of(FoldedSnapshot snapshot, FoldedSnapshot baseline, SvgOptions options) {
        return of(snapshot, baseline, options, null);
    }

    /**
     * As {@link #of(FoldedSnapshot, FoldedSnapshot, SvgOptions)}, the stack view drawn on {@code beside} while
     * the calling thread draws the path view: one very large snapshot then takes two cores, not one.
     *
     * @param beside where the stack view is drawn, or {@code null} to draw both views in turn
     */
    public static SnapshotReport of(FoldedSnapshot snapshot, FoldedSnapshot baseline, SvgOptions options,
                                    ExecutorService beside) {
        Future<DrawnView> stackDrawn = beside == null ? null
                : beside.submit(() -> DrawnView.of(snapshot, FlameTree.View.STACK, baseline, options));
        DrawnView path;
        try {
            path = DrawnView.of(snapshot, FlameTree.View.PATH, baseline, options);
        } finally {
            if (stackDrawn != null && !stackDrawn.isDone()) {
                Beside.awaitQuietly(stackDrawn);
            }
        }
        DrawnView stack = stackDrawn == null ? DrawnView.of(snapshot, FlameTree.View.STACK, baseline, options)
                : Beside.result(stackDrawn);
        return new SnapshotReport(snapshot, path.tree(), stack.tree(), path.folded(), stack.folded(), baseline,
                path.diff(), stack.diff());
    }

    /** One view of a snapshot as the report draws it, with its differential tree when there is a baseline. */
    private record DrawnView(FoldedView folded, FlameTree tree, DiffTree diff) {
        static DrawnView of(FoldedSnapshot snapshot, FlameTree.View view, FoldedSnapshot baseline,
                            SvgOptions options) {
            FoldedView folded = FoldedView.of(snapshot, view);
            long keepFrom = options.invisibleBelowBytes(snapshot.totalBytes());
            FlameTree tree = FlameTree.of(folded, view == FlameTree.View.PATH ? 0 : keepFrom);
            DiffTree diff = baseline == null ? null
                    : DiffTree.of(folded, baseline, keepFrom, options.invisibleBelowBytes(baseline.totalBytes()));
            return new DrawnView(folded, tree, diff);
        }
    }

    /**
     * This report once its graphs and exports are written: the snapshot, its path view and its baseline, which the
     * pages and the log still need, without the stack view, the folded views and the differential trees, which
     * only the written files need. A run of many snapshots holds one snapshot's drawings at a time this way.
     */
    public SnapshotReport written() {
        return new SnapshotReport(snapshot, pathView, null, null, null, baseline, null, null);
    }

    /** The folded view of {@code view}. */
    public FoldedView folded(FlameTree.View view) {
        return view == FlameTree.View.PATH ? pathFolded : stackFolded;
    }

    /** The differential tree of {@code view}, {@code null} without a baseline. */
    public DiffTree diff(FlameTree.View view) {
        return view == FlameTree.View.PATH ? pathDiff : stackDiff;
    }

    /** The report file of a view, relative to the output directory: {@code NAME.path.svg}. */
    public String svgFile(FlameTree.View view) {
        return ReportFiles.svg(snapshot.name(), view);
    }

    /**
     * The differential graph of a view against the baseline, relative to the output directory:
     * {@code NAME.path.diff.svg}; written only when there is a baseline.
     */
    public String diffSvgFile(FlameTree.View view) {
        return ReportFiles.diffSvg(snapshot.name(), view);
    }

    /**
     * The gzip-compressed folded-text export of a view with plain {@code path:line} frames, relative to the output
     * directory: {@code NAME.path.folded.gz}.
     */
    public String foldedFile(FlameTree.View view) {
        return ReportFiles.folded(snapshot.name(), view);
    }

    /**
     * The gzip-compressed folded-text export of a view whose frames carry function names
     * ({@code path:line Class.method}), written beside {@link #foldedFile} when {@code foldedFunctionNames} is
     * set: {@code NAME.path.named.folded.gz}.
     */
    public String namedFoldedFile(FlameTree.View view) {
        return ReportFiles.namedFolded(snapshot.name(), view);
    }
}
