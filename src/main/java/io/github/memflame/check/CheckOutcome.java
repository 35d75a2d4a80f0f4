package io.github.memflame.check;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.render.CheckReport;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a {@code check} run found and wrote.
 *
 * @param report the report that was written
 * @param failing the budget results that fail the build (exceeded, or unmatched under {@code failOnUnmatched}), in
 *                report order; what fails across the run is in the report
 */
public record CheckOutcome(CheckReport report, List<BudgetResult> failing) {

    public boolean passed() {
        return failing.isEmpty() && !report.run().failsBuild();
    }

    /** The failing results that were exceeded. */
    public List<BudgetResult> exceeded() {
        return failing.stream().filter(result -> result.status() == BudgetStatus.EXCEEDED).toList();
    }

    /**
     * Why the run failed, e.g. {@code 1 memory budget exceeded, 2 memory budgets matched nothing}: exceeded checks,
     * and budgets unmatched under {@code failOnUnmatched} (each counted once, however many snapshots it applies to).
     */
    public String failureSummary() {
        int exceeded = exceeded().size();
        Set<Budget> unmatchedBudgets = Collections.newSetFromMap(new IdentityHashMap<>());
        failing.stream().filter(result -> result.status() == BudgetStatus.UNMATCHED)
                .forEach(result -> unmatchedBudgets.add(result.budget()));
        int unmatched = unmatchedBudgets.size();
        StringBuilder summary = new StringBuilder();
        if (exceeded > 0) {
            summary.append(exceeded).append(exceeded == 1 ? " memory budget exceeded" : " memory budgets exceeded");
        }
        if (unmatched > 0) {
            summary.append(summary.length() == 0 ? "" : ", ").append(unmatched)
                    .append(unmatched == 1 ? " memory budget matched nothing" : " memory budgets matched nothing");
        }
        String acrossTheRun = report.run().failureSummary();
        if (acrossTheRun != null) {
            summary.append(summary.length() == 0 ? "" : ", ").append(acrossTheRun);
        }
        return summary.toString();
    }
}
