package io.github.memflame;

import io.github.memflame.budget.BudgetResult;
import io.github.memflame.render.CheckReport;
import java.util.List;

/**
 * What a {@code check} run found and wrote.
 *
 * @param report the report that was written
 * @param exceeded the budgets that were exceeded, in report order
 */
public record CheckOutcome(CheckReport report, List<BudgetResult> exceeded) {

    public boolean passed() {
        return exceeded.isEmpty();
    }
}
