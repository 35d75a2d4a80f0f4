package io.github.memflame.render;

import io.github.memflame.summary.UnreadableSnapshot;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Contributor;
import io.github.memflame.budget.Growth;
import io.github.memflame.budget.GrowthLimit;
import io.github.memflame.budget.Scope;
import io.github.memflame.budget.UnmatchedBudget;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.SiteChange;
import java.util.List;

/**
 * Check reports with one result of every kind the CI outputs tell apart, for the JUnit and Markdown tests: within
 * its limit, exceeded, exceeded growth, nearly used, exceeded at level warn, unmatched; with and without a baseline.
 */
final class CiResults {
    static final FoldedSnapshot BATTLE = Snapshots.battle();
    static final FoldedSnapshot MENU = Reports.menu();
    static final String GRAPHS = "/ci/target/site/memflame/";

    private CiResults() {
    }

    static final BudgetResult PASSING = new BudgetResult(
            new Budget("client/controller", 20_971_520, "20 MiB", Scope.SELF, null), BATTLE.name(), 543_440,
            BudgetStatus.OK, List.of(new Contributor("client/controller/input.py:7", 343_440)));

    static final BudgetResult EXCEEDED = new BudgetResult(
            new Budget("client/ui", 4_000_000, "4 MB", Scope.INCLUSIVE, null), MENU.name(), 5_070_000,
            BudgetStatus.EXCEEDED, List.of(new Contributor("client/ui/menu.py:8", "Menu.open", 5_000_000)));

    static final BudgetResult WARNING = new BudgetResult(
            new Budget("", 1_100_000, "1.1 MB", Scope.SELF, "scene-2-*"), BATTLE.name(), 1_028_403,
            BudgetStatus.WARNING, List.of());

    static final BudgetResult ONLY_WARNED = new BudgetResult(
            new Budget("engine/render", 100_000, "100 kB", Scope.SELF, null, BudgetLevel.WARN), BATTLE.name(),
            184_963, BudgetStatus.EXCEEDED, List.of(new Contributor("engine/render/mesh.py:121", 84_963)));

    /** Unmatched, failing the build as failOnUnmatched does by default. */
    static final BudgetResult UNMATCHED = new BudgetResult(
            new Budget("clinet/net", 1_000, "1000", Scope.SELF, null), BATTLE.name(), 0, BudgetStatus.UNMATCHED,
            List.of());

    /** Unmatched in a check with failOnUnmatched off: reported, not failing. */
    static final BudgetResult UNMATCHED_NOT_FAILING = new BudgetResult(
            new Budget("clinet/net", 1_000, "1000", Scope.SELF, null), BATTLE.name(), 0, BudgetStatus.UNMATCHED,
            List.of(), null, BudgetStatus.UNMATCHED, false);

    /** Within its 20 MiB, but 143,440 bytes more than the baseline's 400,000 where 10% (40,000) are allowed. */
    static final BudgetResult GROWTH_EXCEEDED = new BudgetResult(
            new Budget("client/controller", 20_971_520, "20 MiB", Scope.INCLUSIVE, null), BATTLE.name(), 543_440,
            BudgetStatus.OK, List.of(new Contributor("client/controller/input.py:7", 343_440)),
            new Growth(400_000, 143_440, GrowthLimit.parse("10%"), BudgetStatus.EXCEEDED, List.of(
                    new SiteChange("client/controller/input.py:7", "InputHandler.poll", 243_440, 343_440),
                    new SiteChange("client/controller/battle.py:60", null, 156_560, 200_000))));

    /** Within its limit and grown within its 1 MiB growth limit. */
    static final BudgetResult GROWTH_WITHIN = new BudgetResult(
            new Budget("client/ui", 4_000_000, "4 MB", Scope.SELF, null), MENU.name(), 3_000_000,
            BudgetStatus.OK, List.of(), new Growth(3_100_000, -100_000, GrowthLimit.parse("1 MiB"),
                    BudgetStatus.OK, List.of()));

    static CheckReport withoutBaseline() {
        return new CheckReport(false, List.of(Reports.report(BATTLE), Reports.report(MENU)),
                List.of(PASSING, EXCEEDED, WARNING, ONLY_WARNED, UNMATCHED), List.of());
    }

    /**
     * The battle scene of the baseline: input.py:7 and battle.py:60 grew since, mesh.py:121 shrank, old.py:3 is gone.
     */
    static final FoldedSnapshot BATTLE_BEFORE = Snapshots.named("scene-2-battle.pickle")
            .add(300_000, 1200, "main.py:10", "client/controller/battle.py:55", "client/ui/bag.py:42")
            .add(156_560, 700, "main.py:10", "client/controller/battle.py:60")
            .add(243_440, 2500, "main.py:10", "client/controller/input.py:7")
            .add(100_000, 7000, "main.py:10", "engine/render/mesh.py:120", "engine/render/buffer.py:9")
            .add(100_000, 1100, "main.py:12", "engine/render/mesh.py:121")
            .add(5_000, 10, "main.py:12", "client/ui/old.py:3")
            .build();

    static CheckReport withBaseline() {
        return new CheckReport(false, List.of(SnapshotReport.of(BATTLE, BATTLE_BEFORE, SvgOptions.defaults()),
                Reports.report(MENU)),
                List.of(GROWTH_EXCEEDED, GROWTH_WITHIN, EXCEEDED),
                List.of(new UnreadableSnapshot("broken.pickle", "broken.pickle: at byte 12: expected a pickle opcode,"
                        + " found 0xff")));
    }

    /**
     * The CI log's lines about a result, naming its graphs in {@code /ci/target/site/memflame} as the check does; for
     * an unmatched one, what the battle and menu scenes hold.
     */
    static List<String> logLinesOf(BudgetResult result) {
        if (result.status() == BudgetStatus.UNMATCHED) {
            return BudgetMessages.unmatched(UnmatchedBudget.explain(result.budget(), List.of(BATTLE, MENU), List.of()),
                    result);
        }
        return BudgetMessages.describe(result, GRAPHS + result.snapshot() + ".path.svg",
                result.growth() == null ? null : GRAPHS + result.snapshot() + ".path.diff.svg");
    }
}
