package io.github.memflame.render;

import io.github.memflame.fold.DiffNode;
import io.github.memflame.fold.DiffTree;
import io.github.memflame.fold.DrawnFrame;
import io.github.memflame.fold.FlameNode;
import io.github.memflame.fold.FlameTree;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What {@link SvgFlameGraph} draws, seen the same way whatever it is: a {@link FlameTree} for a normal graph,
 * a {@link DiffTree} for a differential one. Its frames give their own figures ({@link DrawnFrame}); the tree adds
 * what depends on the view and on the graph's kind. {@link FlameLayout} lays it out by these figures.
 *
 * @param view the view drawn
 * @param snapshotName the snapshot's name
 * @param root the root frame
 * @param childNameOf a frame's full name, given its parent's ({@code null} for a child of the root)
 * @param shortNameOf the text drawn in a frame
 * @param differential true for a differential graph: its frames also have the baseline's figures
 * @param weightOf how wide a frame is at its widest, in units the root's weight is the whole plot of: a frame of
 *                 less weight than minFrameWidth's share is not drawn; a normal graph's is its bytes
 * @param <N> the frame type
 */
record DrawnTree<N extends DrawnFrame<N>>(FlameTree.View view, String snapshotName, N root,
                                          BiFunction<String, N, String> childNameOf, Function<N, String> shortNameOf,
                                          boolean differential, ToLongFunction<N> weightOf) {

    /** A normal graph's tree. */
    static DrawnTree<FlameNode> of(FlameTree tree) {
        return new DrawnTree<>(tree.view(), tree.snapshotName(), tree.root(), tree::childName, tree::shortName, false,
                FlameNode::totalBytes);
    }

    /**
     * A differential graph's tree: drawn in this run's widths, and a frame counts as wide enough when it is in
     * either run's widths (its weight is the larger of its shares of either run's total, as bytes of the larger
     * total, rounded up), so that the script can switch to the baseline's widths and find every frame there.
     */
    static DrawnTree<DiffNode> of(DiffTree tree) {
        long total = tree.root().bytes();
        long baselineTotal = tree.root().baselineBytes();
        double weightTotal = Math.max(total, baselineTotal);
        ToLongFunction<DiffNode> weight = node -> Math.max(
                total == 0 ? 0 : (long) Math.ceil(node.bytes() * weightTotal / total),
                baselineTotal == 0 ? 0 : (long) Math.ceil(node.baselineBytes() * weightTotal / baselineTotal));
        return new DrawnTree<>(tree.view(), tree.snapshotName(), tree.root(), tree::childName, tree::shortName, true,
                weight);
    }

    String childName(String parentName, N child) {
        return childNameOf.apply(parentName, child);
    }

    String shortName(N node) {
        return shortNameOf.apply(node);
    }

    long weight(N node) {
        return weightOf.applyAsLong(node);
    }
}
