package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.Interner;
import java.io.ByteArrayOutputStream;
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

    /**
     * The stack view of a fold labels each of its sites by the site's id when every site is a label of its own; it
     * gives the view and the export that the same stacks give as a plain list, whose sites are looked up by value.
     */
    @Test
    void foldedStacksGiveTheViewOfTheirSitesLookedUp() throws Exception {
        List<List<String>> fileSets = List.of(List.of("b/z.py", "a/x.py", "a/y.py", "<frozen x>"),
                // A file named as the label of a stack without frames.
                List.of("b/z.py", "<unknown>", "a/y.py"),
                // Two files normalized to one path: their sites with equal lines are one label.
                List.of("a\\x.py", "a/x.py", "c.py"),
                List.of("a.py", "a.py:3", "b.py"));
        for (List<String> files : fileSets) {
            FoldedSnapshot folded = randomFold(files);
            FoldedSnapshot listed = new FoldedSnapshot(folded.name(), folded.format(), folded.traces(),
                    folded.totalBytes(), 0, 0, new ArrayList<>(folded.stacks()), Map.of());
            FoldedView fromFold = FoldedView.of(folded, FlameTree.View.STACK);
            FoldedView fromList = FoldedView.of(listed, FlameTree.View.STACK);
            assertEquals(fromList.size(), fromFold.size(), files.toString());
            for (int i = 0; i < fromFold.size(); i++) {
                assertEquals(fromList.bytes(i), fromFold.bytes(i));
                assertEquals(fromList.traces(i), fromFold.traces(i));
                assertEquals(fromList.depth(i), fromFold.depth(i));
                for (int level = 0; level < fromFold.depth(i); level++) {
                    assertEquals(fromList.label(i, level), fromFold.label(i, level));
                    assertEquals(i > 0 && fromList.sharedLevels(i) > level, fromFold.sharedLevels(i) > level);
                }
            }
            ByteArrayOutputStream fromFoldText = new ByteArrayOutputStream();
            ByteArrayOutputStream fromListText = new ByteArrayOutputStream();
            FoldedText.write(fromFold, fromFoldText);
            FoldedText.write(fromList, fromListText);
            assertArrayEquals(fromListText.toByteArray(), fromFoldText.toByteArray(), files.toString());
        }
    }

    private static FoldedSnapshot randomFold(List<String> files) {
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
        return folder.fold("s", DumpFormat.FOLDED, new PathNormalizer(List.of()), List.of());
    }

    private static void assertLabelOrder(List<String> files) {
        FoldedSnapshot snapshot = randomFold(files);
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
