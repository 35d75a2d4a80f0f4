package io.github.memflame.run;

import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Growth;
import java.util.Objects;

/**
 * One comparison checked in one run.
 *
 * @param comparison what was configured
 * @param from the earlier snapshot its {@code from} matched
 * @param to the later snapshot its {@code to} matched
 * @param toBytes the figure in {@code to}
 * @param growth the figure in {@code from} ({@link Growth#baselineBytes()}), the change to {@code to}, the growth
 *               allowed and its status, the lines that grew most
 * @param baselineGrowth the same comparison between the baseline's snapshots of the same names, or {@code null}
 *                       when there is no baseline or it lacks one of them
 * @param diff the differential graphs from {@code from} to {@code to}
 */
public record ComparisonResult(Comparison comparison, String from, String to, long toBytes, Growth growth,
                               Growth baselineGrowth, RunDiff diff) {

    public ComparisonResult {
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(growth, "growth");
        Objects.requireNonNull(diff, "diff");
    }

    /** Ok, warning or exceeded, against {@code maxGrowth}. */
    public BudgetStatus status() {
        return growth.status();
    }

    /** Exceeded, and its level is {@code fail}. */
    public boolean failsBuild() {
        return status() == BudgetStatus.EXCEEDED && comparison.level() == BudgetLevel.FAIL;
    }

    /** Exceeded, but of level {@code warn}. */
    public boolean onlyWarned() {
        return status() == BudgetStatus.EXCEEDED && !failsBuild();
    }

    /** The figure in {@code from}. */
    public long fromBytes() {
        return growth.baselineBytes();
    }
}
