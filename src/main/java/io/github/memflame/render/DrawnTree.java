package io.github.memflame.render;

import io.github.memflame.fold.DiffNode;
import io.github.memflame.fold.DiffTree;
import io.github.memflame.fold.FlameNode;
import io.github.memflame.fold.FlameTree;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What {@link SvgFlameGraph} draws, seen the same way whatever it is: a {@link FlameTree} for a normal graph,
 * a {@link DiffTree} for a differential one. {@link FlameLayout} lays it out by these figures.
 *
 * @param view the view drawn
 * @param snapshotName the snapshot's name
 * @param root the root frame
 * @param childrenOf a frame's children, in label order
 * @param bytesOf the bytes that set a frame's width as drawn: this run's
 * @param droppedBytesBeforeOf the bytes of the siblings before a frame that the tree left out
 * @param tracesOf a frame's traces
 * @param selfBytesOf the bytes of the traces that end at a frame
 * @param labelOf a frame's label
 * @param childNameOf a frame's full name, given its parent's ({@code null} for a child of the root)
 * @param shortNameOf the text drawn in a frame
 * @param differential true for a differential graph: its frames also have the baseline's figures
 * @param baselineBytesOf the baseline's bytes of a frame; 0 in a normal graph
 * @param droppedBaselineBytesBeforeOf the baseline's bytes of the left-out siblings before a frame
 * @param weightOf how wide a frame is at its widest, in units the root's weight is the whole plot of: a frame of
 *                 less weight than minFrameWidth's share is not drawn; a normal graph's is its bytes
 * @param <N> the node type
 */
record DrawnTree<N>(FlameTree.View view, String snapshotName, N root, Function<N, List<N>> childrenOf,
                    ToLongFunction<N> bytesOf, ToLongFunction<N> droppedBytesBeforeOf, ToLongFunction<N> tracesOf,
                    ToLongFunction<N> selfBytesOf, Function<N, String> labelOf,
                    BiFunction<String, N, String> childNameOf, Function<N, String> shortNameOf, boolean differential,
                    ToLongFunction<N> baselineBytesOf, ToLongFunction<N> droppedBaselineBytesBeforeOf,
                    ToLongFunction<N> weightOf) {

    /** A normal graph's tree. */
    static DrawnTree<FlameNode> of(FlameTree tree) {
        return new DrawnTree<>(tree.view(), tree.snapshotName(), tree.root(), FlameNode::children,
                FlameNode::totalBytes, FlameNode::droppedBytesBefore, FlameNode::traces, FlameNode::selfBytes,
                FlameNode::label, tree::childName, tree::shortName, false, node -> 0, node -> 0, FlameNode::totalBytes);
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
        return new DrawnTree<>(tree.view(), tree.snapshotName(), tree.root(), DiffNode::children, DiffNode::bytes,
                DiffNode::droppedBytesBefore, DiffNode::traces, DiffNode::selfBytes, DiffNode::label,
                tree::childName, tree::shortName, true, DiffNode::baselineBytes,
                DiffNode::droppedBaselineBytesBefore, weight);
    }

    List<N> children(N node) {
        return childrenOf.apply(node);
    }

    long bytes(N node) {
        return bytesOf.applyAsLong(node);
    }

    long droppedBytesBefore(N node) {
        return droppedBytesBeforeOf.applyAsLong(node);
    }

    long traces(N node) {
        return tracesOf.applyAsLong(node);
    }

    long selfBytes(N node) {
        return selfBytesOf.applyAsLong(node);
    }

    String label(N node) {
        return labelOf.apply(node);
    }

    String childName(String parentName, N child) {
        return childNameOf.apply(parentName, child);
    }

    String shortName(N node) {
        return shortNameOf.apply(node);
    }

    long baselineBytes(N node) {
        return baselineBytesOf.applyAsLong(node);
    }

    long droppedBaselineBytesBefore(N node) {
        return droppedBaselineBytesBeforeOf.applyAsLong(node);
    }

    long weight(N node) {
        return weightOf.applyAsLong(node);
    }
}
