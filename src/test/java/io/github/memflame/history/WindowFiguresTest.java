package io.github.memflame.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each build's figure of a budget in a snapshot, found by the snapshot's name whatever its index in each entry. */
class WindowFiguresTest {
    private static final WindowFigures.BudgetKey CLIENT = new WindowFigures.BudgetKey("client", "self");

    private static HistoryEntry.SnapshotFigures snapshot(String name) {
        return new HistoryEntry.SnapshotFigures(name, 1000, 1, Map.of());
    }

    private static HistoryEntry.Figure figure(int snapshot, long bytes) {
        return new HistoryEntry.Figure(snapshot, bytes, "ok");
    }

    @Test
    void aFigureIsFoundByItsSnapshotsNameInEachBuild() {
        // Build 1 lists the snapshots in another order, build 2 lacks town, build 3 holds the budget twice.
        HistoryEntry first = new HistoryEntry("b1", Instant.EPOCH, true, List.of(snapshot("battle"), snapshot("town")),
                List.of(new HistoryEntry.BudgetFigures("client", "self", List.of(figure(0, 10), figure(1, 20))),
                        new HistoryEntry.BudgetFigures("client", "inclusive", List.of(figure(0, 99)))));
        HistoryEntry second = new HistoryEntry("b2", Instant.EPOCH, true, List.of(snapshot("town"), snapshot("battle")),
                List.of(new HistoryEntry.BudgetFigures("client", "self", List.of(figure(1, 11), figure(0, 21)))));
        HistoryEntry third = new HistoryEntry("b3", Instant.EPOCH, false, List.of(snapshot("battle")), List.of());
        HistoryEntry fourth = new HistoryEntry("b4", Instant.EPOCH, true, List.of(snapshot("battle")),
                List.of(new HistoryEntry.BudgetFigures("client", "self", List.of(figure(0, 12))),
                        new HistoryEntry.BudgetFigures("client", "self", List.of(figure(0, 13)))));
        WindowFigures figures = WindowFigures.of(List.of(first, second, third, fourth), List.of(CLIENT));
        assertArrayEquals(new HistoryEntry.Figure[] {figure(0, 10), figure(1, 11), null, figure(0, 12)},
                figures.byBuild(new HistoryEntry.FigureKey("client", "self", "battle")));
        assertArrayEquals(new HistoryEntry.Figure[] {figure(1, 20), figure(0, 21), null, null},
                figures.byBuild(new HistoryEntry.FigureKey("client", "self", "town")));
        assertArrayEquals(new HistoryEntry.Figure[4],
                figures.byBuild(new HistoryEntry.FigureKey("client", "self", "login")));
        assertThrows(IllegalArgumentException.class,
                () -> figures.byBuild(new HistoryEntry.FigureKey("client", "inclusive", "battle")));
    }
}
