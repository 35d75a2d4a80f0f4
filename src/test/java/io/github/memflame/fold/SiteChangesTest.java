package io.github.memflame.fold;

import static io.github.memflame.fold.Stacks.snapshot;
import static io.github.memflame.fold.Stacks.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteChangesTest {
    private static final Site MAIN = new Site("main.py", 3);
    private static final Site GROWS = new Site("client/bag.py", 42);
    private static final Site SHRINKS = new Site("client/old.py", 7);
    private static final Site NEW = new Site("client/leak.py", 9);
    private static final Site GONE = new Site("client/gone.py", 1);
    private static final Site SAME = new Site("engine/mesh.py", 0);

    @Test
    void everySiteOfEitherRunWithItsBytesInBothLargestGrowthFirst() {
        FoldedSnapshot current = snapshot(Map.of(NEW, "Leak.keep"),
                stack(700, MAIN, GROWS), stack(300, GROWS), stack(50, MAIN, SHRINKS), stack(900, MAIN, NEW),
                stack(10, SAME), new StackTotal(List.of(), 5, 1));
        FoldedSnapshot baseline = snapshot(Map.of(GONE, "Gone.f", NEW, "stale"),
                stack(400, MAIN, GROWS), stack(450, MAIN, SHRINKS), stack(120, GONE), stack(10, SAME));
        List<SiteChange> changes = SiteChanges.of(current, baseline);
        assertEquals(List.of(
                new SiteChange("client/leak.py:9", "Leak.keep", 0, 900),
                new SiteChange("client/bag.py:42", null, 400, 1000),
                new SiteChange("<unknown>", null, 0, 5),
                new SiteChange("engine/mesh.py", null, 10, 10),
                new SiteChange("client/gone.py:1", "Gone.f", 120, 0),
                new SiteChange("client/old.py:7", null, 450, 50)), changes);
        assertEquals(List.of("client/leak.py:9", "client/bag.py:42"),
                SiteChanges.growing(changes, 2).stream().map(SiteChange::site).toList());
        assertEquals(List.of("client/old.py:7", "client/gone.py:1"),
                SiteChanges.shrinking(changes, 10).stream().map(SiteChange::site).toList());
        assertEquals(List.of("client/old.py:7"),
                SiteChanges.shrinking(changes, 1).stream().map(SiteChange::site).toList());
    }
}
