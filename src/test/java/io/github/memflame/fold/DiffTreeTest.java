package io.github.memflame.fold;

import static io.github.memflame.fold.Stacks.snapshot;
import static io.github.memflame.fold.Stacks.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The one-pass union of two sorted views against a union built the plain way: each snapshot's stacks walked from
 * the root into one tree of labels, each frame counting this run's and the baseline's bytes apart, then the
 * frames below both thresholds cut away (their bytes a gap before the next kept sibling, in both runs).
 */
class DiffTreeTest {
    @Test
    void everyFrameOfEitherRunHoldsItsBytesInBoth() {
        int vanished = 0;
        int added = 0;
        for (long seed = 1; seed <= 20; seed++) {
            FoldedSnapshot current = randomSnapshot(seed, 5);
            FoldedSnapshot baseline = randomSnapshot(seed + 1000, 4);
            for (FlameTree.View view : FlameTree.View.values()) {
                DiffTree diff = DiffTree.of(FoldedView.of(current, view), FoldedView.of(baseline, view));
                Node expected = plainUnion(current, baseline, view, 0, 0);
                assertEquals(expected, describe(diff.root()), "seed " + seed + ", " + view);
                assertEquals(current.totalBytes(), diff.root().bytes());
                assertEquals(baseline.totalBytes(), diff.root().baselineBytes());
                vanished += expected.count(node -> node.bytes == 0 && node.baselineBytes > 0);
                added += expected.count(node -> node.baselineBytes == 0 && node.bytes > 0);
            }
        }
        assertTrue(vanished > 20 && added > 20, "frames of one run only: " + vanished + " vanished, " + added + " new");
    }

    @Test
    void aPrunedUnionKeepsEveryFrameWideEnoughInEitherRun() {
        int prunedSomewhere = 0;
        for (long seed = 1; seed <= 20; seed++) {
            FoldedSnapshot current = randomSnapshot(seed, 5);
            FoldedSnapshot baseline = randomSnapshot(seed + 1000, 4);
            Node whole = plainUnion(current, baseline, FlameTree.View.STACK, 0, 0);
            for (long keepFrom : new long[] {1, 50, 1_000, 20_000, current.totalBytes() + 1}) {
                for (long keepFromBaseline : new long[] {1, 700, 30_000, baseline.totalBytes() + 1}) {
                    DiffTree pruned = DiffTree.of(FoldedView.of(current, FlameTree.View.STACK),
                            FoldedView.of(baseline, FlameTree.View.STACK), keepFrom, keepFromBaseline);
                    Node expected = plainUnion(current, baseline, FlameTree.View.STACK, keepFrom, keepFromBaseline);
                    assertEquals(expected, describe(pruned.root()),
                            "seed " + seed + ", keep from " + keepFrom + " / " + keepFromBaseline);
                    if (!expected.equals(whole)) {
                        prunedSomewhere++;
                    }
                }
            }
        }
        assertTrue(prunedSomewhere > 150, "thresholds that really prune: " + prunedSomewhere);
    }

    @Test
    void theUnionOfASnapshotWithItselfIsItsFlameTreeInBothRuns() {
        FoldedSnapshot snapshot = randomSnapshot(7, 5);
        for (FlameTree.View view : FlameTree.View.values()) {
            FoldedView folded = FoldedView.of(snapshot, view);
            assertSame(FlameTree.of(folded, 0).root(), DiffTree.of(folded, folded).root());
        }
    }

    @Test
    void framesMatchByPathAndLineAndTakeTheFunctionFromThisRunElseTheBaseline() {
        Site main = new Site("main.py", 3);
        Site tick = new Site("client/battle.py", 37);
        Site old = new Site("client/old.py", 5);
        FoldedSnapshot current = snapshot(Map.of(main, "<module>"), stack(100, main, tick));
        FoldedSnapshot baseline = snapshot(Map.of(tick, "Battle.tick_old_name", old, "Old.load"),
                stack(60, main, tick), stack(40, main, old));
        DiffTree diff = DiffTree.of(FoldedView.of(current, FlameTree.View.STACK),
                FoldedView.of(baseline, FlameTree.View.STACK));
        DiffNode mainFrame = diff.root().children().get(0);
        assertEquals("main.py:3", mainFrame.label());
        assertEquals("<module>", mainFrame.function());
        assertEquals(List.of("client/battle.py:37", "client/old.py:5"),
                mainFrame.children().stream().map(DiffNode::label).toList());
        DiffNode tickFrame = mainFrame.children().get(0);
        assertEquals(100, tickFrame.bytes());
        assertEquals(60, tickFrame.baselineBytes());
        assertEquals(40, tickFrame.deltaBytes());
        assertEquals("Battle.tick_old_name", tickFrame.function(), "this run names none, so the baseline's");
        assertEquals("client/battle.py:37 Battle.tick_old_name", diff.childName("main.py:3", tickFrame));
        DiffNode vanished = mainFrame.children().get(1);
        assertEquals(0, vanished.bytes());
        assertEquals(40, vanished.baselineBytes());
        assertEquals(-40, vanished.deltaBytes());

        DiffTree path = DiffTree.of(FoldedView.of(current, FlameTree.View.PATH),
                FoldedView.of(baseline, FlameTree.View.PATH));
        DiffNode client = path.root().children().get(0);
        DiffNode battle = client.children().get(0);
        DiffNode line = battle.children().get(0);
        assertTrue(line.isLine());
        assertEquals(":37 Battle.tick_old_name", path.shortName(line));
        assertEquals("client/battle.py:37 Battle.tick_old_name",
                path.childName(path.childName(path.childName(null, client), battle), line));
        assertNull(client.function());
    }

    @Test
    void viewsOfDifferentKindsAreNotCompared() {
        FoldedSnapshot snapshot = randomSnapshot(3, 3);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DiffTree.of(FoldedView.of(snapshot, FlameTree.View.PATH),
                        FoldedView.of(snapshot, FlameTree.View.STACK)));
        assertEquals("cannot compare the path view of s with the stack view of s", refused.getMessage());
    }

    private static void assertSame(FlameNode flame, DiffNode diff) {
        assertEquals(flame.label(), diff.label());
        assertEquals(flame.totalBytes(), diff.bytes());
        assertEquals(flame.totalBytes(), diff.baselineBytes());
        assertEquals(flame.selfBytes(), diff.selfBytes());
        assertEquals(flame.traces(), diff.baselineTraces());
        assertEquals(flame.isLine(), diff.isLine());
        assertEquals(flame.children().size(), diff.children().size(), flame.label());
        for (int i = 0; i < flame.children().size(); i++) {
            assertSame(flame.children().get(i), diff.children().get(i));
        }
    }

    private static FoldedSnapshot randomSnapshot(long seed, int files) {
        return Stacks.random(seed, files);
    }

    /** The reference: both snapshots' stacks walked into one tree of labels, then pruned. */
    private static Node plainUnion(FoldedSnapshot current, FoldedSnapshot baseline, FlameTree.View view,
                                   long keepFrom, long keepFromBaseline) {
        Node root = new Node();
        add(root, current, view, false);
        add(root, baseline, view, true);
        prune(root, keepFrom, keepFromBaseline);
        return root;
    }

    private static void add(Node root, FoldedSnapshot snapshot, FlameTree.View view, boolean isBaseline) {
        for (StackTotal stack : snapshot.stacks()) {
            Node node = root;
            node.add(stack, isBaseline);
            for (String label : Stacks.labels(stack, view)) {
                node = node.children.computeIfAbsent(label, l -> new Node());
                node.add(stack, isBaseline);
            }
            if (isBaseline) {
                node.baselineSelf += stack.bytes();
            } else {
                node.self += stack.bytes();
            }
        }
    }

    private static void prune(Node node, long keepFrom, long keepFromBaseline) {
        long dropped = 0;
        long droppedBaseline = 0;
        for (Node child : node.children.values()) {
            if (child.bytes < keepFrom && child.baselineBytes < keepFromBaseline) {
                dropped += child.bytes;
                droppedBaseline += child.baselineBytes;
            } else {
                child.droppedBefore = dropped;
                child.droppedBaselineBefore = droppedBaseline;
                dropped = 0;
                droppedBaseline = 0;
            }
        }
        node.children.values().removeIf(child -> child.bytes < keepFrom && child.baselineBytes < keepFromBaseline);
        node.children.values().forEach(child -> prune(child, keepFrom, keepFromBaseline));
    }

    private static Node describe(DiffNode diff) {
        Node node = new Node();
        node.bytes = diff.bytes();
        node.baselineBytes = diff.baselineBytes();
        node.self = diff.selfBytes();
        node.baselineSelf = diff.baselineSelfBytes();
        node.traces = diff.traces();
        node.baselineTraces = diff.baselineTraces();
        node.droppedBefore = diff.droppedBytesBefore();
        node.droppedBaselineBefore = diff.droppedBaselineBytesBefore();
        List<String> order = new ArrayList<>();
        for (DiffNode child : diff.children()) {
            order.add(child.label());
            node.children.put(child.label(), describe(child));
        }
        assertEquals(new ArrayList<>(node.children.keySet()), order, "children in label order");
        return node;
    }

    private static final class Node {
        final Map<String, Node> children = new TreeMap<>();
        long bytes;
        long baselineBytes;
        long self;
        long baselineSelf;
        long traces;
        long baselineTraces;
        long droppedBefore;
        long droppedBaselineBefore;

        void add(StackTotal stack, boolean isBaseline) {
            if (isBaseline) {
                baselineBytes += stack.bytes();
                baselineTraces += stack.traces();
            } else {
                bytes += stack.bytes();
                traces += stack.traces();
            }
        }

        int count(java.util.function.Predicate<Node> test) {
            int count = test.test(this) ? 1 : 0;
            for (Node child : children.values()) {
                count += child.count(test);
            }
            return count;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Node that && bytes == that.bytes && baselineBytes == that.baselineBytes
                    && self == that.self && baselineSelf == that.baselineSelf && traces == that.traces
                    && baselineTraces == that.baselineTraces && droppedBefore == that.droppedBefore
                    && droppedBaselineBefore == that.droppedBaselineBefore && children.equals(that.children);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bytes, baselineBytes, children);
        }

        @Override
        public String toString() {
            return "{" + bytes + "/" + baselineBytes + " self " + self + "/" + baselineSelf
                    + (droppedBefore + droppedBaselineBefore == 0 ? "" : " after " + droppedBefore + "/"
                    + droppedBaselineBefore) + " " + children + "}";
        }
    }
}
