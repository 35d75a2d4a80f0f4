package io.github.memflame.budget;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathGlob;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks every budget against every snapshot it applies to. Knows nothing of Maven: the caller decides what a
 * violation does to the build.
 */
public final class BudgetChecker {
    private static final int TOP_SITES = 5;

    private final List<Budget> budgets;
    private final int warnAtPercent;

    /**
     * @param warnAtPercent a budget at or above this share of its limit is a {@link BudgetStatus#WARNING};
     *                      0 turns warnings off
     */
    public BudgetChecker(List<Budget> budgets, int warnAtPercent) {
        this.budgets = List.copyOf(budgets);
        this.warnAtPercent = checkWarnAtPercent(warnAtPercent);
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

    /** The results, budget by budget in configuration order, each in snapshot order. */
    public List<BudgetResult> check(List<FoldedSnapshot> snapshots) {
        List<BudgetResult> results = new ArrayList<>();
        for (Budget budget : budgets) {
            BudgetPath path = BudgetPath.of(budget.path());
            PathGlob snapshotGlob = budget.snapshots() == null || budget.snapshots().isBlank()
                    ? null : new PathGlob(budget.snapshots().trim());
            List<Measurement> measurements = new ArrayList<>();
            boolean matchedAnywhere = false;
            for (FoldedSnapshot snapshot : snapshots) {
                if (snapshotGlob == null || snapshotGlob.matches(snapshot.name())) {
                    Measurement measurement = measure(snapshot, path, budget.scope());
                    measurements.add(measurement);
                    matchedAnywhere |= measurement.matched;
                }
            }
            for (Measurement measurement : measurements) {
                BudgetStatus status = matchedAnywhere ? status(budget, measurement.bytes) : BudgetStatus.UNMATCHED;
                results.add(new BudgetResult(budget, measurement.snapshot, measurement.bytes, status,
                        measurement.topSites));
            }
        }
        return results;
    }

    /** The top-level paths that hold memory in these snapshots: what an unmatched budget may have meant. */
    public static List<String> topLevelPaths(List<FoldedSnapshot> snapshots) {
        TreeSet<String> paths = new TreeSet<>();
        for (FoldedSnapshot snapshot : snapshots) {
            for (StackTotal stack : snapshot.stacks()) {
                Site site = stack.allocatingSite();
                paths.add(site == null ? FlameTree.UNKNOWN : PathNormalizer.components(site.path()).get(0));
            }
        }
        return List.copyOf(paths);
    }

    private BudgetStatus status(Budget budget, long bytes) {
        if (bytes > budget.maxBytes()) {
            return BudgetStatus.EXCEEDED;
        }
        // Compared in floating point only for the warning share: exactness matters for the limit itself.
        if (warnAtPercent > 0 && (double) bytes * 100 >= (double) budget.maxBytes() * warnAtPercent) {
            return BudgetStatus.WARNING;
        }
        return BudgetStatus.OK;
    }

    private static Measurement measure(FoldedSnapshot snapshot, BudgetPath path, Scope scope) {
        Map<String, Boolean> coveredByPath = new HashMap<>();
        Map<String, long[]> bytesBySite = new LinkedHashMap<>();
        Map<String, String> functionBySite = new HashMap<>();
        long bytes = 0;
        boolean matched = false;
        for (StackTotal stack : snapshot.stacks()) {
            if (counts(stack, path, scope, coveredByPath)) {
                matched = true;
                bytes = Math.addExact(bytes, stack.bytes());
                Site site = stack.allocatingSite();
                String label = site == null ? FlameTree.UNKNOWN : site.label();
                long[] siteBytes = bytesBySite.computeIfAbsent(label, l -> {
                    String function = snapshot.functionAt(site);
                    if (function != null) {
                        functionBySite.put(l, function);
                    }
                    return new long[1];
                });
                siteBytes[0] = Math.addExact(siteBytes[0], stack.bytes());
            }
        }
        List<Contributor> top = new ArrayList<>();
        bytesBySite.forEach((site, siteBytes) -> top.add(
                new Contributor(site, functionBySite.get(site), siteBytes[0])));
        top.sort(Comparator.comparingLong(Contributor::bytes).reversed().thenComparing(Contributor::site));
        return new Measurement(snapshot.name(), bytes, matched,
                List.copyOf(top.subList(0, Math.min(TOP_SITES, top.size()))));
    }

    private static boolean counts(StackTotal stack, BudgetPath path, Scope scope, Map<String, Boolean> covered) {
        if (path.isWholeSnapshot()) {
            return true;
        }
        if (scope == Scope.SELF) {
            Site site = stack.allocatingSite();
            return site != null && covered.computeIfAbsent(site.path(), path::covers);
        }
        for (Site site : stack.rootFirst()) {
            if (covered.computeIfAbsent(site.path(), path::covers)) {
                return true;
            }
        }
        return false;
    }

    private record Measurement(String snapshot, long bytes, boolean matched, List<Contributor> topSites) {
    }
}
