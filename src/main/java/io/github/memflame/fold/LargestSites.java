package io.github.memflame.fold;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The allocation sites that hold the most memory across snapshots: the frames of the path views that allocated bytes
 * themselves (lines, or files where the line is unknown).
 */
public final class LargestSites {
    private LargestSites() {
    }

    /**
     * A site of a path view: what holds memory, where.
     *
     * @param path the site's full name in the path view
     * @param snapshot the name of the snapshot it is in
     * @param bytes the bytes allocated at the site itself
     * @param traces the traces that end at the site
     */
    public record Entry(String path, String snapshot, long bytes, long traces) {
    }

    /**
     * The sites of all path views holding the most, largest first (ties by path, then snapshot), at most
     * {@code limit}. The trees are walked without recursion.
     */
    public static List<Entry> of(List<FlameTree> pathViews, int limit) {
        Comparator<Entry> order = Comparator.comparingLong(Entry::bytes).reversed()
                .thenComparing(Entry::path).thenComparing(Entry::snapshot);
        PriorityQueue<Entry> smallestFirst = new PriorityQueue<>(order.reversed());
        for (FlameTree tree : pathViews) {
            // Each node with its parent's name (null at the top): a node's own name is made only when it has
            // children or is a site that can still enter the list (a path view has tens of thousands of lines).
            record Pending(FlameNode node, String parentName) {
            }
            Deque<Pending> pending = new ArrayDeque<>();
            for (FlameNode child : tree.root().children()) {
                pending.push(new Pending(child, null));
            }
            while (!pending.isEmpty()) {
                Pending next = pending.pop();
                FlameNode node = next.node();
                boolean site = node.selfBytes() > 0 || node.children().isEmpty();
                boolean listed = site && (smallestFirst.size() < limit
                        || !smallestFirst.isEmpty() && node.selfBytes() >= smallestFirst.peek().bytes());
                if (!listed && node.children().isEmpty()) {
                    continue;
                }
                String name = tree.childName(next.parentName(), node);
                long childTraces = 0;
                for (FlameNode child : node.children()) {
                    pending.push(new Pending(child, name));
                    childTraces += child.traces();
                }
                if (listed) {
                    smallestFirst.add(new Entry(name, tree.snapshotName(), node.selfBytes(),
                            node.traces() - childTraces));
                    if (smallestFirst.size() > limit) {
                        smallestFirst.poll();
                    }
                }
            }
        }
        List<Entry> sites = new ArrayList<>(smallestFirst);
        sites.sort(order);
        return sites;
    }
}
