package io.github.memflame.fold;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A differential flame graph's data: the union of one view of this run's snapshot and the same view of the
 * baseline's, each frame with its bytes in both (see {@link DiffNode}). Frames are matched by label, which holds
 * no function name, so a baseline whose functions were not named matches frame for frame. Given a baseline aligned
 * with this run by {@link FrameMatcher}, a moved frame is one frame with both runs' bytes, and its name says the
 * line it was on.
 *
 * <p>Built in one pass over both folded views at once: each is sorted by label sequence, so merging them gives
 * the pre-order of the union tree, as {@link FlameTree#of(FoldedView, long)} gets it from one view.
 */
public final class DiffTree {
    private final FlameTree.View view;
    private final String snapshotName;
    private final DiffNode root;
    /** The baseline line of each moved frame, by its full name without function ({@code path:line}). */
    private final Map<String, Integer> formerLines;

    private DiffTree(FlameTree.View view, String snapshotName, DiffNode root, Map<String, Integer> formerLines) {
        this.view = view;
        this.snapshotName = snapshotName;
        this.root = root;
        this.formerLines = formerLines;
    }

    /**
     * As {@link #of(FoldedView, FoldedView, long, long)}, the baseline's view made from a baseline aligned with this
     * run ({@link FrameMatcher#align}): each moved frame's name says the line it had there.
     */
    public static DiffTree of(FoldedView current, FoldedSnapshot alignedBaseline, long keepFromBytes,
                              long keepFromBaselineBytes) {
        DiffTree tree = of(current, FoldedView.of(alignedBaseline, current.view()), keepFromBytes,
                keepFromBaselineBytes);
        Map<String, Integer> formerLines = new HashMap<>();
        alignedBaseline.formerLines().forEach((site, line) -> formerLines.put(current.view() == FlameTree.View.PATH
                ? Site.label(String.join("/", PathNormalizer.components(site.path())), site.line())
                : site.label(), line));
        return new DiffTree(tree.view, tree.snapshotName, tree.root, Map.copyOf(formerLines));
    }

    /** The whole union tree of two views of the same kind, every frame kept. */
    public static DiffTree of(FoldedView current, FoldedView baseline) {
        return of(current, baseline, 0, 0);
    }

    /**
     * The union tree without the frames no graph can show in either run's widths: those holding fewer than
     * {@code keepFromBytes} bytes of this run and fewer than {@code keepFromBaselineBytes} of the baseline.
     * Their bytes stay in their parent's totals, and as gaps before their next sibling in both runs.
     *
     * @throws IllegalArgumentException when the views are of different kinds
     */
    public static DiffTree of(FoldedView current, FoldedView baseline, long keepFromBytes,
                              long keepFromBaselineBytes) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(baseline, "baseline");
        if (current.view() != baseline.view()) {
            throw new IllegalArgumentException("cannot compare the " + current.view().fileSuffix() + " view of "
                    + current.snapshotName() + " with the " + baseline.view().fileSuffix() + " view of "
                    + baseline.snapshotName());
        }
        DiffNode root = new DiffNode("all");
        DiffNode[] open = new DiffNode[16];
        open[0] = root;
        int openDepth = 0;
        String[] previous = new String[0];
        int c = 0;
        int b = 0;
        while (c < current.size() || b < baseline.size()) {
            int order = c == current.size() ? 1 : b == baseline.size() ? -1 : compare(current, c, baseline, b);
            FoldedView from = order <= 0 ? current : baseline;
            int at = order <= 0 ? c : b;
            String[] labels = labels(from, at);
            long bytes = order <= 0 ? current.bytes(c) : 0;
            long traces = order <= 0 ? current.traces(c) : 0;
            long baselineBytes = order >= 0 ? baseline.bytes(b) : 0;
            long baselineTraces = order >= 0 ? baseline.traces(b) : 0;
            boolean line = (order <= 0 && current.endsInLine(c)) || (order >= 0 && baseline.endsInLine(b));

            int mismatch = Arrays.mismatch(previous, labels);
            int shared = mismatch < 0 ? labels.length : mismatch;
            for (; openDepth > shared; openDepth--) {
                close(open[openDepth], open[openDepth - 1], keepFromBytes, keepFromBaselineBytes);
            }
            if (labels.length >= open.length) {
                open = Arrays.copyOf(open, Math.max(labels.length + 1, open.length * 2));
            }
            for (; openDepth < labels.length; openDepth++) {
                open[openDepth + 1] = open[openDepth].appendChild(labels[openDepth]);
            }
            for (int level = 0; level <= labels.length; level++) {
                open[level].add(bytes, traces, baselineBytes, baselineTraces);
                if (level > 0) {
                    if (order <= 0) {
                        open[level].nameFunction(current.function(c, level - 1));
                    }
                    if (order >= 0) {
                        open[level].nameFunction(baseline.function(b, level - 1));
                    }
                }
            }
            open[labels.length].addSelf(bytes, baselineBytes);
            if (line) {
                open[labels.length].markLine();
            }
            previous = labels;
            if (order <= 0) {
                c++;
            }
            if (order >= 0) {
                b++;
            }
        }
        for (; openDepth > 0; openDepth--) {
            close(open[openDepth], open[openDepth - 1], keepFromBytes, keepFromBaselineBytes);
        }
        return new DiffTree(current.view(), current.snapshotName(), root, Map.of());
    }

    /** Label-sequence order, as each folded view is sorted: label by label, a prefix before its extensions. */
    private static int compare(FoldedView a, int i, FoldedView b, int j) {
        int depth = Math.min(a.depth(i), b.depth(j));
        for (int level = 0; level < depth; level++) {
            int order = a.label(i, level).compareTo(b.label(j, level));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.depth(i), b.depth(j));
    }

    private static String[] labels(FoldedView view, int index) {
        String[] labels = new String[view.depth(index)];
        for (int level = 0; level < labels.length; level++) {
            labels[level] = view.label(index, level);
        }
        return labels;
    }

    private static void close(DiffNode node, DiffNode parent, long keepFromBytes, long keepFromBaselineBytes) {
        if (node.bytes() < keepFromBytes && node.baselineBytes() < keepFromBaselineBytes) {
            parent.removeLastChild();
        }
    }

    public FlameTree.View view() {
        return view;
    }

    public String snapshotName() {
        return snapshotName;
    }

    /** The root frame; its figures are the two snapshots' totals. */
    public DiffNode root() {
        return root;
    }

    /**
     * The full name of a frame, as {@link FlameTree#childName(String, FlameNode)} gives it, followed by
     * {@code (was line 24)} for a frame that moved since the baseline.
     */
    public String childName(String parentName, DiffNode child) {
        String name = FlameTree.childName(view, parentName, child.label(), child.isLine(), child.function());
        if (formerLines.isEmpty() || view == FlameTree.View.PATH && !child.isLine()) {
            return name;
        }
        Integer wasLine = formerLines.get(view == FlameTree.View.STACK ? child.label()
                : Site.label(parentName, Integer.parseInt(child.label())));
        return wasLine == null ? name : name + " (was line " + wasLine + ")";
    }

    /** The text drawn in a frame, as {@link FlameTree#shortName(FlameNode)} gives it. */
    public String shortName(DiffNode node) {
        return FlameTree.shortName(node.label(), node.isLine(), node.function());
    }
}
