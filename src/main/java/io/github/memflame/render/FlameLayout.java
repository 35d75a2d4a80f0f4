package io.github.memflame.render;

import io.github.memflame.fold.DrawnFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Where each frame of a flame graph goes, and which frames are drawn at all.
 *
 * <p>Frame x and width come from cumulative byte offsets, so widths are exactly proportional to bytes and
 * children never exceed their parent. Frames narrower than {@link SvgOptions#minFrameWidth()} are not drawn
 * (their bytes stay in the parent's width); if the frames left would still cost more markup than the budget,
 * the smallest are merged too ({@link #merged()}). Levels deeper than {@value #MAX_DEPTH} are not drawn. The
 * tree is walked without recursion.
 *
 * <p>A differential graph can be switched to the baseline's widths: a frame is drawn when it is wide enough in
 * either run ({@link DrawnTree#weight}), and its gap is known in both ({@link Frame#baselineGap()}).
 *
 * @param <N> the tree's node type
 */
final class FlameLayout<N extends DrawnFrame<N>> {
    /** The deepest level drawn below the root; deeper frames stay inside their ancestor at this level. */
    static final int MAX_DEPTH = 1024;
    /** The horizontal margin, in pixels, on each side of the frames. */
    static final int XPAD = 10;
    /** The name, label and text of the root frame. */
    static final String ROOT_NAME = "all";
    /**
     * Decimals of frame x and width: a tenth of a pixel, finer than any screen's pixel. A zoom does not scale
     * these up: the script places zoomed frames by their bytes ({@code data-bytes}, {@code data-gap}).
     */
    static final int GEOMETRY_DECIMALS = 1;
    private static final double GEOMETRY_UNIT = 10;

    /**
     * One frame to draw.
     *
     * @param node the tree node
     * @param parent the parent's node, {@code null} for the root
     * @param gap the bytes between the end of the previous frame drawn under the same parent (or the parent's
     *            start) and this frame's start: siblings too narrow to draw
     * @param baselineGap the same in the baseline's bytes ({@link DrawnTree#baselineBytes}), 0 for a normal graph
     * @param depth 0 for the root
     * @param x the left edge in pixels, rounded to {@value #GEOMETRY_DECIMALS} decimals
     * @param width the width in pixels, rounded the same way
     * @param name the full name: {@code client/ui/bag.py:42}
     * @param label the node's label: {@code 42}
     * @param text the text drawn for it when it fits: {@code :42}
     */
    record Frame<N>(N node, N parent, long gap, long baselineGap, int depth, double x, double width, String name,
                    String label, String text) {
    }

    /** What a frame costs in the output, in bytes at most; the layout keeps the frames' total within a budget. */
    interface FrameCost<N> {
        /**
         * @param deepest the deepest level any frame can be drawn at, which bounds the graph's height
         */
        long of(N node, N parent, String name, String label, String text, double width, int deepest);
    }

    private final List<Frame<N>> frames;
    private final int maxDepth;
    private final boolean merged;

    private FlameLayout(List<Frame<N>> frames, int maxDepth, boolean merged) {
        this.frames = frames;
        this.maxDepth = maxDepth;
        this.merged = merged;
    }

    /** The frames to draw, in pre-order (parents before children, siblings in label order). */
    List<Frame<N>> frames() {
        return frames;
    }

    int maxDepth() {
        return maxDepth;
    }

    /** True when frames at least minFrameWidth wide were merged into their parents to keep within the budget. */
    boolean merged() {
        return merged;
    }

    static <N extends DrawnFrame<N>> FlameLayout<N> of(DrawnTree<N> tree, SvgOptions options, FrameCost<N> cost, long budgetBytes) {
        return new Builder<>(tree, options, cost, budgetBytes).build();
    }

    private static final class Builder<N extends DrawnFrame<N>> {
        private final DrawnTree<N> tree;
        private final N root;
        private final SvgOptions options;
        private final FrameCost<N> cost;
        private final long budgetBytes;
        private final double plotWidth;
        /** Pixels per unit of weight, which decides what is drawn. */
        private final double scale;
        /** Pixels per byte, which places what is drawn. */
        private final double bytesScale;
        private boolean merged;

        Builder(DrawnTree<N> tree, SvgOptions options, FrameCost<N> cost, long budgetBytes) {
            this.tree = tree;
            this.root = tree.root();
            this.options = options;
            this.cost = cost;
            this.budgetBytes = budgetBytes;
            this.plotWidth = options.width() - 2.0 * XPAD;
            this.scale = tree.weight(root) > 0 ? plotWidth / tree.weight(root) : 0;
            this.bytesScale = root.bytes() > 0 ? plotWidth / root.bytes() : 0;
        }

        FlameLayout<N> build() {
            List<Frame<N>> frames = place(threshold());
            int maxDepth = 0;
            for (Frame<N> frame : frames) {
                maxDepth = Math.max(maxDepth, frame.depth());
            }
            return new FlameLayout<>(frames, maxDepth, merged);
        }

        /**
         * The smallest weight (bytes, for a normal graph) a frame below the root must have to be drawn: at least
         * minFrameWidth wide and, taking frames largest first, within the budget.
         */
        private long threshold() {
            if (tree.weight(root) <= 0) {
                return Long.MAX_VALUE;
            }
            double minWidth = options.minFrameWidth();
            long minBytes = Math.max(1, (long) Math.ceil(minWidth / scale));
            while (minBytes > 1 && (minBytes - 1) * scale >= minWidth) {
                minBytes--;
            }
            while (minBytes < Long.MAX_VALUE && minBytes * scale < minWidth) {
                minBytes++;
            }
            int deepest = deepest(minBytes);
            // Largest first: a child never holds more than its parent, so the frames popped before a node are
            // exactly those with more bytes; stopping at a node's bytes keeps a whole tie group out.
            record Candidate<N>(N node, N parent, int depth, String name) {
            }
            PriorityQueue<Candidate<N>> queue = new PriorityQueue<>(
                    (a, b) -> Long.compare(tree.weight(b.node()), tree.weight(a.node())));
            queue.add(new Candidate<>(root, null, 0, ROOT_NAME));
            long estimated = 0;
            while (!queue.isEmpty()) {
                Candidate<N> candidate = queue.poll();
                N node = candidate.node();
                estimated += node == root ? cost.of(node, null, ROOT_NAME, ROOT_NAME, ROOT_NAME, plotWidth, deepest)
                        : cost.of(node, candidate.parent(), candidate.name(), node.label(), tree.shortName(node),
                                node.bytes() * bytesScale, deepest);
                if (estimated > budgetBytes && node != root) {
                    merged = true;
                    return tree.weight(node) + 1;
                }
                if (candidate.depth() < MAX_DEPTH) {
                    String parentName = node == root ? null : candidate.name();
                    for (N child : node.children()) {
                        if (tree.weight(child) >= minBytes) {
                            queue.add(new Candidate<>(child, node, candidate.depth() + 1,
                                    tree.childName(parentName, child)));
                        }
                    }
                }
            }
            return minBytes;
        }

        /** The deepest level a frame of at least {@code minBytes} weight lies at, at most {@link #MAX_DEPTH}. */
        private int deepest(long minBytes) {
            record Level<N>(N node, int depth) {
            }
            Deque<Level<N>> pending = new ArrayDeque<>();
            pending.push(new Level<>(root, 0));
            int deepest = 0;
            while (!pending.isEmpty()) {
                Level<N> level = pending.pop();
                deepest = Math.max(deepest, level.depth());
                if (level.depth() < MAX_DEPTH) {
                    for (N child : level.node().children()) {
                        if (tree.weight(child) >= minBytes) {
                            pending.push(new Level<>(child, level.depth() + 1));
                        }
                    }
                }
            }
            return deepest;
        }

        /** The frames to draw, in pre-order, found without recursion. */
        private List<Frame<N>> place(long threshold) {
            record Open<N>(Frame<N> frame, long offset) {
            }
            List<Frame<N>> placed = new ArrayList<>();
            Deque<Open<N>> stack = new ArrayDeque<>();
            stack.push(new Open<>(frame(root, null, 0, 0, 0, 0, ROOT_NAME, ROOT_NAME, ROOT_NAME), 0));
            List<Open<N>> children = new ArrayList<>();
            while (!stack.isEmpty()) {
                Open<N> parent = stack.pop();
                placed.add(parent.frame());
                if (parent.frame().depth() >= MAX_DEPTH) {
                    continue;
                }
                children.clear();
                long offset = parent.offset();
                long drawnEnd = offset;
                // The same walk in the baseline's bytes, for the gaps of a differential graph's other widths.
                long baselineOffset = 0;
                long baselineDrawnEnd = 0;
                N parentNode = parent.frame().node();
                String parentName = parent.frame().depth() == 0 ? null : parent.frame().name();
                for (N child : parentNode.children()) {
                    offset += child.droppedBytesBefore();
                    baselineOffset += child.droppedBaselineBytesBefore();
                    if (tree.weight(child) >= threshold) {
                        children.add(new Open<>(frame(child, parentNode, offset - drawnEnd,
                                baselineOffset - baselineDrawnEnd, parent.frame().depth() + 1, offset,
                                tree.childName(parentName, child), child.label(), tree.shortName(child)), offset));
                        drawnEnd = offset + child.bytes();
                        baselineDrawnEnd = baselineOffset + child.baselineBytes();
                    }
                    offset += child.bytes();
                    baselineOffset += child.baselineBytes();
                }
                for (int i = children.size() - 1; i >= 0; i--) {
                    stack.push(children.get(i));
                }
            }
            return placed;
        }

        private Frame<N> frame(N node, N parent, long gap, long baselineGap, int depth, long offset, String name,
                               String label, String text) {
            // Both edges come from cumulative byte offsets and are rounded the same way, so siblings never
            // overlap and children never stick out of their parent, whatever the rounding.
            long left = Math.round((XPAD + offset * bytesScale) * GEOMETRY_UNIT);
            long right = node == root ? Math.round((XPAD + plotWidth) * GEOMETRY_UNIT)
                    : Math.round((XPAD + (offset + node.bytes()) * bytesScale) * GEOMETRY_UNIT);
            return new Frame<>(node, parent, gap, baselineGap, depth, left / GEOMETRY_UNIT,
                    (right - left) / GEOMETRY_UNIT, name, label, text);
        }
    }
}
