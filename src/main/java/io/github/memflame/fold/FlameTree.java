package io.github.memflame.fold;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A flame graph's data: a root holding the whole snapshot and one level per frame.
 *
 * <ul>
 *   <li>{@link View#PATH}: {@code dir;dir;file.py;line} of the allocating frame, to see which code holds memory;</li>
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
        Map<Site, List<String>> pathLabels = new HashMap<>();
        Map<Site, String> stackLabels = new HashMap<>();
        for (StackTotal stack : snapshot.stacks()) {
            FlameNode node = root;
            node.add(stack.bytes(), stack.traces());
            if (stack.rootFirst().isEmpty()) {
                node = node.child(UNKNOWN);
                node.add(stack.bytes(), stack.traces());
            } else if (view == View.PATH) {
                for (String label : pathLabels.computeIfAbsent(stack.allocatingSite(), FlameTree::pathLabels)) {
                    node = node.child(label);
                    node.add(stack.bytes(), stack.traces());
                }
                node.nameFunction(snapshot.functionAt(stack.allocatingSite()));
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

    private static List<String> pathLabels(Site site) {
        List<String> labels = new ArrayList<>(PathNormalizer.components(site.path()));
        labels.add(Integer.toString(site.line()));
        return List.copyOf(labels);
    }
}
