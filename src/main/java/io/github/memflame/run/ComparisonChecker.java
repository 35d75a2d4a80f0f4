package io.github.memflame.run;

import io.github.memflame.budget.BudgetChecker;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Growth;
import io.github.memflame.fold.FoldedSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every comparison in every run its globs match: the snapshots of one directory are one run, and in a run
 * where either glob matches, each must match exactly one snapshot. The figures are measured exactly as a budget's
 * growth since a baseline is, the {@code from} snapshot standing for the baseline.
 */
public final class ComparisonChecker {
    private final List<Comparison> comparisons;
    private final int warnAtPercent;

    /** @param warnAtPercent a comparison at or above this share of its growth allowed warns; 0 for never */
    public ComparisonChecker(List<Comparison> comparisons, int warnAtPercent) {
        this.comparisons = List.copyOf(comparisons);
        this.warnAtPercent = BudgetChecker.checkWarnAtPercent(warnAtPercent);
    }

    /**
     * The results, comparison by comparison in configuration order, each in run order.
     *
     * @param snapshots the run's snapshots in run order
     * @param baseline the baseline's snapshots by name, or {@code null} for none
     * @throws RunCheckException when a glob matches no snapshot of any run, or not exactly one in a run where
     *                           either matches, or both match the same snapshot, or the path matches nothing in
     *                           either snapshot: such a comparison would check nothing
     */
    public List<ComparisonResult> check(List<FoldedSnapshot> snapshots, Map<String, FoldedSnapshot> baseline)
            throws RunCheckException {
        Map<String, FoldedSnapshot> byName = new HashMap<>();
        snapshots.forEach(snapshot -> byName.put(snapshot.name(), snapshot));
        Map<String, List<String>> runs = Runs.byRun(snapshots.stream().map(FoldedSnapshot::name).toList());
        List<ComparisonResult> results = new ArrayList<>();
        for (Comparison comparison : comparisons) {
            int before = results.size();
            for (Map.Entry<String, List<String>> run : runs.entrySet()) {
                List<String> from = matching(comparison.fromGlob(), run.getValue());
                List<String> to = matching(comparison.toGlob(), run.getValue());
                if (from.isEmpty() && to.isEmpty()) {
                    continue;
                }
                String where = Runs.describe(run.getKey()) + " (" + run.getValue().size()
                        + (run.getValue().size() == 1 ? " snapshot" : " snapshots") + ": "
                        + Runs.listed(run.getValue()) + ")";
                if (from.size() != 1 || to.size() != 1) {
                    throw new RunCheckException("Memory " + comparison.label() + ": <from>" + comparison.from()
                            + "</from> matches " + matched(from) + " and <to>" + comparison.to() + "</to> matches "
                            + matched(to) + " of " + where + "; each must match exactly one snapshot of a run. "
                            + "Make the globs narrower or wider, e.g. <from>scene-2-town*</from>");
                }
                if (from.get(0).equals(to.get(0))) {
                    throw new RunCheckException("Memory " + comparison.label() + ": <from> and <to> both match "
                            + from.get(0) + " in " + where + "; a snapshot compared with itself checks nothing");
                }
                results.add(compare(comparison, byName.get(from.get(0)), byName.get(to.get(0)), baseline));
            }
            if (results.size() == before) {
                throw new RunCheckException("Memory " + comparison.label() + ": <from>" + comparison.from()
                        + "</from> and <to>" + comparison.to() + "</to> match no snapshot of any run; snapshots "
                        + "read: " + (snapshots.isEmpty() ? "none" : Runs.listed(snapshots.stream()
                        .map(FoldedSnapshot::name).toList())));
            }
        }
        return results;
    }

    private ComparisonResult compare(Comparison comparison, FoldedSnapshot from, FoldedSnapshot to,
                                     Map<String, FoldedSnapshot> baseline) throws RunCheckException {
        Growth growth = growth(comparison, from, to);
        if (growth == null) {
            throw new RunCheckException("Memory " + comparison.label() + ": path '" + comparison.path()
                    + "' (" + comparison.scope().configName() + ") matches no allocation in " + from.name() + " or "
                    + to.name() + "; the comparison would check nothing ("
                    + BudgetMessages.topLevelPaths(List.of(from, to)) + "). Correct <path>, or <stripPrefixes> when those are the install root of absolute paths");
        }
        Growth baselineGrowth = null;
        if (baseline != null && baseline.containsKey(from.name()) && baseline.containsKey(to.name())) {
            baselineGrowth = growth(comparison, baseline.get(from.name()), baseline.get(to.name()));
            if (baselineGrowth == null) {
                baselineGrowth = new Growth(0, 0, comparison.maxGrowth(), BudgetStatus.OK, List.of());
            }
        }
        long toBytes = growth.baselineBytes() + growth.deltaBytes();
        String run = Runs.runOf(to.name());
        String stem = RunDiff.DIRECTORY + "/" + run + (comparison.name() != null ? comparison.name()
                : Runs.nameInRun(from.name()) + "-to-" + Runs.nameInRun(to.name()));
        return new ComparisonResult(comparison, from.name(), to.name(), toBytes, growth, baselineGrowth,
                new RunDiff(stem, from.name(), to.name()));
    }

    /** The figure's growth from one snapshot to the other, or {@code null} when the path matches in neither. */
    private Growth growth(Comparison comparison, FoldedSnapshot from, FoldedSnapshot to) {
        BudgetChecker checker = new BudgetChecker(List.of(comparison.asBudget()), warnAtPercent, true);
        BudgetResult result = checker.check(List.of(to), Map.of(to.name(), from)).get(0);
        if (result.status() == BudgetStatus.UNMATCHED
                && checker.check(List.of(from)).get(0).status() == BudgetStatus.UNMATCHED) {
            return null;
        }
        return result.growth();
    }

    private static List<String> matching(SnapshotGlob glob, List<String> names) {
        return names.stream().filter(glob::matches).toList();
    }

    private static String matched(List<String> names) {
        return names.isEmpty() ? "none" : names.size() + (names.size() == 1 ? " snapshot (" : " snapshots (")
                + Runs.listed(names) + ")";
    }
}
