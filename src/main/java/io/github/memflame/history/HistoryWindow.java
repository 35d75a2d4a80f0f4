package io.github.memflame.history;

import io.github.memflame.budget.BudgetResult;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builds a report remembers, oldest first, this build last: what its charts draw and its {@code history}
 * directory holds.
 *
 * @param recorded the entries with their build numbers, oldest first; the last is this build's
 */
public record HistoryWindow(List<HistoryReader.Recorded> recorded) {
    public HistoryWindow {
        recorded = List.copyOf(recorded);
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException("a history window holds at least this build");
        }
    }

    /**
     * The window of the earlier entries read and this build's, which is numbered after the last entry named in
     * the directory (read or not), so that numbers never repeat.
     */
    public static HistoryWindow of(List<HistoryReader.Recorded> earlier, int lastSequence, HistoryEntry current) {
        List<HistoryReader.Recorded> builds = new ArrayList<>(earlier);
        int sequence = lastSequence + 1;
        builds.add(new HistoryReader.Recorded(sequence, HistoryFormat.fileName(sequence), current));
        return new HistoryWindow(builds);
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
        List<HistoryEntry.BudgetFigure> budgetFigures = new ArrayList<>(results.size());
        for (BudgetResult result : results) {
            if (result.snapshot() != null) {
                budgetFigures.add(new HistoryEntry.BudgetFigure(result.budget().path(),
                        result.budget().scope().configName(), result.snapshot(), result.actualBytes(),
                        result.status().summaryName()));
            }
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
            String directory = site == null ? FlameTree.UNKNOWN : PathNormalizer.components(site.path()).get(0);
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
