package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.Interner;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldedTextTest {
    private final Interner interner = new Interner();

    private FoldedSnapshot snapshot(SnapshotFolder folder) {
        return folder.fold("s", DumpFormat.FOLDED, new PathNormalizer(List.of("I:/game")), List.of());
    }

    @Test
    void pathViewLinesAreDirectoriesFileAndLineOfTheAllocatingFrame() throws Exception {
        SnapshotFolder folder = new SnapshotFolder();
        folder.trace(100, interner.traceback(new Frame[] {
            interner.frame("I:\\game\\client\\ui\\bag.py", 9), interner.frame("I:\\game\\main.py", 1)}));
        folder.trace(20, interner.traceback(new Frame[] {interner.frame("I:\\game\\main.py", 2)}));
        folder.trace(3, interner.traceback(new Frame[0]));
        StringWriter path = new StringWriter();
        FoldedText.write(FoldedView.of(snapshot(folder), FlameTree.View.PATH), path);
        assertEquals("<unknown> 3\nclient;ui;bag.py;9 100\nmain.py;2 20\n", path.toString());
        StringWriter stack = new StringWriter();
        FoldedText.write(FoldedView.of(snapshot(folder), FlameTree.View.STACK), stack);
        assertEquals("<unknown> 3\nmain.py:1;client/ui/bag.py:9 100\nmain.py:2 20\n", stack.toString());
    }

    @Test
    void aStackDeeperThanTheJvmCallStackIsWritten() throws Exception {
        Frame[] frames = new Frame[100_000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = interner.frame("f" + i + ".py", 1);
        }
        SnapshotFolder folder = new SnapshotFolder();
        folder.trace(7, interner.traceback(frames));
        StringWriter out = new StringWriter();
        FoldedText.write(FoldedView.of(snapshot(folder), FlameTree.View.STACK), out);
        assertEquals(frames.length, out.toString().split(";").length);
        assertEquals(true, out.toString().startsWith("f99999.py:1;f99998.py:1;"));
    }
}
