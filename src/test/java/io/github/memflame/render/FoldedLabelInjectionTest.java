package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FoldedText;
import io.github.memflame.fold.FoldedView;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A file name with a line break (legal in a pickle) must not forge a stack line in the exported folded text. */
class FoldedLabelInjectionTest {

    @Test
    void lineBreaksInLabelsCannotForgeStacks() throws Exception {
        FoldedSnapshot snapshot = Snapshots.named("s.pickle")
                .add(10, "main.py:1", "a.py\nforged.py 999999999\nb.py:3")
                .add(5, "main.py:1", "c.py\rd.py:4")
                .build();
        for (FlameTree.View view : FlameTree.View.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FoldedText.write(FoldedView.of(snapshot, view), out);
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            long total = 0;
            for (String line : lines) {
                total += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            }
            assertEquals(15, total, view + ": " + out);
            assertEquals(2, lines.length, view + ": " + out);
        }
    }
}
