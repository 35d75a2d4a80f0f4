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

    /**
     * How urgently a reader should look, 0 first: the one order the report pages list budgets in. Exceeded, then
     * warning, then unmatched and not-checked together (no limit was measured: the path matched nothing, or there is
     * no baseline figure to compare with), then ok.
     */
    public int severity() {
        return switch (this) {
            case EXCEEDED -> 0;
            case WARNING -> 1;
            case UNMATCHED, NOT_CHECKED -> 2;
            case OK -> 3;
        };
    }

    /** The status of a summary name ({@link #summaryName}), or {@code null} for a name no status has. */
    public static BudgetStatus ofSummaryName(String name) {
        for (BudgetStatus status : values()) {
            if (status.summaryName().equals(name)) {
                return status;
            }
        }
        return null;
    }

    /** The worse of two outcomes of limits that were checked: exceeded over warning over ok. */
    static BudgetStatus worse(BudgetStatus a, BudgetStatus b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
