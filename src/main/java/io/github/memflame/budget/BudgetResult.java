package io.github.memflame.budget;

import java.util.List;

/**
 * One budget checked against one snapshot.
 *
 * <p>{@code status} is the outcome of the budget as a whole: {@link BudgetStatus#UNMATCHED} when its path matched
 * nothing in every snapshot it applies to, or it applies to none; otherwise the worse of the limit's outcome ({@code limitStatus}) and the growth limit's
 * ({@code growth.status()}), exceeded over warning over ok; {@link BudgetStatus#NOT_CHECKED} when the budget has
 * only a growth limit and there is no baseline figure to compare with.
 *
 * @param budget the budget
 * @param snapshot the snapshot's name; {@code null} for the one result of a budget that applies to no snapshot (its
 *                 {@code snapshots} glob matches none, or none was read), which is unmatched
 * @param actualBytes the bytes counted under the budget's path
 * @param status the outcome of the budget as a whole
 * @param topSites the biggest allocation sites counted, largest first, at most five
 * @param growth the figure against the baseline's snapshot of the same name, or {@code null} when there is no
 *               baseline or the baseline has no such snapshot
 * @param limitStatus the outcome against {@code max} alone, or {@code null} when the budget has no {@code max}
 * @param unmatchedFails whether this result, when unmatched, fails the build (the check's {@code failOnUnmatched},
 *                       unless no snapshot was read at all); a budget of level {@code warn} never fails it
 * @param drift the figure against the history's drift reference build, or {@code null} when the budget has no
 *              {@code maxDrift} or there is no reference figure; its status joins {@code status} as the growth's does
 */
public record BudgetResult(Budget budget, String snapshot, long actualBytes, BudgetStatus status,
                           List<Contributor> topSites, Growth growth, BudgetStatus limitStatus,
                           boolean unmatchedFails, Drift drift) {

    /** A result without a drift. */
    public BudgetResult(Budget budget, String snapshot, long actualBytes, BudgetStatus status,
                        List<Contributor> topSites, Growth growth, BudgetStatus limitStatus,
                        boolean unmatchedFails) {
        this(budget, snapshot, actualBytes, status, topSites, growth, limitStatus, unmatchedFails, null);
    }

    /**
     * This result measured against the history's drift reference too: its status becomes the worse of what it was
     * and the drift's, or the drift's when nothing else was checked.
     *
     * @throws IllegalStateException for an unmatched result, which has no figure to measure
     */
    public BudgetResult withDrift(Drift measured) {
        if (status == BudgetStatus.UNMATCHED) {
            throw new IllegalStateException("an unmatched budget has no figure to measure drift on");
        }
        BudgetStatus combined = status == BudgetStatus.NOT_CHECKED ? measured.status()
                : BudgetStatus.worse(status, measured.status());
        return new BudgetResult(budget, snapshot, actualBytes, combined, topSites, growth, limitStatus,
                unmatchedFails, measured);
    }

    /** A result of a check with {@code failOnUnmatched} on, the default. */
    public BudgetResult(Budget budget, String snapshot, long actualBytes, BudgetStatus status,
                        List<Contributor> topSites, Growth growth, BudgetStatus limitStatus) {
        this(budget, snapshot, actualBytes, status, topSites, growth, limitStatus, true);
    }

    /** A result without a baseline to compare with. */
    public BudgetResult(Budget budget, String snapshot, long actualBytes, BudgetStatus status,
                        List<Contributor> topSites) {
        this(budget, snapshot, actualBytes, status, topSites, null);
    }

    /**
     * A result whose limit's own outcome is taken from the figures: exceeded when over {@code max}, otherwise
     * {@code status} unless the growth limit alone explains it.
     */
    public BudgetResult(Budget budget, String snapshot, long actualBytes, BudgetStatus status,
                        List<Contributor> topSites, Growth growth) {
        this(budget, snapshot, actualBytes, status, topSites, growth, limitStatusOf(budget, actualBytes, status, growth));
    }

    private static BudgetStatus limitStatusOf(Budget budget, long actualBytes, BudgetStatus status, Growth growth) {
        if (!budget.hasMax()) {
            return null;
        }
        if (growth == null || growth.limit() == null || status == BudgetStatus.UNMATCHED) {
            return status;
        }
        if (actualBytes > budget.maxBytes()) {
            return BudgetStatus.EXCEEDED;
        }
        return status == growth.status() ? BudgetStatus.OK : status;
    }

    /** Exceeded, or unmatched where that fails the build, and its budget's level is {@code fail}. */
    public boolean failsBuild() {
        return (status == BudgetStatus.EXCEEDED || (status == BudgetStatus.UNMATCHED && unmatchedFails))
                && !budget.onlyWarns();
    }

    /** Exceeded, but its budget has {@code level warn}: reported, the build goes on. */
    public boolean onlyWarned() {
        return status == BudgetStatus.EXCEEDED && budget.onlyWarns();
    }

    /** The drift limit was checked against the history and exceeded. */
    public boolean driftExceeded() {
        return drift != null && drift.status() == BudgetStatus.EXCEEDED;
    }

    /** The growth limit was checked against a baseline and exceeded. */
    public boolean growthExceeded() {
        return growth != null && growth.limit() != null && growth.status() == BudgetStatus.EXCEEDED;
    }
}
