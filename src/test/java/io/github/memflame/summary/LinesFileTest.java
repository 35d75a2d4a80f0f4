package io.github.memflame.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FrameIdentity;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.read.DumpFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reviewable text of a snapshot's allocating lines. */
class LinesFileTest {
    private static String text(FoldedSnapshot snapshot) throws IOException {
        StringWriter out = new StringWriter();
        LinesFile.write(snapshot, out);
        return out.toString();
    }

    private static final Site TICK = new Site("client/battle.py", 37);
    private static final Site SPAWN = new Site("client/battle.py", 9);
    private static final Site CALLER = new Site("main.py", 3);

    @Test
    void oneRowPerAllocatingLineSortedByPathThenLineWithExactFigures() throws IOException {
        FoldedSnapshot snapshot = snapshot(List.of(
                new StackTotal(List.of(CALLER, TICK), 739_246, 40),
                new StackTotal(List.of(CALLER, SPAWN), 7_240, 1),
                new StackTotal(List.of(TICK), 4, 1),
                new StackTotal(List.of(), 6, 2),
                new StackTotal(List.of(new Site("we\u202Eird\n.py", 1)), 1, 1)))
                .withFunctionNames((path, line) -> line == 9 ? "Battle.spawn" : null)
                .withFrameIdentities((path, line) -> line == 37 ? new FrameIdentity("Battle.tick", 1, null) : null);
        assertEquals("""
                # memflame lines of scene.pickle: bytes, traces, allocating line, function; sorted by path and line
                        7240        1  client/battle.py:9  Battle.spawn
                      739250       41  client/battle.py:37  Battle.tick
                           1        1  we\\u202Eird\\u000A.py:1  -
                           6        2  <unknown>  -
                """, text(snapshot));
    }

    @Test
    void changedRowsCountsRowsWhoseFiguresOrFunctionChangedAndRowsOnlyOneSideHas() throws IOException {
        String before = text(snapshot(List.of(new StackTotal(List.of(TICK), 100, 1),
                new StackTotal(List.of(SPAWN), 50, 1), new StackTotal(List.of(CALLER), 9, 1))));
        String after = text(snapshot(List.of(new StackTotal(List.of(TICK), 108, 1),
                new StackTotal(List.of(CALLER), 9, 1), new StackTotal(List.of(new Site("new.py", 1)), 1, 1))));
        assertEquals(3, LinesFile.changedRows(before, after), "37 grew, 9 is gone, new.py:1 is new");
        assertEquals(0, LinesFile.changedRows(after, after));
        assertEquals(3, LinesFile.changedRows(null, after), "no earlier file: every row");
    }

    private static FoldedSnapshot snapshot(List<StackTotal> stacks) {
        long bytes = stacks.stream().mapToLong(StackTotal::bytes).sum();
        long traces = stacks.stream().mapToLong(StackTotal::traces).sum();
        return new FoldedSnapshot("scene.pickle", DumpFormat.FOLDED, traces, bytes, 0, 0, stacks, Map.of());
    }
}
