package io.github.memflame.budget;

import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathGlob;
import io.github.memflame.fold.SiteChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Checks every budget against every snapshot it applies to. Knows nothing of Maven: the caller decides what a
 * violation does to the build.
 */
public final class BudgetChecker {
    private static final int TOP_SITES = 5;

    private final List<Budget> budgets;
    private final int warnAtPercent;
    private final boolean failOnUnmatched;
    private final boolean growthLimitsDecide;

    /** A checker whose unmatched budgets fail the build (unless of level {@code warn}), the default. */
    public BudgetChecker(List<Budget> budgets, int warnAtPercent) {
        this(budgets, warnAtPercent, true);
    }

    /**
     * @param warnAtPercent a budget at or above this share of its limit is a {@link BudgetStatus#WARNING};
     *                      0 turns warnings off
     * @param failOnUnmatched whether a budget that matches nothing, or applies to no snapshot, fails the build (a
     *                        budget of level {@code warn} only warns); when no snapshot was read at all it does not,
     *                        as whether that may pass is {@code failIfNoSnapshots}'s to say
     */
    public BudgetChecker(List<Budget> budgets, int warnAtPercent, boolean failOnUnmatched) {
        this(budgets, warnAtPercent, failOnUnmatched, true);
    }

    /**
     * @param growthLimitsDecide whether a growth limit's outcome is part of a budget's status; {@code false} when
     *                           this run's figures are accepted as the new baseline: its growth is measured and
     *                           reported ({@link BudgetResult#growth()}), only its limits decide
     */
    public BudgetChecker(List<Budget> budgets, int warnAtPercent, boolean failOnUnmatched,
                         boolean growthLimitsDecide) {
        this.budgets = List.copyOf(budgets);
        this.warnAtPercent = checkWarnAtPercent(warnAtPercent);
        this.failOnUnmatched = failOnUnmatched;
        this.growthLimitsDecide = growthLimitsDecide;
    }

    /**
     * The share of a limit that makes a warning, if it is one: from 1 to 100, or 0 for no warnings.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static int checkWarnAtPercent(int warnAtPercent) {
        if (warnAtPercent < 0 || warnAtPercent > 100) {
            throw new IllegalArgumentException("warnAtPercent must be from 1 to 100, or 0 for no warnings; was "
                    + warnAtPercent);
        }
        return warnAtPercent;
    }

    /** The results, budget by budget in configuration order, each in snapshot order, without a baseline. */
    public List<BudgetResult> check(List<FoldedSnapshot> snapshots) {
        return check(snapshots, null);
    }

    /**
     * The results, budget by budget in configuration order, each in snapshot order, with each figure's growth since
     * the baseline snapshot of the same name, measured on it exactly as on this run. A budget that applies to no
     * snapshot has one result, unmatched, without a snapshot: no budget disappears from the results.
     *
     * @param baseline the baseline's snapshots by name, or {@code null} when there is no baseline
     */
    public List<BudgetResult> check(List<FoldedSnapshot> snapshots, Map<String, FoldedSnapshot> baseline) {
        List<BudgetResult> results = new ArrayList<>();
        boolean unmatchedFails = failOnUnmatched && !snapshots.isEmpty();
        for (Budget budget : budgets) {
            BudgetPath path = BudgetPath.of(budget.path());
            PathGlob snapshotGlob = budget.snapshotGlob();
            List<PathFigure> measurements = new ArrayList<>();
            List<Growth> growths = new ArrayList<>();
            boolean matchedAnywhere = false;
            for (FoldedSnapshot snapshot : snapshots) {
                if (snapshotGlob == null || snapshotGlob.matches(snapshot.name())) {
                    PathFigure measurement = PathFigure.of(snapshot, path, budget.scope());
                    measurements.add(measurement);
                    matchedAnywhere |= measurement.matched();
                    FoldedSnapshot before = baseline == null ? null : baseline.get(snapshot.name());
                    growths.add(before == null ? null
                            : growth(budget, PathFigure.of(before, path, budget.scope()), measurement));
                }
            }
            if (measurements.isEmpty()) {
                results.add(new BudgetResult(budget, null, 0, BudgetStatus.UNMATCHED, List.of(), null,
                        budget.hasMax() ? BudgetStatus.UNMATCHED : null, unmatchedFails));
                continue;
            }
            for (int i = 0; i < measurements.size(); i++) {
                PathFigure measurement = measurements.get(i);
                Growth growth = growths.get(i);
                BudgetStatus limitStatus = !budget.hasMax() ? null
                        : matchedAnywhere ? status(budget.maxBytes(), measurement.bytes()) : BudgetStatus.UNMATCHED;
                BudgetStatus status;
                if (!matchedAnywhere) {
                    status = BudgetStatus.UNMATCHED;
                } else if (growth == null || growth.limit() == null) {
                    status = limitStatus == null ? BudgetStatus.NOT_CHECKED : limitStatus;
                } else if (!growthLimitsDecide) {
                    status = limitStatus == null ? BudgetStatus.OK : limitStatus;
                } else {
                    status = limitStatus == null ? growth.status() : BudgetStatus.worse(limitStatus, growth.status());
                }
                results.add(new BudgetResult(budget, measurement.snapshot(), measurement.bytes(), status,
                        topSites(measurement), growth, limitStatus, unmatchedFails));
            }
        }
        return results;
    }

    private Growth growth(Budget budget, PathFigure before, PathFigure after) {
        long delta = Math.subtractExact(after.bytes(), before.bytes());
        GrowthLimit limit = budget.maxGrowth();
        BudgetStatus status = BudgetStatus.OK;
        if (limit != null) {
            long allowed = limit.allowedBytes(before.bytes());
            if (delta > allowed) {
                status = BudgetStatus.EXCEEDED;
            } else if (delta > 0 && warns(delta, allowed)) {
                status = BudgetStatus.WARNING;
            }
        }
        List<SiteChange> grown = new ArrayList<>();
        after.bytesBySite().forEach((site, bytes) -> {
            long was = before.bytesBySite().getOrDefault(site, 0L);
            if (bytes > was) {
                grown.add(new SiteChange(site, after.functionBySite().get(site), was, bytes,
                        before.wasLines().get(site)));
            }
        });
        grown.sort(Comparator.comparingLong(SiteChange::deltaBytes).reversed().thenComparing(SiteChange::site));
        return new Growth(before.bytes(), delta, limit, status, grown.subList(0, Math.min(TOP_SITES, grown.size())));
    }

    private BudgetStatus status(long limit, long bytes) {
        if (bytes > limit) {
            return BudgetStatus.EXCEEDED;
        }
        return warns(bytes, limit) ? BudgetStatus.WARNING : BudgetStatus.OK;
    }

    /** At or above {@code warnAtPercent} of a limit. */
    private boolean warns(long bytes, long limit) {
        // Compared in floating point only for the warning share: exactness matters for the limit itself.
        return warnAtPercent > 0 && (double) bytes * 100 >= (double) limit * warnAtPercent;
    }

    /** The biggest sites of a figure, largest first, at most {@value #TOP_SITES}. */
    private static List<Contributor> topSites(PathFigure figure) {
        List<Contributor> top = new ArrayList<>();
        figure.bytesBySite().forEach((site, siteBytes) -> top.add(new Contributor(site,
                figure.functionBySite().get(site), siteBytes)));
        top.sort(Comparator.comparingLong(Contributor::bytes).reversed().thenComparing(Contributor::site));
        return List.copyOf(top.subList(0, Math.min(TOP_SITES, top.size())));
    }
}
