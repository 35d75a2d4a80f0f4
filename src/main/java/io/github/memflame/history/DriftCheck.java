package io.github.memflame.history;

import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Drift;
import io.github.memflame.budget.GrowthLimit;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures every budget with a {@code maxDrift} against its figure in the reference build of the history: the
 * oldest green build of the window that has the figure, or the newest green build labelled {@code driftReference}.
 * A failed build is never a reference, and neither is a figure its budget did not match.
 */
public final class DriftCheck {
    private final List<HistoryEntry> earlier;
    private final WindowFigures figures;
    private final String build;
    private final String driftReference;
    private final int warnAtPercent;

    /**
     * @param earlier the earlier builds of the window, oldest first (this build not among them)
     * @param figures their figures, with those of every budget result this check is given
     * @param build this build's label
     * @param driftReference the label of the reference build, or {@code null} for the oldest green one
     * @param warnAtPercent a drift at or above this share of its limit is a warning; 0 for none
     */
    public DriftCheck(List<HistoryEntry> earlier, WindowFigures figures, String build, String driftReference,
                      int warnAtPercent) {
        if (figures.builds() != earlier.size()) {
            throw new IllegalArgumentException("figures of " + figures.builds() + " builds for a window of "
                    + earlier.size());
        }
        this.earlier = List.copyOf(earlier);
        this.figures = figures;
        this.build = build;
        this.driftReference = driftReference;
        this.warnAtPercent = warnAtPercent;
    }

    /**
     * The results with their drift measured where there is a reference figure; the others as they were.
     *
     * @throws HistoryException when {@code driftReference} names no green build of the window: a drift gate
     *                          that silently measured nothing would be a hole
     */
    public List<BudgetResult> check(List<BudgetResult> results) throws HistoryException {
        boolean anyDrift = results.stream().anyMatch(result -> result.budget().maxDrift() != null);
        if (!anyDrift) {
            return results;
        }
        int namedReference = namedReference();
        List<BudgetResult> checked = new ArrayList<>(results.size());
        for (BudgetResult result : results) {
            if (!drifts(result)) {
                checked.add(result);
                continue;
            }
            HistoryEntry.Figure[] byBuild = figures.byBuild(WindowFigures.key(result));
            int reference = namedReference >= 0 ? (usable(byBuild[namedReference]) ? namedReference : -1)
                    : oldestGreen(byBuild);
            checked.add(reference < 0 ? result
                    : result.withDrift(drift(result, result.budget().maxDrift(), reference, byBuild)));
        }
        return checked;
    }

    private static boolean drifts(BudgetResult result) {
        return result.budget().maxDrift() != null && result.snapshot() != null
                && result.status() != BudgetStatus.UNMATCHED;
    }

    /** The index of the build {@code driftReference} names, -1 when none is named. */
    private int namedReference() throws HistoryException {
        if (driftReference == null) {
            return -1;
        }
        for (int i = earlier.size() - 1; i >= 0; i--) {
            if (earlier.get(i).build().equals(driftReference) && earlier.get(i).passed()) {
                return i;
            }
        }
        List<String> green = earlier.stream().filter(HistoryEntry::passed).map(HistoryEntry::build).toList();
        boolean failed = earlier.stream().anyMatch(entry -> entry.build().equals(driftReference));
        throw new HistoryException("driftReference '" + driftReference + "' names no green build in the history"
                + (failed ? " (its build failed, and a failed build is never a reference)" : "") + "; the "
                + green.size() + " green builds of the window are " + (green.isEmpty() ? "none" : listed(green))
                + ". Set driftReference to one of them, or leave it out to measure from the oldest green build.");
    }

    private static String listed(List<String> labels) {
        int shown = Math.min(5, labels.size());
        return String.join(", ", labels.subList(labels.size() - shown, labels.size()))
                + (labels.size() > shown ? " (the newest " + shown + ")" : "");
    }

    /** The oldest green build with a usable figure, -1 when none has one. */
    private int oldestGreen(HistoryEntry.Figure[] byBuild) {
        for (int i = 0; i < earlier.size(); i++) {
            if (earlier.get(i).passed() && usable(byBuild[i])) {
                return i;
            }
        }
        return -1;
    }

    private static boolean usable(HistoryEntry.Figure figure) {
        return figure != null && !figure.status().equals(BudgetStatus.UNMATCHED.summaryName());
    }

    private Drift drift(BudgetResult result, GrowthLimit limit, int reference, HistoryEntry.Figure[] byBuild) {
        long referenceBytes = byBuild[reference].bytes();
        long delta = Math.subtractExact(result.actualBytes(), referenceBytes);
        long allowed = limit.allowedBytes(referenceBytes);
        BudgetStatus status = delta > allowed ? BudgetStatus.EXCEEDED
                : delta > 0 && warnAtPercent > 0 && (double) delta * 100 >= (double) allowed * warnAtPercent
                ? BudgetStatus.WARNING : BudgetStatus.OK;
        // The builds that added most, as a stable sort by what each added, largest first, would rank them: a
        // change goes after those that added as much or more. Kept as they come rather than sorted for each figure.
        List<Drift.BuildChange> added = new ArrayList<>(Drift.TOP_BUILDS + 1);
        long before = referenceBytes;
        for (int i = reference + 1; i <= earlier.size(); i++) {
            boolean thisBuild = i == earlier.size();
            if (!thisBuild && byBuild[i] == null) {
                continue;
            }
            long after = thisBuild ? result.actualBytes() : byBuild[i].bytes();
            long change = after - before;
            if (change > 0 && (added.size() < Drift.TOP_BUILDS
                    || change > added.get(added.size() - 1).deltaBytes())) {
                int at = added.size();
                while (at > 0 && added.get(at - 1).deltaBytes() < change) {
                    at--;
                }
                added.add(at, new Drift.BuildChange(thisBuild ? build : earlier.get(i).build(), before, after));
                if (added.size() > Drift.TOP_BUILDS) {
                    added.remove(Drift.TOP_BUILDS);
                }
            }
            before = after;
        }
        return new Drift(earlier.get(reference).build(), referenceBytes, delta, limit, status, added);
    }
}
