package io.github.memflame.history;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each build's figures of the configured budgets, found in one pass over the window's entries and shared by the
 * drift check and the trend charts: a full window holds 150,000 figures, and both look up the same few. It needs
 * only the budgets, so the history's reader makes it while the check reads its snapshots. A build's figure is the
 * first the build has for the path, scope and snapshot.
 */
public final class WindowFigures {
    private final int builds;
    /** Every snapshot name the entries hold, numbered as first met. */
    private final Map<String, Integer> snapshotSlots = new HashMap<>();
    /** Per budget, per snapshot slot, the figure in each build; {@code null} for a snapshot without figures. */
    private final Map<BudgetKey, List<HistoryEntry.Figure[]>> byBudget = new HashMap<>();

    private WindowFigures(List<HistoryEntry> entries, Collection<BudgetKey> budgets) {
        builds = entries.size();
        for (BudgetKey budget : budgets) {
            byBudget.put(budget, new ArrayList<>());
        }
        for (int build = 0; build < builds; build++) {
            HistoryEntry entry = entries.get(build);
            // An entry names its snapshots once and its figures by their index: the names are looked up per entry.
            int[] slotOf = new int[entry.snapshots().size()];
            for (int i = 0; i < slotOf.length; i++) {
                slotOf[i] = snapshotSlots.computeIfAbsent(entry.snapshots().get(i).name(),
                        name -> snapshotSlots.size());
            }
            for (HistoryEntry.BudgetFigures budget : entry.budgets()) {
                List<HistoryEntry.Figure[]> bySlot = byBudget.get(new BudgetKey(budget.path(), budget.scope()));
                if (bySlot == null) {
                    continue;
                }
                for (HistoryEntry.Figure figure : budget.figures()) {
                    int slot = slotOf[figure.snapshot()];
                    while (bySlot.size() <= slot) {
                        bySlot.add(null);
                    }
                    if (bySlot.get(slot) == null) {
                        bySlot.set(slot, new HistoryEntry.Figure[builds]);
                    }
                    HistoryEntry.Figure[] byBuild = bySlot.get(slot);
                    if (byBuild[build] == null) {
                        byBuild[build] = figure;
                    }
                }
            }
        }
    }

    /**
     * The figures of {@code budgets} in each of {@code entries}.
     *
     * @param entries the builds, oldest first
     */
    public static WindowFigures of(List<HistoryEntry> entries, Collection<BudgetKey> budgets) {
        return new WindowFigures(entries, budgets);
    }

    /** The keys of the budgets, each once. */
    public static List<BudgetKey> keys(List<Budget> budgets) {
        return budgets.stream().map(budget -> new BudgetKey(budget.path(), budget.scope().configName())).distinct()
                .toList();
    }

    /** What identifies a result's figure from build to build. */
    public static HistoryEntry.FigureKey key(BudgetResult result) {
        return new HistoryEntry.FigureKey(result.budget().path(), result.budget().scope().configName(),
                result.snapshot());
    }

    /** How many builds the figures are of. */
    public int builds() {
        return builds;
    }

    /**
     * The figure of {@code key} in each build, oldest first, {@code null} where a build has none: a copy.
     *
     * @throws IllegalArgumentException when the figures of {@code key}'s budget were not looked up
     */
    public HistoryEntry.Figure[] byBuild(HistoryEntry.FigureKey key) {
        List<HistoryEntry.Figure[]> bySlot = byBudget.get(new BudgetKey(key.path(), key.scope()));
        if (bySlot == null) {
            throw new IllegalArgumentException("the figures of the budget '" + key.path() + "' (" + key.scope()
                    + ") were not looked up");
        }
        Integer slot = snapshotSlots.get(key.snapshot());
        return slot == null || slot >= bySlot.size() || bySlot.get(slot) == null ? new HistoryEntry.Figure[builds]
                : bySlot.get(slot).clone();
    }

    /** A budget as the history knows it: its path and scope. */
    public record BudgetKey(String path, String scope) {
        // Written out: a record's own go through method handles, slow until compiled, and a check looks its
        // budgets up in each of 100 builds once, in a fresh JVM.
        @Override
        public boolean equals(Object other) {
            return other instanceof BudgetKey budget && path.equals(budget.path) && scope.equals(budget.scope);
        }

        @Override
        public int hashCode() {
            return path.hashCode() * 31 + scope.hashCode();
        }
    }
}
