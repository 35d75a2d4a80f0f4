package io.github.memflame.budget;

import java.util.Locale;

/** The outcome of one budget in one snapshot. */
public enum BudgetStatus {
    OK,
    /** Within the limit but at or above {@code warnAtPercent} of it. */
    WARNING,
    EXCEEDED,
    /** The path matched no allocation in any snapshot: most likely a typo or a wrong {@code stripPrefixes}. */
    UNMATCHED,
    /**
     * A budget with only a {@code maxGrowth} on a snapshot the baseline does not have (a new snapshot, or no
     * baseline at all): there is nothing to compare with, so it neither passed nor failed.
     */
    NOT_CHECKED;

    /** The name in the summary and reports: {@code ok}, {@code warning}, ..., {@code not-checked}. */
    public String summaryName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The worse of two outcomes of limits that were checked: exceeded over warning over ok. */
    static BudgetStatus worse(BudgetStatus a, BudgetStatus b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
