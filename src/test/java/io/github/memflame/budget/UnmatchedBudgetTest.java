package io.github.memflame.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.read.DumpFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a budget that matches nothing says, and whether it fails the build. */
class UnmatchedBudgetTest {
    private static final String DOTDOT = "/ci/game/src/test/python/../../main/python/";

    private static Budget budget(String path) {
        return new Budget(path, 1000, "1000 B", Scope.SELF, null);
    }

    private static FoldedSnapshot game(PathNormalizer normalizer) {
        return new Traces()
                .add(1000, "/ci/game/src/test/python/run_scenes.py:12", DOTDOT + "client/combat/skill.py:3")
                .add(300, "/ci/game/src/test/python/run_scenes.py:10", DOTDOT + "client/ui/hud.py:4")
                .add(200, "/ci/game/src/test/python/run_scenes.py:11", "/ci/game/src/main/python/client/ui/minimap.py:3")
                .fold("scene-3-battle.pickle", DumpFormat.TRACEMALLOC_PICKLE, normalizer);
    }

    private static List<String> lines(Budget budget, List<FoldedSnapshot> snapshots, PathNormalizer normalizer,
                                      BudgetChecker checker) {
        BudgetResult result = checker.check(snapshots).get(0);
        assertEquals(BudgetStatus.UNMATCHED, result.status());
        return BudgetMessages.unmatched(UnmatchedBudget.explain(budget, snapshots, normalizer.strippedRoots()), result);
    }

    private static List<String> lines(Budget budget, List<FoldedSnapshot> snapshots, PathNormalizer normalizer) {
        return lines(budget, snapshots, normalizer, new BudgetChecker(List.of(budget), 0));
    }

    @Test
    void aMisspeltPathIsToldTheNearestPathsThatHoldMemory() {
        PathNormalizer normalizer = new PathNormalizer(List.of("/ci/game/src/main/python"));
        List<FoldedSnapshot> snapshots = List.of(game(normalizer));
        assertEquals(List.of(
                "Memory budget client/combt (self) matched no allocation in the snapshot it applies to",
                "  did you mean client/combat?",
                "  top-level paths holding memory: client"),
                lines(budget("client/combt"), snapshots, normalizer));
        // A swap of two letters is one edit, a change of case one more than none.
        assertEquals("  did you mean client/ui?", lines(budget("clinet/ui"), snapshots, normalizer).get(1));
        assertEquals("  did you mean client/ui?", lines(budget("Client/UI"), snapshots, normalizer).get(1));
        assertEquals("  did you mean client/ui/hud.py? (nearest paths holding memory: client/ui/hud.py, "
                + "client/ui/minimap.py)", lines(budget("client/ui/map.py"), snapshots, normalizer).get(1));
        assertEquals("  did you mean client/ui/hud.py? (nearest paths holding memory: client/ui/hud.py, client/ui)",
                lines(budget("client/ui/hud"), snapshots, normalizer).get(1));
        assertEquals(2, lines(budget("server/net"), snapshots, normalizer).size());
    }

    @Test
    void aPathFurtherDownTheRecordedNamesIsToldTheStripPrefixSpelledAsTheDumpRecordsIt() {
        PathNormalizer normalizer = new PathNormalizer(List.of());
        assertEquals(List.of(
                "Memory budget client/ui (self) matched no allocation in the snapshot it applies to",
                "  client/ui occurs further down in the recorded file names, e.g. "
                        + "/ci/game/src/main/python/client/ui/hud.py: strip what is in front of it with "
                        + "<stripPrefix>/ci/game/src/main/python</stripPrefix> in <stripPrefixes>",
                "  top-level paths holding memory today: ci"),
                lines(budget("client/ui"), List.of(game(normalizer)), normalizer));
    }

    @Test
    void aWindowsRootIsSpelledWithItsDriveAndBackslashesWhetherThePrefixIsTooShortOrTooLong() {
        for (String configured : List.of("I:/G1/trunk/code", "I:/G1/trunk/code/Script/Python/client")) {
            PathNormalizer normalizer = new PathNormalizer(List.of(configured));
            FoldedSnapshot snapshot = new Traces()
                    .add(100, "I:\\G1\\trunk\\code\\Script\\Python\\client\\ui\\bag.py:3")
                    .add(100, "I:\\G1\\trunk\\code\\Script\\Python\\client\\ui\\shop.py:3")
                    .fold("town.pickle", DumpFormat.TRACEMALLOC_PICKLE, normalizer);
            UnmatchedBudget unmatched = UnmatchedBudget.explain(budget("client/ui"), List.of(snapshot),
                    normalizer.strippedRoots());
            assertEquals("I:\\G1\\trunk\\code\\Script\\Python", unmatched.stripPrefix(), configured);
            assertEquals("I:\\G1\\trunk\\code\\Script\\Python\\client\\ui\\bag.py", unmatched.stripPrefixExample());
        }
    }

    @Test
    void aSelfBudgetOnAPathThatOnlyCallsIsToldOfScopeInclusive() {
        PathNormalizer normalizer = new PathNormalizer(List.of("/ci/game/src/main/python"));
        List<String> lines = lines(budget("ci/game/src/test"), List.of(game(normalizer)), normalizer);
        assertTrue(lines.contains("  ci/game/src/test is in the stacks, but only as a caller: nothing under it "
                + "allocated itself; <scope>inclusive</scope> counts the traces that pass through it"), lines.toString());
    }

    @Test
    void theTopLevelPathsAreCappedWithACountOfTheRest() {
        Traces traces = new Traces();
        for (int i = 0; i < 30; i++) {
            traces.add(10, String.format("dir%02d/a.py:1", i));
        }
        PathNormalizer normalizer = new PathNormalizer(List.of());
        List<String> lines = lines(budget("client"), List.of(traces.fold("wide.pickle", DumpFormat.FOLDED,
                normalizer)), normalizer);
        List<String> first20 = new ArrayList<>();
        for (int i = 0; i < UnmatchedBudget.LISTED; i++) {
            first20.add(String.format("dir%02d", i));
        }
        assertEquals("  top-level paths holding memory: " + String.join(", ", first20) + " and 10 more",
                lines.get(lines.size() - 1));
    }

    @Test
    void aBudgetWhoseSnapshotsGlobMatchesNoneIsOneUnmatchedResultNamingTheSnapshotsRead() {
        Budget raid = new Budget("client", 1000, "1000 B", Scope.SELF, "**/*raid*");
        PathNormalizer normalizer = new PathNormalizer(List.of());
        List<FoldedSnapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            snapshots.add(new Traces().add(10, "client/a.py:1")
                    .fold(String.format("scene-%02d.pickle", i), DumpFormat.FOLDED, normalizer));
        }
        List<BudgetResult> results = new BudgetChecker(List.of(raid), 0).check(snapshots);
        assertEquals(1, results.size());
        assertNull(results.get(0).snapshot());
        assertTrue(results.get(0).failsBuild());
        List<String> lines = BudgetMessages.unmatched(UnmatchedBudget.explain(raid, snapshots, List.of()),
                results.get(0));
        assertEquals("Memory budget client (self) applies to no snapshot: <snapshots>**/*raid*</snapshots> matches "
                + "none of the 25 snapshots read", lines.get(0));
        assertTrue(lines.get(1).startsWith("  snapshots read: scene-00.pickle, scene-01.pickle, "), lines.get(1));
        assertTrue(lines.get(1).endsWith("scene-19.pickle and 5 more"), lines.get(1));
        assertEquals("Memory budgets: 1 check, 0 exceeded, 0 nearly used, 1 unmatched (1 budget, failing the build)",
                BudgetMessages.summary(results));
    }

    @Test
    void withoutAnySnapshotReadABudgetIsUnmatchedButLeavesTheVerdictToFailIfNoSnapshots() {
        List<BudgetResult> results = new BudgetChecker(List.of(budget("client")), 0).check(List.of());
        assertEquals(BudgetStatus.UNMATCHED, results.get(0).status());
        assertFalse(results.get(0).failsBuild());
        assertEquals(List.of("Memory budget client (self) was checked against no snapshot: none was read"),
                BudgetMessages.unmatched(UnmatchedBudget.explain(budget("client"), List.of(), List.of()),
                        results.get(0)));
        assertEquals("Memory budgets: 1 check, 0 exceeded, 0 nearly used, 1 unmatched (1 budget, not failing the "
                + "build)", BudgetMessages.summary(results));
    }

    @Test
    void levelWarnAndFailOnUnmatchedFalseOnlyWarnAndSaySo() {
        PathNormalizer normalizer = new PathNormalizer(List.of("/ci/game/src/main/python"));
        List<FoldedSnapshot> snapshots = List.of(game(normalizer));
        Budget warn = new Budget("client/combt", 1000, "1000 B", Scope.SELF, null, BudgetLevel.WARN);
        assertEquals("Memory budget client/combt (self) matched no allocation in the snapshot it applies to (level "
                + "warn, the build goes on)", lines(warn, snapshots, normalizer).get(0));
        Budget fail = budget("client/combt");
        assertEquals("Memory budget client/combt (self) matched no allocation in the snapshot it applies to "
                + "(failOnUnmatched is false, the build goes on)",
                lines(fail, snapshots, normalizer, new BudgetChecker(List.of(fail), 0, false)).get(0));
        List<BudgetResult> results = new BudgetChecker(List.of(warn, fail, budget("client/ui")), 0).check(snapshots);
        assertEquals(List.of(false, true, false), results.stream().map(BudgetResult::failsBuild).toList());
        assertEquals("Memory budgets: 3 checks, 0 exceeded, 0 nearly used, 2 unmatched (2 budgets, 1 of them failing "
                + "the build)", BudgetMessages.summary(results));
    }

    @Test
    void componentDistanceCountsEditsWithinComponentsAndWholeComponentsMoreOrFewerUpToItsLimit() {
        assertEquals(1, UnmatchedBudget.componentDistance(List.of("client", "combt"), List.of("client", "combat"), 9));
        assertEquals(1, UnmatchedBudget.componentDistance(List.of("clinet"), List.of("client"), 9));
        assertEquals(7, UnmatchedBudget.componentDistance(List.of("combat"), List.of("client", "combat"), 9));
        assertEquals(3, UnmatchedBudget.componentDistance(List.of("combat"), List.of("client", "combat"), 2));
        assertEquals(1, UnmatchedBudget.componentDistance(List.of("ui"), List.of("UI"), 2));
        assertEquals(1, UnmatchedBudget.stringDistance("ui", "UI", 5));
    }

    @Test
    void aSnapshotsGlobWithACharacterClassFailsNamingTheBudget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Budget.parse(
                "budget 2 (path 'client')", "client", "1 MiB", null, null, "[", null));
        assertEquals("budget 2 (path 'client'): <snapshots>[</snapshots> is no glob memflame knows: '[' at position 1 "
                + "(memflame globs have *, ** and ?, no character classes or alternatives); write e.g. "
                + "<snapshots>**/*battle*</snapshots>", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Budget("client", 1, "1", Scope.SELF, "{a,b}.pickle"));
    }
}
