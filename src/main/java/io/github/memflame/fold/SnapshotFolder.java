package io.github.memflame.fold;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.TraceSink;
import io.github.memflame.read.Traceback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
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
        // One site per distinct frame: a million distinct tracebacks share a few hundred thousand frames over a
        // few hundred files. Readers intern file names, so a frame's file is found by identity among those few
        // hundred, then its line in that file's table, without hashing or looking up the frame itself.
        Map<String, FileSites> files = new IdentityHashMap<>();
        SiteTable table = new SiteTable();
        // One stack per distinct traceback, as CPython's statistics('traceback') counts them; tracebacks that
        // normalize to the same stack are merged by the views, which sort them anyway.
        List<StackTotal> stacks = new ArrayList<>(totalsByTraceback.size());
        long traces = 0;
        long totalBytes = 0;
        long excludedTraces = 0;
        long excludedBytes = 0;
        for (Map.Entry<Traceback, long[]> entry : totalsByTraceback.entrySet()) {
            Traceback traceback = entry.getKey();
            int[] rootFirst = new int[traceback.depth()];
            for (int i = 0; i < rootFirst.length; i++) {
                Frame frame = traceback.frame(i);
                FileSites sites = files.get(frame.file());
                if (sites == null) {
                    sites = new FileSites(normalizedFiles.computeIfAbsent(frame.file(), normalizer::normalize));
                    files.put(frame.file(), sites);
                }
                rootFirst[rootFirst.length - 1 - i] = sites.id(frame.line(), table);
            }
            long bytes = entry.getValue()[0];
            long count = entry.getValue()[1];
            if (rootFirst.length > 0
                    && isExcluded(table.site(rootFirst[rootFirst.length - 1]).path(), excludeFrames)) {
                excludedTraces += count;
                excludedBytes = Math.addExact(excludedBytes, bytes);
                continue;
            }
            traces += count;
            totalBytes = Math.addExact(totalBytes, bytes);
            stacks.add(new StackTotal(new SiteStack(table, rootFirst), bytes, count));
        }
        return new FoldedSnapshot(name, format, traces, totalBytes, excludedTraces, excludedBytes,
                Collections.unmodifiableList(stacks), Map.of());
    }

    /** The site ids of the lines of one file: in an array while the lines are dense enough, else in a map. */
    private static final class FileSites {
        /** Lines beyond this are never in the array, so that one far line cannot claim memory. */
        private static final int MAX_DENSE_LINE = 1 << 16;
        private final String path;
        /** The id of each line's site plus one; 0 for a line not met yet. */
        private int[] idByLine = new int[64];
        private Map<Integer, Integer> sparse;
        private int count;

        FileSites(String path) {
            this.path = path;
        }

        int id(int line, SiteTable table) {
            if (line >= idByLine.length && line < MAX_DENSE_LINE && line < 16 * (count + 16)) {
                // At most 16 slots per site of the file (and 256 more): memory follows the sites.
                idByLine = Arrays.copyOf(idByLine, Math.min(MAX_DENSE_LINE, Math.max(line + 1, 2 * idByLine.length)));
                if (sparse != null) {
                    for (Iterator<Map.Entry<Integer, Integer>> held = sparse.entrySet().iterator(); held.hasNext(); ) {
                        Map.Entry<Integer, Integer> site = held.next();
                        if (site.getKey() < idByLine.length) {
                            idByLine[site.getKey()] = site.getValue() + 1;
                            held.remove();
                        }
                    }
                }
            }
            if (line >= 0 && line < idByLine.length) {
                if (idByLine[line] == 0) {
                    idByLine[line] = table.add(new Site(path, line)) + 1;
                    count++;
                }
                return idByLine[line] - 1;
            }
            if (sparse == null) {
                sparse = new HashMap<>();
            }
            return sparse.computeIfAbsent(line, l -> {
                count++;
                return table.add(new Site(path, l));
            });
        }
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
