package io.github.memflame.render;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Contributor;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FoldedSnapshot;
import java.util.List;

/** Check reports for the render tests. */
final class Reports {
    private Reports() {
    }

    static SnapshotReport report(FoldedSnapshot snapshot) {
        return SnapshotReport.of(snapshot, SvgOptions.defaults());
    }

    static FoldedSnapshot menu() {
        return Snapshots.named("sub/dir/scene 1#menu.pickle")
                .add(5_000_000, 20, "main.py:3", "client/ui/menu.py:8")
                .add(70_000, 300, "main.py:3", "客户端/界面/背包.py:42")
                .excluded(12, 4096)
                .build();
    }

    static CheckReport failed() {
        FoldedSnapshot battle = Snapshots.battle();
        FoldedSnapshot menu = menu();
        Budget controller = new Budget("client/controller", 20_971_520, "20 MiB", Scope.SELF, null);
        Budget ui = new Budget("client/ui", 4_000_000, "4 MB", Scope.INCLUSIVE, null);
        Budget typo = new Budget("clinet/net", 1_000, "1000", Scope.SELF, null);
        Budget whole = new Budget("", 1_100_000, "1.1 MB", Scope.SELF, "scene-2-*");
        List<BudgetResult> budgets = List.of(
                new BudgetResult(controller, battle.name(), 543_440, BudgetStatus.OK,
                        List.of(new Contributor("client/controller/input.py:7", 343_440),
                                new Contributor("client/controller/battle.py:60", 200_000))),
                new BudgetResult(ui, menu.name(), 5_070_000, BudgetStatus.EXCEEDED,
                        List.of(new Contributor("client/ui/menu.py:8", 5_000_000))),
                new BudgetResult(typo, battle.name(), 0, BudgetStatus.UNMATCHED, List.of()),
                new BudgetResult(whole, battle.name(), 1_028_403, BudgetStatus.WARNING, List.of()));
        return new CheckReport(false, List.of(report(battle), report(menu)), budgets, List.of());
    }
}
