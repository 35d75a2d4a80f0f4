package io.github.memflame.fold;

import java.util.HashMap;
import java.util.List;
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

    public static FlameTree of(FoldedSnapshot snapshot, View view) {
        FlameNode root = new FlameNode("all");
        // Labels are made once per site, not once per stack: a million stacks share a few thousand sites.
        Map<String, List<String>> pathLabels = new HashMap<>();
        Map<Site, String> stackLabels = new HashMap<>();
        for (StackTotal stack : snapshot.stacks()) {
            FlameNode node = root;
            node.add(stack.bytes(), stack.traces());
            if (stack.rootFirst().isEmpty()) {
                node = node.child(UNKNOWN);
                node.add(stack.bytes(), stack.traces());
            } else if (view == View.PATH) {
                Site site = stack.allocatingSite();
                for (String label : pathLabels.computeIfAbsent(site.path(), PathNormalizer::components)) {
                    node = node.child(label);
                    node.add(stack.bytes(), stack.traces());
                }
                if (site.line() != 0) {
                    node = node.child(Integer.toString(site.line()));
                    node.markLine();
                    node.nameFunction(snapshot.functionAt(site));
                    node.add(stack.bytes(), stack.traces());
                }
            } else {
                for (Site site : stack.rootFirst()) {
                    node = node.child(stackLabels.computeIfAbsent(site, Site::label));
                    node.nameFunction(snapshot.functionAt(site));
                    node.add(stack.bytes(), stack.traces());
                }
            }
            node.addSelf(stack.bytes());
        }
        return new FlameTree(view, snapshot.name(), root);
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
        if (view == View.STACK || parentName == null) {
            return child.labelWithFunction();
        }
        return child.isLine() ? Site.withFunction(Site.label(parentName, Integer.parseInt(child.label())), child.function())
                : parentName + "/" + child.label();
    }

    /**
     * The text drawn in a frame: its label, and for a path-view line {@code :42}, the line of its file; a site
     * whose function is known is followed by it.
     */
    public String shortName(FlameNode node) {
        return node.isLine() ? Site.withFunction(Site.label("", Integer.parseInt(node.label())), node.function())
                : node.labelWithFunction();
    }
}
