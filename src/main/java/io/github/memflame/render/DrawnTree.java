package io.github.memflame.render;

import io.github.memflame.fold.DiffNode;
import io.github.memflame.fold.DiffTree;
import io.github.memflame.fold.FlameNode;
import io.github.memflame.fold.FlameTree;
import java.util.List;

/**
 * What {@link SvgFlameGraph} draws, seen the same way whatever it is: a {@link FlameTree} for a normal graph,
 * a {@link DiffTree} for a differential one. {@link FlameLayout} lays it out by these figures.
 *
 * @param <N> the node type
 */
interface DrawnTree<N> {
    FlameTree.View view();

    String snapshotName();

    N root();

    /** Children in label order. */
    List<N> children(N node);

    /** The bytes that set the frame's width as drawn: this run's. */
    long bytes(N node);

    /** Bytes of the siblings before the frame that the tree left out. */
    long droppedBytesBefore(N node);

    long traces(N node);

    long selfBytes(N node);

    String label(N node);

    /** The frame's full name, given its parent's ({@code null} for a child of the root). */
    String childName(String parentName, N child);

    /** The text drawn in the frame. */
    String shortName(N node);

    /**
     * How wide the frame is at its widest, in units the root's weight is the whole plot of: a frame of less
     * weight than minFrameWidth's share is not drawn. A normal graph's is its bytes.
     */
    default long weight(N node) {
        return bytes(node);
    }

    /** True for a differential graph: its frames also have the baseline's figures below. */
    default boolean differential() {
        return false;
    }

    /** The baseline's bytes of the frame; 0 in a normal graph. */
    default long baselineBytes(N node) {
        return 0;
    }

    /** The baseline's bytes of the siblings before the frame that the tree left out; 0 in a normal graph. */
    default long droppedBaselineBytesBefore(N node) {
        return 0;
    }

    /** A normal graph's tree. */
    static DrawnTree<FlameNode> of(FlameTree tree) {
        return new DrawnTree<>() {
            @Override
            public FlameTree.View view() {
                return tree.view();
            }

            @Override
            public String snapshotName() {
                return tree.snapshotName();
            }

            @Override
            public FlameNode root() {
                return tree.root();
            }

            @Override
            public List<FlameNode> children(FlameNode node) {
                return node.children();
            }

            @Override
            public long bytes(FlameNode node) {
                return node.totalBytes();
            }

            @Override
            public long droppedBytesBefore(FlameNode node) {
                return node.droppedBytesBefore();
            }

            @Override
            public long traces(FlameNode node) {
                return node.traces();
            }

            @Override
            public long selfBytes(FlameNode node) {
                return node.selfBytes();
            }

            @Override
            public String label(FlameNode node) {
                return node.label();
            }

            @Override
            public String childName(String parentName, FlameNode child) {
                return tree.childName(parentName, child);
            }

            @Override
            public String shortName(FlameNode node) {
                return tree.shortName(node);
            }
        };
    }

    /**
     * A differential graph's tree: drawn in this run's widths, and a frame counts as wide enough when it is in
     * either run's widths, so that the script can switch to the baseline's and find every frame there.
     */
    static DrawnTree<DiffNode> of(DiffTree tree) {
        long total = tree.root().bytes();
        long baselineTotal = tree.root().baselineBytes();
        long weightTotal = Math.max(total, baselineTotal);
        return new DrawnTree<>() {
            @Override
            public FlameTree.View view() {
                return tree.view();
            }

            @Override
            public String snapshotName() {
                return tree.snapshotName();
            }

            @Override
            public DiffNode root() {
                return tree.root();
            }

            @Override
            public List<DiffNode> children(DiffNode node) {
                return node.children();
            }

            @Override
            public long bytes(DiffNode node) {
                return node.bytes();
            }

            @Override
            public long droppedBytesBefore(DiffNode node) {
                return node.droppedBytesBefore();
            }

            @Override
            public long traces(DiffNode node) {
                return node.traces();
            }

            @Override
            public long selfBytes(DiffNode node) {
                return node.selfBytes();
            }

            @Override
            public String label(DiffNode node) {
                return node.label();
            }

            @Override
            public String childName(String parentName, DiffNode child) {
                return tree.childName(parentName, child);
            }

            @Override
            public String shortName(DiffNode node) {
                return tree.shortName(node);
            }

            /** The larger of the frame's shares of either run's total, as bytes of the larger total (rounded up). */
            @Override
            public long weight(DiffNode node) {
                return Math.max(share(node.bytes(), total), share(node.baselineBytes(), baselineTotal));
            }

            private long share(long bytes, long of) {
                return of == 0 ? 0 : (long) Math.ceil((double) bytes * weightTotal / of);
            }

            @Override
            public boolean differential() {
                return true;
            }

            @Override
            public long baselineBytes(DiffNode node) {
                return node.baselineBytes();
            }

            @Override
            public long droppedBaselineBytesBefore(DiffNode node) {
                return node.droppedBaselineBytesBefore();
            }
        };
    }
}
