package io.github.memflame.fold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides which frame of a baseline snapshot is which frame of this run's, so that an edit that moves lines does
 * not show as growth: a frame of this run is the same as a baseline frame when, in this order,
 * <ol>
 *   <li>they have the same path, function and line text ({@link FrameIdentity#textFingerprint}), and that text is
 *       the only one of its kind in that function in both runs; else</li>
 *   <li>they have the same path, function and place within it ({@link FrameIdentity#lineInFunction}); else</li>
 *   <li>they have the same {@code path:line}.</li>
 * </ol>
 * A baseline frame whose line this run did not reach (it allocates nothing now, nor calls what does) is looked up
 * in this run's sources by the same first two rules ({@link LineFinder}): found, it is that line, with no bytes in
 * this run, rather than a line gone.
 * A frame matches at most one frame of the other run. Frames without an identity (no sources, a baseline written
 * before identities were recorded) match by the third rule alone.
 *
 * <p>The result is the baseline aligned with this run: each matched baseline frame takes the {@code path:line} of
 * the frame it matches, so that everything that compares the two snapshots by {@code path:line} (the lines that
 * grew, the differential graphs) compares matched frames. No figure is changed: each baseline trace keeps its bytes
 * and its path, only its lines' numbers change, so a budget measures the aligned baseline exactly as the baseline.
 * A baseline frame that matches nothing keeps its {@code path:line}, unless a frame of this run that matched
 * another baseline frame has it: then it becomes its path without a line ({@code path}, as a frame whose line is
 * unknown), so that its bytes are not taken for that frame's.
 */
public final class FrameMatcher {
    private FrameMatcher() {
    }

    /**
     * The baseline aligned with this run, {@link FoldedSnapshot#formerLines()} saying the line each moved frame had
     * in it; the baseline itself when no frame moved.
     */
    public static FoldedSnapshot align(FoldedSnapshot current, FoldedSnapshot baseline) {
        return align(current, baseline, (path, identity, byText) -> null);
    }

    /**
     * As {@link #align(FoldedSnapshot, FoldedSnapshot)}, a baseline frame this run has no frame for looked up in
     * this run's sources by {@code finder}.
     */
    public static FoldedSnapshot align(FoldedSnapshot current, FoldedSnapshot baseline, LineFinder finder) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(baseline, "baseline");
        if (current.frameIdentities().isEmpty() || baseline.frameIdentities().isEmpty()) {
            // By path:line alone every frame is the frame of the same label: the baseline is aligned as it is.
            return baseline;
        }
        Set<Site> currentSites = sites(current);
        Set<Site> baselineSites = sites(baseline);
        Map<Site, Site> matched = new HashMap<>();
        Set<Site> taken = new HashSet<>();
        for (boolean byText : new boolean[] {true, false}) {
            matchUnique(current, currentSites, baseline, baselineSites, matched, taken, byText);
            findInSources(baseline, baselineSites, matched, taken, finder, byText);
        }
        Map<Site, Site> relabel = new HashMap<>();
        Map<Site, Integer> formerLines = new HashMap<>();
        Map<Site, Integer> goneAt = new HashMap<>();
        for (Site site : baselineSites) {
            Site target = matched.get(site);
            if (target == null && currentSites.contains(site) && !taken.contains(site)) {
                target = site;
            } else if (target == null && currentSites.contains(site)) {
                target = new Site(site.path(), 0);
                goneAt.merge(target, 1, Integer::sum);
            }
            if (target != null && !target.equals(site)) {
                relabel.put(site, target);
                formerLines.put(target, site.line());
            }
        }
        // Several lines gone from one file share its line-less frame: no one line was there.
        goneAt.forEach((site, count) -> {
            if (count > 1) {
                formerLines.remove(site);
            }
        });
        if (relabel.isEmpty()) {
            return baseline;
        }
        List<StackTotal> stacks = new ArrayList<>(baseline.stacks().size());
        for (StackTotal stack : baseline.stacks()) {
            stacks.add(relabelled(stack, relabel));
        }
        return new FoldedSnapshot(baseline.name(), baseline.format(), baseline.traces(), baseline.totalBytes(),
                baseline.excludedTraces(), baseline.excludedBytes(), stacks,
                relabelled(baseline.functionNames(), relabel), relabelled(baseline.frameIdentities(), relabel),
                Collections.unmodifiableMap(formerLines));
    }

    /**
     * Matches the frames of one path and function that share a key, the text's fingerprint ({@code byText}) or the
     * place in the function, where each run has exactly one frame of that key, neither matched yet.
     */
    private static void matchUnique(FoldedSnapshot current, Set<Site> currentSites, FoldedSnapshot baseline,
                                    Set<Site> baselineSites, Map<Site, Site> matched, Set<Site> taken,
                                    boolean byText) {
        Map<List<Object>, Site> currentByKey = byKey(current, currentSites, byText, taken);
        Map<List<Object>, Site> baselineByKey = byKey(baseline, baselineSites, byText, matched.keySet());
        baselineByKey.forEach((key, site) -> {
            Site target = currentByKey.get(key);
            if (site != null && target != null) {
                matched.put(site, target);
                taken.add(target);
            }
        });
    }

    /** Matches the baseline frames not matched yet to the lines of this run's sources that {@code finder} finds. */
    private static void findInSources(FoldedSnapshot baseline, Set<Site> baselineSites, Map<Site, Site> matched,
                                      Set<Site> taken, LineFinder finder, boolean byText) {
        for (Site site : baselineSites) {
            FrameIdentity identity = baseline.frameIdentities().get(site);
            if (identity == null || matched.containsKey(site)) {
                continue;
            }
            Integer line = finder.lineNow(site.path(), identity, byText);
            Site target = line == null ? null : new Site(site.path(), line);
            if (target != null && taken.add(target)) {
                matched.put(site, target);
            }
        }
    }

    /** Finds where a baseline frame's line is in this run's sources. */
    @FunctionalInterface
    public interface LineFinder {
        /**
         * @param byText find the line of its function with its text, else the one at its place in its function
         * @return the line, or {@code null} when the sources cannot say, or there is none or several
         */
        Integer lineNow(String path, FrameIdentity identity, boolean byText);
    }

    /** The one frame of each key, or {@code null} for a key that several frames share. */
    private static Map<List<Object>, Site> byKey(FoldedSnapshot snapshot, Set<Site> sites, boolean byText,
                                                Set<Site> already) {
        Map<List<Object>, Site> byKey = new HashMap<>();
        for (Site site : sites) {
            FrameIdentity identity = snapshot.frameIdentities().get(site);
            if (identity == null || already.contains(site) || byText && identity.textFingerprint() == null) {
                continue;
            }
            List<Object> key = List.of(site.path(), identity.function(),
                    byText ? identity.textFingerprint() : identity.lineInFunction());
            byKey.put(key, byKey.containsKey(key) ? null : site);
        }
        return byKey;
    }

    private static Set<Site> sites(FoldedSnapshot snapshot) {
        Set<Site> sites = new LinkedHashSet<>();
        for (StackTotal stack : snapshot.stacks()) {
            sites.addAll(stack.rootFirst());
        }
        return sites;
    }

    private static StackTotal relabelled(StackTotal stack, Map<Site, Site> relabel) {
        List<Site> sites = null;
        for (int i = 0; i < stack.rootFirst().size(); i++) {
            Site target = relabel.get(stack.rootFirst().get(i));
            if (target != null) {
                if (sites == null) {
                    sites = new ArrayList<>(stack.rootFirst());
                }
                sites.set(i, target);
            }
        }
        return sites == null ? stack : new StackTotal(sites, stack.bytes(), stack.traces());
    }

    private static <V> Map<Site, V> relabelled(Map<Site, V> bySite, Map<Site, Site> relabel) {
        Map<Site, V> moved = new HashMap<>();
        // Only lines gone from one file can end up on one site (its line-less frame): the first one's value stays.
        bySite.forEach((site, value) -> moved.putIfAbsent(relabel.getOrDefault(site, site), value));
        return Collections.unmodifiableMap(moved);
    }
}
