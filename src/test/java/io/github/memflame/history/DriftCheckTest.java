package io.github.memflame.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Drift;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which build drift is measured from, and what it says: the unit rules behind the twelve-build sequence. */
class DriftCheckTest {
    private static final Budget DRIFT = Budget.parse("budget 1", "client", null, null, "20%", null, null, null);
    private static final Budget WARN_DRIFT = Budget.parse("budget 1", "client", "1 GiB", null, "20%", null, null,
            "warn");

    private static HistoryEntry build(String label, boolean passed, long bytes) {
        return HistoryJsonTest.entry(label, passed, bytes);
    }

    private static HistoryEntry unmatched(String label) {
        return new HistoryEntry(label, Instant.EPOCH, true,
                List.of(new HistoryEntry.SnapshotFigures("battle.pickle", 10, 1, Map.of())),
                List.of(new HistoryEntry.BudgetFigures("client", "self",
                        List.of(new HistoryEntry.Figure(0, 0, "unmatched")))));
    }

    /** The result checked for drift over the earlier builds, with their figures looked up as a check does. */
    private static List<BudgetResult> check(List<HistoryEntry> earlier, String build, String driftReference,
                                            int warnAtPercent, BudgetResult result) throws HistoryException {
        WindowFigures figures = WindowFigures.of(earlier, WindowFigures.keys(List.of(result.budget())));
        return new DriftCheck(earlier, figures, build, driftReference, warnAtPercent).check(List.of(result));
    }

    private static BudgetResult now(Budget budget, long bytes) {
        return new BudgetResult(budget, "battle.pickle", bytes,
                budget.hasMax() ? BudgetStatus.OK : BudgetStatus.NOT_CHECKED, List.of(), null,
                budget.hasMax() ? BudgetStatus.OK : null);
    }

    @Test
    void measuredFromTheOldestGreenBuildThatHasTheFigure() throws HistoryException {
        List<HistoryEntry> earlier = List.of(unmatched("b0"), build("b1", false, 50), build("b2", true, 100),
                build("b3", true, 110), build("b4", false, 150), build("b5", true, 112));
        BudgetResult result = check(earlier, "b6", null, 0, now(DRIFT, 121)).get(0);
        Drift drift = result.drift();
        assertEquals("b2", drift.referenceBuild());
        assertEquals(100, drift.referenceBytes());
        assertEquals(21, drift.deltaBytes());
        assertEquals(20, drift.allowedBytes());
        assertEquals(BudgetStatus.EXCEEDED, drift.status());
        assertEquals(BudgetStatus.EXCEEDED, result.status());
        assertEquals(List.of(new Drift.BuildChange("b4", 110, 150), new Drift.BuildChange("b3", 100, 110),
                new Drift.BuildChange("b6", 112, 121)), drift.topBuilds());
    }

    /** Builds that added as much are named in build order, and a later one does not push out an earlier. */
    @Test
    void theBuildsThatAddedMostAreRankedAsAStableSortRanksThem() throws HistoryException {
        List<HistoryEntry> earlier = List.of(build("b1", true, 100), build("b2", true, 120), build("b3", true, 110),
                build("b4", true, 140), build("b5", true, 170), build("b6", true, 190), build("b7", true, 220),
                build("b8", true, 250));
        Drift drift = check(earlier, "b9", null, 0, now(DRIFT, 280)).get(0).drift();
        assertEquals(List.of(new Drift.BuildChange("b4", 110, 140), new Drift.BuildChange("b5", 140, 170),
                new Drift.BuildChange("b7", 190, 220)), drift.topBuilds());
        Drift fewer = check(earlier.subList(0, 3), "b4", null, 0, now(DRIFT, 130)).get(0)
                .drift();
        assertEquals(List.of(new Drift.BuildChange("b2", 100, 120), new Drift.BuildChange("b4", 110, 130)),
                fewer.topBuilds());
    }

    @Test
    void exactlyTheLimitPassesAndWarnAtPercentWarns() throws HistoryException {
        List<HistoryEntry> earlier = List.of(build("b1", true, 100));
        assertEquals(BudgetStatus.OK, check(earlier, "b2", null, 0, now(DRIFT, 120))
                .get(0).status());
        assertEquals(BudgetStatus.WARNING, check(earlier, "b2", null, 90, now(DRIFT, 118))
                .get(0).status());
        BudgetResult warned = check(earlier, "b2", null, 0, now(WARN_DRIFT, 121)).get(0);
        assertEquals(BudgetStatus.EXCEEDED, warned.status());
        assertEquals(false, warned.failsBuild());
        assertEquals(true, warned.onlyWarned());
    }

    @Test
    void driftReferenceNamesTheNewestGreenBuildOfThatLabel() throws HistoryException {
        List<HistoryEntry> earlier = List.of(build("b1", true, 50), build("v1.2", true, 100), build("b3", true, 90),
                build("v1.2", false, 10));
        Drift drift = check(earlier, "b5", "v1.2", 0, now(DRIFT, 110)).get(0).drift();
        assertEquals("v1.2", drift.referenceBuild());
        assertEquals(100, drift.referenceBytes());
        assertEquals(BudgetStatus.OK, drift.status());
    }

    @Test
    void aDriftReferenceThatNamesNoGreenBuildFailsNamingTheGreenOnes() {
        List<HistoryEntry> earlier = List.of(build("b1", true, 50), build("v1.3", false, 100));
        assertEquals("driftReference 'v1.3' names no green build in the history (its build failed, and a failed "
                + "build is never a reference); the 1 green builds of the window are b1. Set driftReference to one "
                + "of them, or leave it out to measure from the oldest green build.",
                assertThrows(HistoryException.class, () -> check(earlier, "b3", "v1.3", 0, now(DRIFT, 1)))
                        .getMessage());
    }

    @Test
    void withoutAReferenceFigureNothingIsMeasured() throws HistoryException {
        BudgetResult result = now(DRIFT, 5);
        List<BudgetResult> checked = check(List.of(build("b1", false, 1), unmatched("b2")), "b3", null, 0, result);
        assertSame(result, checked.get(0));
        assertNull(checked.get(0).drift());
        assertEquals(BudgetStatus.NOT_CHECKED, checked.get(0).status());
    }
}
