package io.github.memflame.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.read.DumpFormat;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Growth budgets: limits on how much a figure grows since the baseline, checked and told with exact figures. */
class GrowthBudgetTest {
    private static final String BATTLE = "scene-3-battle.pickle";
    /** The baseline's battle: client/controller (self) holds 1,040 bytes, client/ui 300. */
    private static FoldedSnapshot before() {
        return new Traces()
                .add(1000, "main.py:1", "client/controller/battle.py:10")
                .add(500, "main.py:1", "client/controller/battle.py:10", "common/data/skill_table.py:7")
                .add(300, "main.py:1", "client/ui/bag.py:3", "client/ui/bag.py:9")
                .add(40, "main.py:1", "client/controller/battle.py:12")
                .fold(BATTLE, DumpFormat.FOLDED);
    }

    /**
     * This run's battle: battle.py:10 grew by 400 (1,000 to 1,400), battle.py:20 is new (100), battle.py:12 shrank
     * by 8; client/controller (self) holds 1,532 bytes, 492 more; client/ui shrank to 250.
     */
    private static FoldedSnapshot after() {
        return new Traces()
                .add(1400, "main.py:1", "client/controller/battle.py:10")
                .add(500, "main.py:1", "client/controller/battle.py:10", "common/data/skill_table.py:7")
                .add(250, "main.py:1", "client/ui/bag.py:3", "client/ui/bag.py:9")
                .add(100, "main.py:1", "client/controller/battle.py:20")
                .add(32, "main.py:1", "client/controller/battle.py:12")
                .fold(BATTLE, DumpFormat.TRACEMALLOC_PICKLE);
    }

    private static Budget budget(String path, String max, String maxGrowth, Scope scope, BudgetLevel level) {
        return Budget.parse("budget 1 (path '" + path + "')", path, max, maxGrowth, scope.configName(), null,
                level.configName());
    }

    private List<BudgetResult> check(int warnAtPercent, Budget... budgets) {
        return new BudgetChecker(List.of(budgets), warnAtPercent).check(List.of(after()), Map.of(BATTLE, before()));
    }

    @Test
    void growthLimitsParseBytesAndPercentagesAndRefuseTheRest() {
        assertEquals(new GrowthLimit(-1, new BigDecimal("10"), "10%"), GrowthLimit.parse(" 10% "));
        assertEquals(new GrowthLimit(-1, new BigDecimal("2.5"), "2.5 %"), GrowthLimit.parse("2.5 %"));
        assertEquals(new GrowthLimit(2L * 1024 * 1024, null, "2 MiB"), GrowthLimit.parse("2 MiB"));
        assertEquals(new GrowthLimit(0, null, "0"), GrowthLimit.parse("0"));
        for (String bad : List.of("-1%", "10%%", "ten", "", "1.5 B")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GrowthLimit.parse(bad));
            assertEquals("'" + bad + "' is not a growth limit; expected a byte size such as '2 MiB' or a percentage of "
                    + "the baseline such as '10%'", e.getMessage());
        }
    }

    @Test
    void aPercentageAllowsItsShareOfTheBaselineRoundedDown() {
        assertEquals(25, GrowthLimit.parse("2.5%").allowedBytes(1001));
        assertEquals(100, GrowthLimit.parse("10%").allowedBytes(1000));
        assertEquals(0, GrowthLimit.parse("10%").allowedBytes(0));
        assertEquals(2048, GrowthLimit.parse("2 KiB").allowedBytes(0));
    }

    /** On main a share past what a long holds ended the build with ArithmeticException: Overflow, naming nothing. */
    @Test
    void aShareBeyondALongSaturatesSinceNoGrowthCanExceedIt() {
        assertEquals(Long.MAX_VALUE, GrowthLimit.parse("200%").allowedBytes(6_000_000_000_000_000_000L));
        assertEquals(Long.MAX_VALUE, GrowthLimit.parse("100000000000000000000000%").allowedBytes(1));
        assertEquals(Long.MAX_VALUE, GrowthLimit.parse("100%").allowedBytes(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE - 1, GrowthLimit.parse("50%").allowedBytes(Long.MAX_VALUE) * 2);
        assertThrows(IllegalArgumentException.class, () -> GrowthLimit.parse("10%").allowedBytes(-1));
    }

    @Test
    void aBudgetNeedsALimitOrAGrowthLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Budget.parse("budget 3 (path 'client')", "client", " ", null, null, null, null));
        assertEquals("budget 3 (path 'client') has no limit; write e.g. <max>20 MiB</max>, "
                + "<maxGrowth>10%</maxGrowth> or <maxDrift>20%</maxDrift>, or several of them", e.getMessage());
        assertEquals("a budget needs a limit, a growth limit, a drift limit or several", assertThrows(IllegalArgumentException.class,
                () -> new Budget("client", Budget.NO_MAX, null, Scope.SELF, null, BudgetLevel.FAIL, null)).getMessage());
        assertEquals("a budget's limit cannot be negative, was -2", assertThrows(IllegalArgumentException.class,
                () -> new Budget("client", -2, "-2", Scope.SELF, null)).getMessage());
    }

    @Test
    void growthIsThisRunsFigureMinusTheBaselinesWithTheLinesThatGrewMost() {
        BudgetResult result = check(0, budget("client/controller", null, "50%", Scope.SELF, BudgetLevel.FAIL)).get(0);
        assertEquals(1532, result.actualBytes());
        Growth growth = result.growth();
        assertEquals(1040, growth.baselineBytes());
        assertEquals(492, growth.deltaBytes());
        assertEquals(new BigDecimal("47.31"), growth.deltaPercent());
        assertEquals(520, growth.allowedBytes());
        assertEquals(BudgetStatus.OK, growth.status());
        assertEquals(List.of(new SiteChange("client/controller/battle.py:10", null, 1000, 1400),
                new SiteChange("client/controller/battle.py:20", null, 0, 100)), growth.topChanges());
        assertEquals(BudgetStatus.OK, result.status());
        assertNull(result.limitStatus(), "no max");

        BudgetResult inclusive = check(0, budget("client/controller", null, "50%", Scope.INCLUSIVE,
                BudgetLevel.FAIL)).get(0);
        assertEquals(2032, inclusive.actualBytes());
        assertEquals(1540, inclusive.growth().baselineBytes());
        assertEquals(List.of(new SiteChange("client/controller/battle.py:10", null, 1000, 1400),
                new SiteChange("client/controller/battle.py:20", null, 0, 100)), inclusive.growth().topChanges());
    }

    @Test
    void theWorseOfLimitAndGrowthLimitDecides() {
        List<BudgetResult> results = check(90,
                budget("client/controller", "10 KiB", "400", Scope.SELF, BudgetLevel.FAIL),
                budget("client/controller", "1 KiB", "1 KiB", Scope.SELF, BudgetLevel.FAIL),
                budget("client/controller", "10 KiB", "540", Scope.SELF, BudgetLevel.FAIL),
                budget("client/controller", "10 KiB", "1 KiB", Scope.SELF, BudgetLevel.FAIL),
                budget("client/controller", null, "400", Scope.SELF, BudgetLevel.WARN));
        assertEquals(List.of(BudgetStatus.EXCEEDED, BudgetStatus.EXCEEDED, BudgetStatus.WARNING, BudgetStatus.OK,
                BudgetStatus.EXCEEDED), results.stream().map(BudgetResult::status).toList());
        assertEquals(BudgetStatus.OK, results.get(0).limitStatus());
        assertTrue(results.get(0).growthExceeded());
        assertTrue(results.get(0).failsBuild());
        assertEquals(BudgetStatus.EXCEEDED, results.get(1).limitStatus());
        assertFalse(results.get(1).growthExceeded());
        assertEquals(BudgetStatus.WARNING, results.get(2).growth().status(), "492 of 540 allowed is 91%");
        assertTrue(results.get(4).onlyWarned());
        assertFalse(results.get(4).failsBuild());
    }

    @Test
    void withoutABaselineFigureAGrowthOnlyBudgetIsNotCheckedAndABudgetWithMaxIsCheckedAsBefore() {
        Budget growthOnly = budget("client/controller", null, "10%", Scope.SELF, BudgetLevel.FAIL);
        Budget both = budget("client/controller", "1 KiB", "10%", Scope.SELF, BudgetLevel.FAIL);
        BudgetChecker checker = new BudgetChecker(List.of(growthOnly, both), 0);
        for (Map<String, FoldedSnapshot> baseline : java.util.Arrays.asList(null, Map.<String, FoldedSnapshot>of())) {
            List<BudgetResult> results = checker.check(List.of(after()), baseline);
            assertEquals(BudgetStatus.NOT_CHECKED, results.get(0).status());
            assertFalse(results.get(0).failsBuild());
            assertNull(results.get(0).growth());
            assertEquals(BudgetStatus.EXCEEDED, results.get(1).status());
            assertEquals("Memory budget client/controller (self) in scene-3-battle.pickle: 1.5 KiB; growth not "
                    + "checked: no baseline figure for this snapshot", BudgetMessages.within(results.get(0)));
            assertEquals("Memory budgets: 2 checks, 1 exceeded, 0 nearly used, 0 unmatched, 1 not checked (growth only, "
                    + "no baseline figure)", BudgetMessages.summary(results));
        }
    }

    @Test
    void aDriftOnlyBudgetWithNothingToMeasureFromIsNotCheckedAndSaysWhy() {
        Budget growthOnly = budget("client/controller", null, "10%", Scope.SELF, BudgetLevel.FAIL);
        Budget driftOnly = Budget.parse("budget 2", "client/controller", null, null, "20%", null, null, null);
        List<BudgetResult> results = new BudgetChecker(List.of(growthOnly, driftOnly), 0).check(List.of(after()),
                null);
        assertEquals(BudgetStatus.NOT_CHECKED, results.get(1).status());
        assertEquals("Memory budgets: 2 checks, 0 exceeded, 0 nearly used, 0 unmatched, 1 not checked (growth only, "
                + "no baseline figure), 1 not checked (drift only, no earlier green build with the figure)",
                BudgetMessages.summary(results));
    }

    @Test
    void aPathMatchingNothingStaysUnmatchedWhateverItsGrowth() {
        BudgetResult result = check(0, budget("clinet", null, "0", Scope.SELF, BudgetLevel.FAIL)).get(0);
        assertEquals(BudgetStatus.UNMATCHED, result.status());
        assertEquals(0, result.growth().deltaBytes());
    }

    @Test
    void aShareOfAnEmptyBaselineAllowsNoGrowth() {
        FoldedSnapshot nothingThere = new Traces().add(64, "main.py:1").fold(BATTLE, DumpFormat.FOLDED);
        BudgetResult result = new BudgetChecker(List.of(budget("client/controller", null, "50%", Scope.SELF,
                BudgetLevel.FAIL)), 0).check(List.of(after()), Map.of(BATTLE, nothingThere)).get(0);
        assertEquals(0, result.growth().baselineBytes());
        assertNull(result.growth().deltaPercent());
        assertEquals(BudgetStatus.EXCEEDED, result.status());
        assertEquals("Memory growth exceeded: client/controller (self) in scene-3-battle.pickle: +1.5 KiB since "
                + "baseline (from 0 B) > allowed +50% of the baseline (0 B)",
                BudgetMessages.describe(result, null, null).get(0));
    }

    @Test
    void theGrowthFailureSaysBeforeAfterDeltaLimitTheLinesThatGrewAndTheDiffGraph() {
        BudgetResult result = check(0, budget("client/controller", "1 MiB", "10%", Scope.SELF, BudgetLevel.FAIL)).get(0);
        assertEquals(List.of(
                "Memory growth exceeded: client/controller (self) in scene-3-battle.pickle: +492 B since baseline "
                        + "(+47.3%) > allowed +10% of the baseline (104 B)",
                "  before 1,040 bytes, after 1,532 bytes, delta +492 bytes, allowed 104 bytes (configured as '10%')",
                "  lines that grew most:",
                "        +400 B  client/controller/battle.py:10 (1000 B -> 1.4 KiB)",
                "        +100 B  client/controller/battle.py:20 (0 B -> 100 B)",
                "  differential flame graph: out/scene-3-battle.pickle.path.diff.svg"),
                BudgetMessages.describe(result, "out/scene-3-battle.pickle.path.svg",
                        "out/scene-3-battle.pickle.path.diff.svg"));
    }

    @Test
    void bothLimitsExceededTellBothEachWithItsGraph() {
        BudgetResult result = check(0, budget("client/controller", "1 KiB", "2%", Scope.SELF, BudgetLevel.WARN)).get(0);
        List<String> lines = BudgetMessages.describe(result, "a.path.svg", "a.path.diff.svg");
        assertEquals("Memory budget exceeded (level warn, the build goes on): client/controller (self) in "
                + "scene-3-battle.pickle: 1.5 KiB > 1.0 KiB (+508 B, +49.6%)", lines.get(0));
        assertTrue(lines.contains("  flame graph: a.path.svg"), lines.toString());
        assertTrue(lines.contains("Memory growth exceeded (level warn, the build goes on): client/controller (self) in "
                + "scene-3-battle.pickle: +492 B since baseline (+47.3%) > allowed +2% of the baseline (20 B)"),
                lines.toString());
        assertEquals("  differential flame graph: a.path.diff.svg", lines.get(lines.size() - 1));
    }

    @Test
    void aGrowthNearItsLimitWarnsWithItsShare() {
        BudgetResult result = check(90, budget("client/controller", null, "540 B", Scope.SELF, BudgetLevel.FAIL)).get(0);
        assertEquals(BudgetStatus.WARNING, result.status());
        assertEquals("Memory growth nearly at its limit: client/controller (self) in scene-3-battle.pickle: +492 B "
                + "since baseline (+47.3%), 91.1% of the allowed +540 B", BudgetMessages.describe(result, null, null)
                .get(0));
    }

    @Test
    void aGrowthWithinLimitsShowsInThePassingLine() {
        List<BudgetResult> results = check(0,
                budget("client/controller", "512 KiB", null, Scope.SELF, BudgetLevel.FAIL),
                budget("client/controller", "512 KiB", "2 KiB", Scope.SELF, BudgetLevel.FAIL),
                budget("client/ui", null, "10%", Scope.SELF, BudgetLevel.FAIL));
        assertEquals("Memory budget client/controller (self) in scene-3-battle.pickle: 1.5 KiB of 512.0 KiB (0.3%), "
                + "+492 B since baseline (+47.3%)", BudgetMessages.within(results.get(0)));
        assertEquals("Memory budget client/controller (self) in scene-3-battle.pickle: 1.5 KiB of 512.0 KiB (0.3%), "
                + "+492 B since baseline (+47.3%, allowed +2.0 KiB)", BudgetMessages.within(results.get(1)));
        assertEquals("Memory budget client/ui (self) in scene-3-battle.pickle: 250 B, -50 B since baseline (-16.7%, "
                + "allowed +10% of the baseline (30 B))", BudgetMessages.within(results.get(2)));
    }
}
