package io.github.memflame.history;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builds a report remembers, oldest first, this build last: what its charts draw and its {@code history}
 * directory holds.
 *
 * @param recorded the entries with their build numbers, oldest first; the last is this build's
 * @param earlierFigures the earlier builds' figures of at least every budget this build measured
 * @param carried the earlier entries that could not be read but whose bytes were: left out of the charts and the
 *                drift, and written into the history for the next build as they were
 */
public record HistoryWindow(List<HistoryReader.Recorded> recorded, WindowFigures earlierFigures,
                            List<HistoryReader.Unreadable> carried) {
    public HistoryWindow {
        recorded = List.copyOf(recorded);
        carried = carried.stream().filter(entry -> entry.content() != null).toList();
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException("a history window holds at least this build");
        }
        if (earlierFigures.builds() != recorded.size() - 1) {
            throw new IllegalArgumentException("figures of " + earlierFigures.builds() + " earlier builds for a "
                    + "window of " + recorded.size());
        }
    }

    /**
     * The window of the earlier entries read and this build's, which is numbered after the last entry named in
     * the directory (read or not), so that numbers never repeat.
     *
     * @param earlierFigures the earlier entries' figures of at least every budget {@code current} holds, as
     *                       the drift check looked them up
     */
    public static HistoryWindow of(List<HistoryReader.Recorded> earlier, int lastSequence, HistoryEntry current,
                                   WindowFigures earlierFigures) {
        return of(earlier, lastSequence, current, earlierFigures, List.of());
    }

    /**
     * As {@link #of(List, int, HistoryEntry, WindowFigures)}, with the earlier entries that could not be read.
     *
     * @param unreadable those whose bytes were read are carried on (see {@link #carried})
     */
    public static HistoryWindow of(List<HistoryReader.Recorded> earlier, int lastSequence, HistoryEntry current,
                                   WindowFigures earlierFigures, List<HistoryReader.Unreadable> unreadable) {
        List<HistoryReader.Recorded> builds = new ArrayList<>(earlier);
        int sequence = lastSequence + 1;
        builds.add(new HistoryReader.Recorded(sequence, HistoryFormat.fileName(sequence), current));
        return new HistoryWindow(builds, earlierFigures, unreadable);
    }

    /** {@link #of(List, int, HistoryEntry, WindowFigures)}, the earlier figures looked up for {@code current}'s. */
    public static HistoryWindow of(List<HistoryReader.Recorded> earlier, int lastSequence, HistoryEntry current) {
        return of(earlier, lastSequence, current, WindowFigures.of(
                earlier.stream().map(HistoryReader.Recorded::entry).toList(), current.budgets().stream()
                        .map(budget -> new WindowFigures.BudgetKey(budget.path(), budget.scope())).toList()));
    }

    /**
     * The figure of {@code key} in each build of the window, oldest first, this build's last; {@code null} where a
     * build has none.
     */
    public HistoryEntry.Figure[] byBuild(HistoryEntry.FigureKey key) {
        HistoryEntry.Figure[] earlier = earlierFigures.byBuild(key);
        HistoryEntry.Figure[] figures = Arrays.copyOf(earlier, earlier.length + 1);
        HistoryEntry current = current();
        for (HistoryEntry.BudgetFigures budget : current.budgets()) {
            if (budget.path().equals(key.path()) && budget.scope().equals(key.scope())) {
                for (HistoryEntry.Figure figure : budget.figures()) {
                    if (figures[earlier.length] == null
                            && current.snapshots().get(figure.snapshot()).name().equals(key.snapshot())) {
                        figures[earlier.length] = figure;
                    }
                }
            }
        }
        return figures;
    }

    /** The entries, oldest first, this build's last. */
    public List<HistoryEntry> builds() {
        return recorded.stream().map(HistoryReader.Recorded::entry).toList();
    }

    /** This build's entry. */
    public HistoryEntry current() {
        return recorded.get(recorded.size() - 1).entry();
    }

    /**
     * The files the report's {@code history} directory holds: names relative to it, and their text; an earlier
     * entry's text as read when that is what {@link HistoryJson#text} writes for it.
     */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        for (HistoryReader.Recorded build : recorded) {
            files.put(HistoryFormat.fileName(build.sequence()),
                    build.text() != null ? build.text() : HistoryJson.text(build.entry()));
        }
        return files;
    }

    /** This build's entry, made from what the check found. */
    public static HistoryEntry entry(String label, Instant time, boolean passed, List<FoldedSnapshot> snapshots,
                                     List<BudgetResult> results) {
        List<HistoryEntry.SnapshotFigures> snapshotFigures = new ArrayList<>(snapshots.size());
        for (FoldedSnapshot snapshot : snapshots) {
            snapshotFigures.add(new HistoryEntry.SnapshotFigures(snapshot.name(), snapshot.totalBytes(),
                    snapshot.traces(), directories(snapshot)));
        }
        Map<String, Integer> snapshotIndex = new HashMap<>();
        for (int i = 0; i < snapshots.size(); i++) {
            snapshotIndex.putIfAbsent(snapshots.get(i).name(), i);
        }
        // A budget's results, in the order of its first; one budget's results are its figures in each snapshot.
        Map<Budget, List<HistoryEntry.Figure>> byBudget = new IdentityHashMap<>();
        List<Budget> order = new ArrayList<>();
        for (BudgetResult result : results) {
            if (result.snapshot() != null) {
                Integer snapshot = snapshotIndex.get(result.snapshot());
                if (snapshot == null) {
                    throw new IllegalArgumentException("a budget result of snapshot " + result.snapshot()
                            + ", which the check did not read");
                }
                byBudget.computeIfAbsent(result.budget(), budget -> {
                    order.add(budget);
                    return new ArrayList<>();
                }).add(new HistoryEntry.Figure(snapshot, result.actualBytes(), result.status().summaryName()));
            }
        }
        List<HistoryEntry.BudgetFigures> budgetFigures = new ArrayList<>(order.size());
        for (Budget budget : order) {
            budgetFigures.add(new HistoryEntry.BudgetFigures(budget.path(), budget.scope().configName(),
                    byBudget.get(budget)));
        }
        return new HistoryEntry(label, time, passed, snapshotFigures, budgetFigures);
    }

    /**
     * The bytes allocated under each top-level directory (the first component of the allocating file), the
     * {@value HistoryFormat#DIRECTORIES} largest by name, the rest under {@value HistoryFormat#OTHER}.
     */
    static Map<String, Long> directories(FoldedSnapshot snapshot) {
        Map<String, Long> bytes = new HashMap<>();
        for (StackTotal stack : snapshot.stacks()) {
            Site site = stack.allocatingSite();
            String directory = site == null ? FlameTree.UNKNOWN : PathNormalizer.firstComponent(site.path());
            bytes.merge(directory, stack.bytes(), Math::addExact);
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(bytes.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> kept = new LinkedHashMap<>();
        long other = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < HistoryFormat.DIRECTORIES) {
                kept.put(sorted.get(i).getKey(), sorted.get(i).getValue());
            } else {
                other = Math.addExact(other, sorted.get(i).getValue());
            }
        }
        if (other > 0) {
            kept.merge(HistoryFormat.OTHER, other, Math::addExact);
        }
        return kept;
    }
}
