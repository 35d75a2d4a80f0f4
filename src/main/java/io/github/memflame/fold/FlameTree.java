package io.github.memflame.fold;

import java.util.Arrays;

/**
 * A flame graph's data: a root holding the whole snapshot and one level per frame.
 *
 * <ul>
 *   <li>{@link View#PATH}: {@code dir;dir;file.py;line} of the allocating frame, to see which code holds memory
 *       (no line level when the line is unknown);</li>
 *   <li>{@link View#STACK}: the call stack root first, one {@code path:line} frame per level.</li>
 * </ul>
 */
public final class FlameTree {
    /** The label of the frame standing for traces that have no frame at all. */
    public static final String UNKNOWN = "<unknown>";

    public enum View {
        PATH("path"),
        STACK("stack");

        private final String fileSuffix;

        View(String fileSuffix) {
            this.fileSuffix = fileSuffix;
        }

        /** The part of report file names that names the view: {@code NAME.path.svg}. */
        public String fileSuffix() {
            return fileSuffix;
        }
    }

    private final View view;
    private final String snapshotName;
    private final FlameNode root;

    private FlameTree(View view, String snapshotName, FlameNode root) {
        this.view = view;
        this.snapshotName = snapshotName;
        this.root = root;
    }

    /** The whole tree of a view, every frame kept. */
    public static FlameTree of(FoldedSnapshot snapshot, View view) {
        return of(FoldedView.of(snapshot, view), 0);
    }

    /**
     * The tree of a folded view without the frames that hold fewer than {@code keepFromBytes} bytes: a graph
     * cannot show them, and on random tracebacks they are almost all of the tree. Their bytes stay in their
     * parent's total. Each frame is closed once the sorted sequences have left it, so a dropped subtree is
     * garbage at once and memory grows with the frames kept, not with the frames of the snapshot.
     */
    public static FlameTree of(FoldedView folded, long keepFromBytes) {
        FlameNode root = new FlameNode("all");
        FlameNode[] open = new FlameNode[16];
        open[0] = root;
        int openDepth = 0;
        for (int i = 0; i < folded.size(); i++) {
            int shared = folded.sharedLevels(i);
            for (; openDepth > shared; openDepth--) {
                close(open[openDepth], open[openDepth - 1], keepFromBytes);
            }
            int depth = folded.depth(i);
            if (depth >= open.length) {
                open = Arrays.copyOf(open, Math.max(depth + 1, open.length * 2));
            }
            for (; openDepth < depth; openDepth++) {
                open[openDepth + 1] = open[openDepth].appendChild(folded.label(i, openDepth));
                open[openDepth + 1].nameFunction(folded.function(i, openDepth));
            }
            for (int level = 0; level <= depth; level++) {
                open[level].add(folded.bytes(i), folded.traces(i));
            }
            open[depth].addSelf(folded.bytes(i));
            if (folded.endsInLine(i)) {
                open[depth].markLine();
            }
        }
        for (; openDepth > 0; openDepth--) {
            close(open[openDepth], open[openDepth - 1], keepFromBytes);
        }
        return new FlameTree(folded.view(), folded.snapshotName(), root);
    }

    private static void close(FlameNode node, FlameNode parent, long keepFromBytes) {
        if (node.totalBytes() < keepFromBytes) {
            parent.removeLastChild();
        }
    }

    public View view() {
        return view;
    }

    public String snapshotName() {
        return snapshotName;
    }

    /** The root frame; its total is the snapshot's total. */
    public FlameNode root() {
        return root;
    }

    /**
     * The full name of a frame, given its parent's full name ({@code null} for a child of the root): in the
     * path view {@code dir/file.py} and, for a line, the site's name {@code dir/file.py:42}; in the stack view
     * the frame's label, already a site's name. A site whose function is known is followed by it:
     * {@code dir/file.py:42 Class.method}.
     */
    public String childName(String parentName, FlameNode child) {
        return childName(view, parentName, child.label(), child.isLine(), child.function());
    }

    /**
     * The text drawn in a frame: its label, and for a path-view line {@code :42}, the line of its file; a site
     * whose function is known is followed by it.
     */
    public String shortName(FlameNode node) {
        return shortName(node.label(), node.isLine(), node.function());
    }

    /** {@link #childName(String, FlameNode)} of a frame given by its parts; {@link DiffTree} names its frames so. */
    static String childName(View view, String parentName, String label, boolean line, String function) {
        if (view == View.STACK || parentName == null) {
            return Site.withFunction(label, function);
        }
        return line ? Site.withFunction(Site.label(parentName, Integer.parseInt(label)), function)
                : parentName + "/" + label;
    }

    /** {@link #shortName(FlameNode)} of a frame given by its parts. */
    static String shortName(String label, boolean line, String function) {
        return line ? Site.withFunction(Site.label("", Integer.parseInt(label)), function)
                : Site.withFunction(label, function);
    }
}
