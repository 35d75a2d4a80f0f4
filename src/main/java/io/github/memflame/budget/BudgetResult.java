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
 */
public record BudgetResult(Budget budget, String snapshot, long actualBytes, BudgetStatus status,
                           List<Contributor> topSites) {

    /** Exceeded, and its budget fails the build. */
    public boolean failsBuild() {
        return status == BudgetStatus.EXCEEDED && !budget.onlyWarns();
    }

    /** Exceeded, but its budget has {@code level warn}: reported, the build goes on. */
    public boolean onlyWarned() {
        return status == BudgetStatus.EXCEEDED && budget.onlyWarns();
    }
}
