package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The one-pass tree from sorted stacks against a tree built the plain way, by walking every stack from the root
 * and looking each child up by label, then cutting away the frames below the threshold (whose bytes then
 * count as a gap before their next kept sibling).
 */
class FlameTreeTest {
    @Test
    void everyFrameOfTheWholeTreeHoldsTheBytesOfTheStacksThroughIt() {
        for (long seed = 1; seed <= 20; seed++) {
            FoldedSnapshot snapshot = randomSnapshot(seed);
            for (FlameTree.View view : FlameTree.View.values()) {
                assertEquals(plainTree(snapshot, view, 0), describe(FlameTree.of(snapshot, view).root()),
                        "seed " + seed + ", " + view);
            }
        }
    }

    @Test
    void aPrunedTreeIsTheWholeTreeWithoutTheFramesBelowTheThreshold() {
        int prunedSomewhere = 0;
        for (long seed = 1; seed <= 20; seed++) {
            FoldedSnapshot snapshot = randomSnapshot(seed);
            for (long keepFrom : new long[] {1, 50, 1_000, 20_000, snapshot.totalBytes(), snapshot.totalBytes() + 1}) {
                FlameTree pruned = FlameTree.of(FoldedView.of(snapshot, FlameTree.View.STACK), keepFrom);
                Node expected = plainTree(snapshot, FlameTree.View.STACK, keepFrom);
                assertEquals(expected, describe(pruned.root()), "seed " + seed + ", keep from " + keepFrom);
                assertEquals(snapshot.totalBytes(), pruned.root().totalBytes());
                if (!expected.equals(plainTree(snapshot, FlameTree.View.STACK, 0))) {
                    prunedSomewhere++;
                }
            }
        }
        assertTrue(prunedSomewhere > 40, "thresholds that really prune: " + prunedSomewhere);
    }

    private static FoldedSnapshot randomSnapshot(long seed) {
        return Stacks.random(seed, 4);
    }

    /** The reference: children found by label, then frames below the threshold cut away with their subtrees. */
    private static Node plainTree(FoldedSnapshot snapshot, FlameTree.View view, long keepFrom) {
        Node root = new Node();
        for (StackTotal stack : snapshot.stacks()) {
            Node node = root;
            node.total += stack.bytes();
            node.traces += stack.traces();
            for (String label : Stacks.labels(stack, view)) {
                node = node.children.computeIfAbsent(label, l -> new Node());
                node.total += stack.bytes();
                node.traces += stack.traces();
            }
            node.self += stack.bytes();
        }
        prune(root, keepFrom);
        return root;
    }

    private static void prune(Node node, long keepFrom) {
        long dropped = 0;
        for (Node child : node.children.values()) {
            if (child.total < keepFrom) {
                dropped += child.total;
            } else {
                child.droppedBefore = dropped;
                dropped = 0;
            }
        }
        node.children.values().removeIf(child -> child.total < keepFrom);
        node.children.values().forEach(child -> prune(child, keepFrom));
    }

    private static Node describe(FlameNode flame) {
        Node node = new Node();
        node.total = flame.totalBytes();
        node.self = flame.selfBytes();
        node.traces = flame.traces();
        node.droppedBefore = flame.droppedBytesBefore();
        List<String> order = new ArrayList<>();
        for (FlameNode child : flame.children()) {
            order.add(child.label());
            node.children.put(child.label(), describe(child));
        }
        assertEquals(new ArrayList<>(node.children.keySet()), order, "children in label order");
        return node;
    }

    private static final class Node {
        final Map<String, Node> children = new TreeMap<>();
        long total;
        long self;
        long traces;
        long droppedBefore;

        @Override
        public boolean equals(Object other) {
            return other instanceof Node that && total == that.total && self == that.self && traces == that.traces
                    && droppedBefore == that.droppedBefore
                    && children.equals(that.children);
        }

        @Override
        public int hashCode() {
            return Objects.hash(total, self, traces, children);
        }

        @Override
        public String toString() {
            return "{" + total + "/" + self + "/" + traces + (droppedBefore == 0 ? "" : " after " + droppedBefore)
                    + " " + children + "}";
        }
    }
}
