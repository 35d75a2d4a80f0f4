package io.github.memflame.render;

import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Growth;

/**
 * What one budget result means to a CI system, with its limit and its growth limit taken together: the JUnit
 * report and the Markdown summary sort, count and mark results by it.
 */
enum CiVerdict {
    /** The limit or the growth limit is exceeded and the budget's level is {@code fail}. */
    FAILS,
    /** Nearly used, or exceeded by a budget of level {@code warn}: the build goes on, a person should look. */
    WARNS,
    /** The path matched no allocation in any snapshot. */
    UNMATCHED,
    PASSES;

    static CiVerdict of(BudgetResult result) {
        if (result.status() == BudgetStatus.UNMATCHED) {
            return UNMATCHED;
        }
        Growth growth = result.growth();
        BudgetStatus growthStatus = growth == null ? BudgetStatus.OK : growth.status();
        boolean exceeded = result.status() == BudgetStatus.EXCEEDED || growthStatus == BudgetStatus.EXCEEDED;
        if (exceeded && !result.budget().onlyWarns()) {
            return FAILS;
        }
        return exceeded || result.status() == BudgetStatus.WARNING || growthStatus == BudgetStatus.WARNING
                ? WARNS : PASSES;
    }
}
