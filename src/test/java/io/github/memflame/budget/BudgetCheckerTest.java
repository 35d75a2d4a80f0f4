package io.github.memflame.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.read.DumpFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetCheckerTest {
    private static FoldedSnapshot battle() {
        return new Traces()
                .add(1000, "main.py:1", "client/controller/battle.py:10")
                .add(500, "main.py:1", "client/controller/battle.py:10", "common/data/skill_table.py:7")
                .add(300, "main.py:1", "client/ui/bag.py:3", "client/ui/bag.py:9")
                .add(200, "main.py:2", "client/ui2/shop.py:4")
                .add(64, "client/net/socket.py:12")
                .add(8)
                .fold("scene-3-battle.pickle", DumpFormat.TRACEMALLOC_PICKLE);
    }

    private static Budget budget(String path, long max, Scope scope) {
        return new Budget(path, max, max + " B", scope, null);
    }

    @Test
    void selfCountsTheAllocatingFrameMatchedByWholeComponents() {
        List<BudgetResult> results = new BudgetChecker(List.of(budget("client/ui", 10_000, Scope.SELF)), 0)
                .check(List.of(battle()));
        assertEquals(300, results.get(0).actualBytes());
        assertEquals(BudgetStatus.OK, results.get(0).status());
        assertEquals(List.of(new Contributor("client/ui/bag.py:9", 300)), results.get(0).topSites());
    }

    @Test
    void inclusiveCountsEachTraceOnceEvenWhenThePathRepeatsInTheStack() {
        List<BudgetResult> results = new BudgetChecker(List.of(
                budget("client", 10_000, Scope.INCLUSIVE),
                budget("client/ui/bag.py", 10_000, Scope.INCLUSIVE),
                budget("client/controller", 10_000, Scope.INCLUSIVE)), 0).check(List.of(battle()));
        assertEquals(1000 + 500 + 300 + 200 + 64, results.get(0).actualBytes());
        assertEquals(300, results.get(1).actualBytes());
        assertEquals(1500, results.get(2).actualBytes());
        assertEquals(List.of(new Contributor("client/controller/battle.py:10", 1000),
                new Contributor("common/data/skill_table.py:7", 500)), results.get(2).topSites());
    }

    @Test
    void globsAndTheWholeSnapshot() {
        List<BudgetResult> results = new BudgetChecker(List.of(
                budget("**/net/**", 10_000, Scope.SELF),
                budget("", 10_000, Scope.SELF),
                budget("/", 1_000, Scope.SELF)), 0).check(List.of(battle()));
        assertEquals(64, results.get(0).actualBytes());
        assertEquals(2072, results.get(1).actualBytes());
        assertEquals(BudgetStatus.EXCEEDED, results.get(2).status());
    }

    @Test
    void exceededWarningAndOkAreDecidedOnExactBytes() {
        List<BudgetResult> results = new BudgetChecker(List.of(
                budget("client/controller", 999, Scope.SELF),
                budget("client/controller", 1000, Scope.SELF),
                budget("client/controller", 1111, Scope.SELF),
                budget("client/controller", 1112, Scope.SELF)), 90).check(List.of(battle()));
        assertEquals(BudgetStatus.EXCEEDED, results.get(0).status());
        assertEquals(BudgetStatus.WARNING, results.get(1).status());
        assertEquals(BudgetStatus.WARNING, results.get(2).status());
        assertEquals(BudgetStatus.OK, results.get(3).status());
    }

    @Test
    void aPathMatchingNothingAnywhereIsUnmatchedAndFailsWithTheNearestPathAndTheTopLevelPathsToHelp() {
        FoldedSnapshot snapshot = battle();
        List<BudgetResult> results = new BudgetChecker(List.of(budget("client/contoller", 10, Scope.SELF)), 0)
                .check(List.of(snapshot));
        assertEquals(BudgetStatus.UNMATCHED, results.get(0).status());
        assertTrue(results.get(0).failsBuild());
        UnmatchedBudget unmatched = UnmatchedBudget.explain(results.get(0).budget(), List.of(snapshot), List.of());
        assertEquals(List.of(
                "Memory budget client/contoller (self) matched no allocation in the snapshot it applies to",
                "  did you mean client/controller?",
                "  top-level paths holding memory: <unknown>, client, common"),
                BudgetMessages.unmatched(unmatched, results.get(0)));
    }

    @Test
    void budgetsApplyOnlyToTheSnapshotsTheirGlobNames() {
        Budget battleOnly = new Budget("client", 10, "10 B", Scope.SELF, "**/*battle*");
        FoldedSnapshot battle = battle();
        FoldedSnapshot login = new Traces().add(5, "client/login.py:1")
                .fold("scenes/login.pickle", DumpFormat.TRACEMALLOC_PICKLE);
        List<BudgetResult> results = new BudgetChecker(List.of(battleOnly), 0).check(List.of(login, battle));
        assertEquals(1, results.size());
        assertEquals("scene-3-battle.pickle", results.get(0).snapshot());
    }

    @Test
    void theFailureMessageSaysWhatGrewByHowMuchAndWhere() {
        Budget budget = new Budget("client/controller", 20L * 1024 * 1024, "20 MiB", Scope.SELF, null);
        BudgetResult result = new BudgetResult(budget, "scene-2-battle.pickle", 22_334_668, BudgetStatus.EXCEEDED,
                List.of(new Contributor("client/controller/battle.py:10", 12_000_000)));
        List<String> lines = BudgetMessages.describe(result, "target/site/memflame/scene-2-battle.pickle.path.svg");
        assertEquals("Memory budget exceeded: client/controller (self) in scene-2-battle.pickle: "
                + "21.3 MiB > 20.0 MiB (+1.3 MiB, +6.5%)", lines.get(0));
        assertEquals("  actual 22,334,668 bytes, limit 20,971,520 bytes (configured as '20 MiB')", lines.get(1));
        assertTrue(lines.contains("      11.4 MiB  client/controller/battle.py:10"), lines.toString());
        assertEquals("  flame graph: target/site/memflame/scene-2-battle.pickle.path.svg", lines.get(lines.size() - 1));
    }

    @Test
    void withinAndSummaryLinesCloseTheBudgetReport() {
        List<BudgetResult> results = new BudgetChecker(List.of(
                budget("client/ui", 1000, Scope.SELF),
                budget("client/controller", 1000, Scope.SELF),
                budget("nothing/here", 1000, Scope.SELF)), 90).check(List.of(battle()));
        assertEquals("Memory budget client/ui (self) in scene-3-battle.pickle: 300 B of 1000 B (30.0%)",
                BudgetMessages.within(results.get(0)));
        assertEquals("Memory budgets: 3 checks, 0 exceeded, 1 nearly used, 1 unmatched (1 budget, failing the build)",
                BudgetMessages.summary(results));
    }

    @Test
    void anExceededBudgetOfLevelWarnOnlyWarnsAndIsCountedApart() {
        Budget introduced = new Budget("client/controller", 900, "900 B", Scope.SELF, null, BudgetLevel.WARN);
        List<BudgetResult> results = new BudgetChecker(List.of(introduced, budget("client/ui", 100, Scope.SELF)), 0)
                .check(List.of(battle()));
        assertEquals(BudgetStatus.EXCEEDED, results.get(0).status());
        assertTrue(results.get(0).onlyWarned());
        assertFalse(results.get(0).failsBuild());
        assertTrue(results.get(1).failsBuild());
        assertEquals("Memory budget exceeded (level warn, the build goes on): client/controller (self) in "
                + "scene-3-battle.pickle: 1000 B > 900 B (+100 B, +11.1%)",
                BudgetMessages.describe(results.get(0), null).get(0));
        assertEquals("Memory budgets: 2 checks, 2 exceeded (1 of them level warn, not failing the build), "
                + "0 nearly used, 0 unmatched", BudgetMessages.summary(results));
    }

    @Test
    void levelsParseAsConfiguredAndRejectOthers() {
        assertEquals(BudgetLevel.WARN, BudgetLevel.parse(" Warn "));
        assertEquals(BudgetLevel.FAIL, BudgetLevel.parse("fail"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetLevel.parse("error"));
        assertEquals("unknown level 'error', expected 'fail' or 'warn'", e.getMessage());
    }
}
