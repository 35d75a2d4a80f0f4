package io.github.memflame.fold;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
     * parent's total. The sequences are in the tree's pre-order, so before a frame is made the sequences under it
     * are summed, only while they stay below the threshold: a frame found too narrow is never made and its
     * sequences are skipped together. Memory and time grow with the frames kept, not with those of the snapshot.
     */
    public static FlameTree of(FoldedView folded, long keepFromBytes) {
        FlameNode root = new FlameNode("all");
        FlameNode[] open = new FlameNode[16];
        open[0] = root;
        int openDepth = 0;
        int[] shared = new int[folded.size() + 1];
        for (int i = 0; i < folded.size(); i++) {
            shared[i] = folded.sharedLevels(i);
        }
        sequences:
        for (int i = 0; i < folded.size(); i++) {
            openDepth = Math.min(openDepth, shared[i]);
            int depth = folded.depth(i);
            if (depth >= open.length) {
                open = Arrays.copyOf(open, Math.max(depth + 1, open.length * 2));
            }
            for (; openDepth < depth; openDepth++) {
                int end = i + 1;
                long subtreeBytes = folded.bytes(i);
                long subtreeTraces = folded.traces(i);
                // shared[size] is 0: the last sequence closes everything.
                while (subtreeBytes < keepFromBytes && shared[end] > openDepth) {
                    subtreeBytes += folded.bytes(end);
                    subtreeTraces += folded.traces(end);
                    end++;
                }
                if (subtreeBytes < keepFromBytes) {
                    for (int level = 0; level <= openDepth; level++) {
                        open[level].add(subtreeBytes, subtreeTraces);
                    }
                    open[openDepth].dropChild(subtreeBytes);
                    i = end - 1;
                    continue sequences;
                }
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
        return new FlameTree(folded.view(), folded.snapshotName(), root);
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
     * The bytes under each child of the root, by label, in the tree's order: in the path view, what each top-level
     * directory (or file) holds; the run's timeline stacks them and {@code memflame.json} states them. Adds up to
     * the root's total.
     */
    public Map<String, Long> topLevelBytes() {
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (FlameNode child : root.children()) {
            bytes.merge(child.label(), child.totalBytes(), Long::sum);
        }
        return Collections.unmodifiableMap(bytes);
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
