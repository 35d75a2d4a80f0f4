package io.github.memflame.fold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the bytes of each allocation site changed between a baseline snapshot and this run's snapshot of the same
 * name: the figures behind "what grew since the last green build". Sites are matched by their {@code path:line}
 * label, never by function name (a baseline may have none), in a baseline aligned with this run by
 * {@link FrameMatcher} (each moved line then has the line it was on); a trace without frames counts as
 * {@value FlameTree#UNKNOWN}.
 */
public final class SiteChanges {
    private static final Comparator<SiteChange> LARGEST_GROWTH_FIRST =
            Comparator.comparingLong(SiteChange::deltaBytes).reversed().thenComparing(SiteChange::site);

    private SiteChanges() {
    }

    /**
     * Every site of either snapshot with its bytes in both, sorted by change: the largest growth first, the
     * largest shrink last, ties by site. Sites whose bytes did not change are included (delta 0).
     */
    public static List<SiteChange> of(FoldedSnapshot current, FoldedSnapshot baseline) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(baseline, "baseline");
        Map<String, long[]> bytesBySite = new HashMap<>();
        Map<String, String> functions = new HashMap<>();
        collect(current, 1, bytesBySite, functions);
        collect(baseline, 0, bytesBySite, functions);
        Map<String, Integer> wasLines = new HashMap<>();
        baseline.formerLines().forEach((site, line) -> wasLines.put(site.label(), line));
        List<SiteChange> changes = new ArrayList<>(bytesBySite.size());
        for (Map.Entry<String, long[]> site : bytesBySite.entrySet()) {
            long[] bytes = site.getValue();
            changes.add(new SiteChange(site.getKey(), functions.get(site.getKey()), bytes[0], bytes[1],
                    wasLines.get(site.getKey())));
        }
        changes.sort(LARGEST_GROWTH_FIRST);
        return changes;
    }

    /** The first {@code limit} sites that grew, the largest growth first. */
    public static List<SiteChange> growing(List<SiteChange> changes, int limit) {
        return changes.stream().filter(change -> change.deltaBytes() > 0).limit(limit).toList();
    }

    /** The first {@code limit} sites that shrank, the largest shrink first. */
    public static List<SiteChange> shrinking(List<SiteChange> changes, int limit) {
        List<SiteChange> shrunk = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0 && shrunk.size() < limit && changes.get(i).deltaBytes() < 0; i--) {
            shrunk.add(changes.get(i));
        }
        return shrunk;
    }

    /** Adds the snapshot's bytes per site at {@code slot} (0 baseline, 1 this run); this run names functions first. */
    private static void collect(FoldedSnapshot snapshot, int slot, Map<String, long[]> bytesBySite,
                                Map<String, String> functions) {
        for (StackTotal stack : snapshot.stacks()) {
            Site site = stack.allocatingSite();
            String label = site == null ? FlameTree.UNKNOWN : site.label();
            long[] bytes = bytesBySite.computeIfAbsent(label, key -> new long[2]);
            bytes[slot] = Math.addExact(bytes[slot], stack.bytes());
            String function = snapshot.functionAt(site);
            if (function != null) {
                functions.putIfAbsent(label, function);
            }
        }
    }
}
