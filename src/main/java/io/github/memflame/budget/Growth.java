package io.github.memflame.budget;

import io.github.memflame.fold.SiteChange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One budget's figure in one snapshot against the same figure in the baseline's snapshot of the same name.
 *
 * @param baselineBytes the baseline's figure for the same path, scope and snapshot
 * @param deltaBytes this run's figure minus the baseline's (negative when it shrank)
 * @param limit the budget's {@code maxGrowth}, or {@code null} when it has none (growth is then only reported)
 * @param status {@link BudgetStatus#OK}, {@link BudgetStatus#WARNING} or {@link BudgetStatus#EXCEEDED} against
 *               {@code limit}; {@code OK} when there is no limit
 * @param topChanges the allocation sites counted by the budget whose bytes grew most, largest growth first, with
 *                   their own before and after figures
 */
public record Growth(long baselineBytes, long deltaBytes, GrowthLimit limit, BudgetStatus status,
                     List<SiteChange> topChanges) {

    public Growth {
        topChanges = List.copyOf(topChanges);
    }

    /**
     * The change as a percentage of the baseline's figure, with two decimals (half up), or {@code null} when the
     * baseline's figure is 0 and any change is infinitely many percent.
     */
    public BigDecimal deltaPercent() {
        if (baselineBytes == 0) {
            return null;
        }
        return BigDecimal.valueOf(deltaBytes).movePointRight(2)
                .divide(BigDecimal.valueOf(baselineBytes), 2, RoundingMode.HALF_UP);
    }

    /** The growth allowed, in bytes, or -1 when there is no limit. */
    public long allowedBytes() {
        return limit == null ? -1 : limit.allowedBytes(baselineBytes);
    }
}
