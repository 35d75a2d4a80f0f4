package io.github.memflame.budget;

import java.util.List;

/**
 * One budget checked against one snapshot.
 *
 * @param budget the budget
 * @param snapshot the snapshot's name
 * @param actualBytes the bytes counted under the budget's path
 * @param status the outcome
 * @param topSites the biggest allocation sites counted, largest first, at most five
 * @param growth the figure against the baseline's snapshot of the same name, or {@code null} when there is no
 *               baseline or the baseline has no such snapshot
 */
public record BudgetResult(Budget budget, String snapshot, long actualBytes, BudgetStatus status,
                           List<Contributor> topSites, Growth growth) {

    /** A result without a baseline to compare with. */
    public BudgetResult(Budget budget, String snapshot, long actualBytes, BudgetStatus status,
                        List<Contributor> topSites) {
        this(budget, snapshot, actualBytes, status, topSites, null);
    }

    /** Exceeded, and its budget fails the build. */
    public boolean failsBuild() {
        return status == BudgetStatus.EXCEEDED && !budget.onlyWarns();
    }

    /** Exceeded, but its budget has {@code level warn}: reported, the build goes on. */
    public boolean onlyWarned() {
        return status == BudgetStatus.EXCEEDED && budget.onlyWarns();
    }
}
