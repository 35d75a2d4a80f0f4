package io.github.memflame.fold;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.TraceSink;
import io.github.memflame.read.Traceback;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Normalizes the collected traces.
     *
     * @param excludeFrames a trace whose allocating frame matches one of these is left out, as
     *                      {@code tracemalloc.Filter(False, pattern)} does; it is counted as excluded
     */
    public FoldedSnapshot fold(String name, DumpFormat format, PathNormalizer normalizer, List<PathGlob> excludeFrames) {
        Map<String, String> normalizedFiles = new HashMap<>();
        // One Site per distinct frame: a million distinct tracebacks share a few thousand frames. Readers intern
        // frames, so they are found by identity without hashing their file names.
        Map<Frame, Site> sites = new IdentityHashMap<>();
        // One stack per distinct traceback, as CPython's statistics('traceback') counts them; tracebacks that
        // normalize to the same stack are merged by the views, which sort them anyway.
        List<StackTotal> stacks = new ArrayList<>(totalsByTraceback.size());
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
            stacks.add(new StackTotal(rootFirst, bytes, count));
        }
        return new FoldedSnapshot(name, format, traces, totalBytes, excludedTraces, excludedBytes,
                Collections.unmodifiableList(stacks), Map.of());
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
