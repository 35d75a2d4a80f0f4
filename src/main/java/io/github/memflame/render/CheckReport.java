package io.github.memflame.render;

import io.github.memflame.budget.BudgetResult;
import java.util.List;

/**
 * Everything one {@code check} run found, in the order the reports list it.
 *
 * @param passed false when a budget was exceeded
 * @param snapshots the snapshots, in the stable order they were read
 * @param budgets every budget against every snapshot it applies to
 * @param unreadable the dumps left out because they could not be read (only with {@code failOnUnreadable=false})
 */
public record CheckReport(boolean passed, List<SnapshotReport> snapshots, List<BudgetResult> budgets,
                          List<UnreadableSnapshot> unreadable) {
}
