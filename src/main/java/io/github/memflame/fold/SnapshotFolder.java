package io.github.memflame.fold;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.TraceSink;
import io.github.memflame.read.Traceback;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the traces of one dump per interned traceback, then normalizes each distinct traceback once.
 * Work and memory grow with the distinct tracebacks, not with the traces.
 */
public final class SnapshotFolder implements TraceSink {
    private final Map<Traceback, long[]> totalsByTraceback = new IdentityHashMap<>();
    private long runningTotalBytes;

    /**
     * {@inheritDoc} The snapshot's running total is checked here, while the reader still knows the position, so
     * that no later sum of a subset of the traces can overflow.
     */
    @Override
    public void trace(long sizeBytes, Traceback traceback) {
        runningTotalBytes = Math.addExact(runningTotalBytes, sizeBytes);
        long[] totals = totalsByTraceback.computeIfAbsent(traceback, t -> new long[2]);
        totals[0] = Math.addExact(totals[0], sizeBytes);
        totals[1]++;
    }

    /** {@link #fold(String, DumpFormat, PathNormalizer, List, FunctionNamer)} naming no function. */
    public FoldedSnapshot fold(String name, DumpFormat format, PathNormalizer normalizer, List<PathGlob> excludeFrames) {
        return fold(name, format, normalizer, excludeFrames, FunctionNamer.NONE);
    }

    /**
     * Normalizes the collected traces and names the function of every site of the traces counted.
     *
     * @param excludeFrames a trace whose allocating frame matches one of these is left out, as
     *                      {@code tracemalloc.Filter(False, pattern)} does; it is counted as excluded
     * @param namer asked once per distinct site of the counted traces (not of excluded ones)
     */
    public FoldedSnapshot fold(String name, DumpFormat format, PathNormalizer normalizer, List<PathGlob> excludeFrames,
                               FunctionNamer namer) {
        Map<String, String> normalizedFiles = new HashMap<>();
        // One Site per distinct frame: a million distinct tracebacks share a few thousand frames.
        Map<Frame, Site> sites = new HashMap<>();
        Map<List<Site>, long[]> byStack = new LinkedHashMap<>();
        long traces = 0;
        long totalBytes = 0;
        long excludedTraces = 0;
        long excludedBytes = 0;
        for (Map.Entry<Traceback, long[]> entry : totalsByTraceback.entrySet()) {
            List<Site> rootFirst = normalize(entry.getKey(), normalizer, normalizedFiles, sites);
            long bytes = entry.getValue()[0];
            long count = entry.getValue()[1];
            if (!rootFirst.isEmpty() && isExcluded(rootFirst.get(rootFirst.size() - 1).path(), excludeFrames)) {
                excludedTraces += count;
                excludedBytes = Math.addExact(excludedBytes, bytes);
                continue;
            }
            traces += count;
            totalBytes = Math.addExact(totalBytes, bytes);
            long[] totals = byStack.computeIfAbsent(rootFirst, s -> new long[2]);
            totals[0] = Math.addExact(totals[0], bytes);
            totals[1] += count;
        }
        List<StackTotal> stacks = new ArrayList<>(byStack.size());
        byStack.forEach((stack, totals) -> stacks.add(new StackTotal(stack, totals[0], totals[1])));
        return new FoldedSnapshot(name, format, traces, totalBytes, excludedTraces, excludedBytes,
                Collections.unmodifiableList(stacks), functionNames(byStack.keySet(), namer));
    }

    private static Map<Site, String> functionNames(Set<List<Site>> stacks, FunctionNamer namer) {
        if (namer == FunctionNamer.NONE) {
            return Map.of();
        }
        Set<Site> asked = new HashSet<>();
        Map<Site, String> names = new HashMap<>();
        for (List<Site> stack : stacks) {
            for (Site site : stack) {
                if (asked.add(site)) {
                    String function = namer.functionAt(site.path(), site.line());
                    if (function != null) {
                        names.put(site, function);
                    }
                }
            }
        }
        return Collections.unmodifiableMap(names);
    }

    private static List<Site> normalize(Traceback traceback, PathNormalizer normalizer,
                                        Map<String, String> normalizedFiles, Map<Frame, Site> sites) {
        Site[] rootFirst = new Site[traceback.depth()];
        for (int i = 0; i < rootFirst.length; i++) {
            Frame frame = traceback.frame(i);
            rootFirst[rootFirst.length - 1 - i] = sites.computeIfAbsent(frame, f -> new Site(
                    normalizedFiles.computeIfAbsent(f.file(), normalizer::normalize), f.line()));
        }
        return List.of(rootFirst);
    }

    private static boolean isExcluded(String path, List<PathGlob> excludeFrames) {
        for (PathGlob glob : excludeFrames) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
