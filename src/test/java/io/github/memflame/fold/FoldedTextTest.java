package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.Interner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        ByteArrayOutputStream path = new ByteArrayOutputStream();
        FoldedText.write(FoldedView.of(snapshot(folder), FlameTree.View.PATH), path);
        assertEquals("<unknown> 3\nclient;ui;bag.py;9 100\nmain.py;2 20\n", path.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream stack = new ByteArrayOutputStream();
        FoldedText.write(FoldedView.of(snapshot(folder), FlameTree.View.STACK), stack);
        assertEquals("<unknown> 3\nmain.py:1;client/ui/bag.py:9 100\nmain.py:2 20\n", stack.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStackDeeperThanTheJvmCallStackIsWritten() throws Exception {
        Frame[] frames = new Frame[100_000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = interner.frame("f" + i + ".py", 1);
        }
        SnapshotFolder folder = new SnapshotFolder();
        folder.trace(7, interner.traceback(frames));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FoldedText.write(FoldedView.of(snapshot(folder), FlameTree.View.STACK), out);
        assertEquals(frames.length, out.toString(StandardCharsets.UTF_8).split(";").length);
        assertEquals(true, out.toString(StandardCharsets.UTF_8).startsWith("f99999.py:1;f99998.py:1;"));
    }

    @Test
    void labelsAndFunctionsAreUtf8WithLoneSurrogatesAndLineBreaksAsReplacementCharacters() throws Exception {
        Site chinese = new Site("客户端/界面/背包.py", 12);
        Site loneHigh = new Site("ui/bad\uD800name.py", 3);
        Site loneLow = new Site("ui/\uDC00\uD83D\uDE00\uD800.py", 0);
        Site broken = new Site("a\nb\rc.py", 7);
        Map<Site, String> functions = Map.of(chinese, "背包.打开", loneHigh, "F.g\uDBFF", broken, "x\ny");
        FoldedSnapshot snapshot = Stacks.snapshot(functions, Stacks.stack(1_234_567_890_123L, chinese, loneHigh),
                Stacks.stack(5, loneLow), Stacks.stack(9, chinese, broken));
        ByteArrayOutputStream stack = new ByteArrayOutputStream();
        FoldedText.write(FoldedView.of(snapshot, FlameTree.View.STACK), stack);
        String replacement = "\uFFFD";
        assertArrayEquals(("ui/" + replacement + "\uD83D\uDE00" + replacement + ".py 5\n"
                + "客户端/界面/背包.py:12;a" + replacement + "b" + replacement + "c.py:7 9\n"
                + "客户端/界面/背包.py:12;ui/bad" + replacement + "name.py:3 1234567890123\n")
                .getBytes(StandardCharsets.UTF_8), stack.toByteArray());
        assertWrittenAsAReplacingEncoderWrites(snapshot);
    }

    @Test
    void labelsOfPathsThatArePrefixesOfOthersAndOfEqualTextAreWrittenAsTheyRead() throws Exception {
        Site pathAndLine = new Site("客户端.py", 3);
        Site colonInPath = new Site("客户端.py:3", 0);
        FoldedSnapshot snapshot = Stacks.snapshot(Map.of(pathAndLine, "f", colonInPath, "g\uD800"),
                Stacks.stack(1, pathAndLine, new Site("客户端.py2", 1)), Stacks.stack(2, colonInPath),
                Stacks.stack(4, new Site("客户端.py", 0), new Site("<unknown>", 0)), Stacks.stack(8));
        ByteArrayOutputStream stack = new ByteArrayOutputStream();
        FoldedText.write(FoldedView.of(snapshot, FlameTree.View.STACK), stack);
        assertEquals("<unknown> 8\n客户端.py;<unknown> 4\n客户端.py:3 2\n客户端.py:3;客户端.py2:1 1\n",
                stack.toString(StandardCharsets.UTF_8));
        assertWrittenAsAReplacingEncoderWrites(snapshot);
    }

    private static void assertWrittenAsAReplacingEncoderWrites(FoldedSnapshot snapshot) throws Exception {
        for (FlameTree.View view : FlameTree.View.values()) {
            for (boolean named : new boolean[] {false, true}) {
                FoldedView folded = FoldedView.of(snapshot, view);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                FoldedText.write(folded, out, named);
                assertArrayEquals(asAReplacingEncoderWrites(folded, named), out.toByteArray(), view + " " + named);
            }
        }
    }

    /** The folded text made as a string and encoded as {@code ReportWriter}'s writers encode text. */
    private static byte[] asAReplacingEncoderWrites(FoldedView folded, boolean named) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < folded.size(); i++) {
            for (int level = 0; level < folded.depth(i); level++) {
                text.append(level > 0 ? ";" : "").append(folded.label(i, level).replaceAll("[\r\n]", "\uFFFD"));
                String function = named ? folded.function(i, level) : null;
                if (function != null) {
                    text.append(' ').append(function.replaceAll("[\r\n]", "\uFFFD"));
                }
            }
            text.append(' ').append(folded.bytes(i)).append('\n');
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD}).encode(CharBuffer.wrap(text));
        return Arrays.copyOf(bytes.array(), bytes.limit());
    }
}
