package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.FoldedStacksReader;
import io.github.memflame.read.Interner;
import io.github.memflame.read.TraceSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Folded text handed to the folder as frame ids (its own numbering, stacks found by their ids) folds to the same
 * stacks as the same text handed over as interned tracebacks, the way every other format is.
 */
class FoldedInputFolderTest {

    @Test
    void frameIdsFoldAsTracebacks() throws Exception {
        StringBuilder text = new StringBuilder();
        Random random = new Random(11);
        List<String> lines = new ArrayList<>();
        for (int stack = 0; stack < 3_000; stack++) {
            // Deep enough to grow the reader's arrays, repeated often enough that stacks repeat on many lines.
            int depth = random.nextInt(5) == 0 ? 70 + random.nextInt(30) : 1 + random.nextInt(5);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                line.append(i == 0 ? "" : ";").append("dir").append(random.nextInt(3)).append("/f")
                        .append(random.nextInt(4)).append(".py");
                if (random.nextInt(4) != 0) {
                    line.append(':').append(random.nextInt(3) == 0 ? 70_000 + random.nextInt(3) : random.nextInt(5));
                }
            }
            lines.add(line.toString());
        }
        for (int trace = 0; trace < 20_000; trace++) {
            text.append(lines.get(random.nextInt(lines.size()))).append(' ').append(random.nextInt(5_000)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

        SnapshotFolder byIds = new SnapshotFolder();
        new FoldedStacksReader().read(new ByteArrayInputStream(bytes), "ids", new Interner(), byIds);
        SnapshotFolder byTracebacks = new SnapshotFolder();
        TraceSink plain = byTracebacks::trace;
        new FoldedStacksReader().read(new ByteArrayInputStream(bytes), "tracebacks", new Interner(), plain);

        FoldedSnapshot ids = fold(byIds);
        FoldedSnapshot tracebacks = fold(byTracebacks);
        assertEquals(20_000, ids.traces());
        assertEquals(tracebacks.totalBytes(), ids.totalBytes());
        assertEquals(sorted(tracebacks), sorted(ids));
    }

    private static FoldedSnapshot fold(SnapshotFolder folder) {
        return folder.fold("s", DumpFormat.FOLDED, new PathNormalizer(List.of()), List.of());
    }

    /** Each distinct stack as its labels, bytes and traces, in a fixed order. */
    private static List<String> sorted(FoldedSnapshot snapshot) {
        List<String> stacks = new ArrayList<>();
        for (StackTotal stack : snapshot.stacks()) {
            stacks.add(Stacks.labels(stack, FlameTree.View.STACK) + " " + stack.bytes() + " " + stack.traces());
        }
        stacks.sort(null);
        return stacks;
    }
}
