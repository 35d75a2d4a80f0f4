package io.github.memflame.budget;

import java.util.Locale;

/** The outcome of one budget in one snapshot. */
public enum BudgetStatus {
    OK,
    /** Within the limit but at or above {@code warnAtPercent} of it. */
    WARNING,
    EXCEEDED,
    /** The path matched no allocation in any snapshot: most likely a typo or a wrong {@code stripPrefixes}. */
    UNMATCHED;

    public String summaryName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
