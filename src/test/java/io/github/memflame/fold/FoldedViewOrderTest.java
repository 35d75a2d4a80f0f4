package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.Interner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stack view's sequences are in the order of their labels as strings, whatever ranks the labels got. */
class FoldedViewOrderTest {

    @Test
    void pathsNoneOfWhichIsAPrefixOfAnother() {
        assertLabelOrder(List.of("b/z.py", "a/x.py", "a/y.py", "<frozen x>", "\u5ba2/\u754c.py", "a/x.pyc/"));
    }

    @Test
    void pathsThatArePrefixesOfOthers() {
        assertLabelOrder(List.of("a.py", "a.py2", "a.py:3", "a", "a.py/b.py", "<unknown>"));
    }

    @Test
    void equalPathsThatAreDistinctStringsAreOneLabelAndLinesSortAsText() {
        FoldedSnapshot snapshot = Stacks.snapshot(Map.of(),
                Stacks.stack(1, new Site(new String("a.py"), 3)), Stacks.stack(2, new Site(new String("a.py"), 3)),
                Stacks.stack(4, new Site("a.py", 12)), Stacks.stack(8, new Site("a.py", -5)),
                Stacks.stack(16, new Site("a.py", 0)), Stacks.stack(32, new Site("b.py", 100)));
        FoldedView view = FoldedView.of(snapshot, FlameTree.View.STACK);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            lines.add(view.label(i, 0) + " " + view.bytes(i));
        }
        assertEquals(List.of("a.py 16", "a.py:-5 8", "a.py:12 4", "a.py:3 3", "b.py:100 32"), lines);
    }

    private static void assertLabelOrder(List<String> files) {
        Random random = new Random(7);
        Interner interner = new Interner();
        SnapshotFolder folder = new SnapshotFolder();
        for (int trace = 0; trace < 2000; trace++) {
            Frame[] frames = new Frame[random.nextInt(4)];
            for (int i = 0; i < frames.length; i++) {
                int line = random.nextInt(3) == 0 ? 0 : random.nextInt(1200);
                frames[i] = interner.frame(files.get(random.nextInt(files.size())), line);
            }
            folder.trace(1 + random.nextInt(100), interner.traceback(frames));
        }
        FoldedSnapshot snapshot = folder.fold("s", DumpFormat.FOLDED, new PathNormalizer(List.of()), List.of());
        FoldedView view = FoldedView.of(snapshot, FlameTree.View.STACK);
        long bytes = 0;
        List<String> previous = null;
        for (int i = 0; i < view.size(); i++) {
            List<String> labels = new ArrayList<>();
            for (int level = 0; level < view.depth(i); level++) {
                labels.add(view.label(i, level));
            }
            if (previous != null) {
                assertTrue(compare(previous, labels) < 0, previous + " before " + labels);
            }
            previous = labels;
            bytes += view.bytes(i);
        }
        assertEquals(snapshot.totalBytes(), bytes);
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = a.get(i).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
