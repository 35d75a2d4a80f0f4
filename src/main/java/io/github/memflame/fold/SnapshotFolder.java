package io.github.memflame.fold;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.FrameIdSink;
import io.github.memflame.read.Traceback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects the traces of one dump per interned traceback, then normalizes each distinct frame once.
 * Work and memory grow with the distinct tracebacks and frames, not with the traces.
 *
 * <p>Readers of pickles and folded text hand over frame ids and stack ids numbered here ({@link FrameIdSink}):
 * a frame is found by its file, then by its line in that file's table, a stack by its ids once per traceback the
 * reader builds, and a trace by its stack id alone. A reader of {@link Traceback}s (JSON) has each one turned into
 * frame ids when it is first seen, while the reader has just touched its frames.
 */
public final class SnapshotFolder implements FrameIdSink {
    private final Runnable eachTrace;
    private final Map<Traceback, Totals> totalsByTraceback = new IdentityHashMap<>();
    private final StackTable totalsByStack = new StackTable();
    private final Map<String, FileLines> files = new IdentityHashMap<>();
    /** The file and line of each frame id. */
    private FileLines[] fileOfFrame = new FileLines[1024];
    private int[] lineOfFrame = new int[1024];
    private int frames;
    private long runningTotalBytes;

    public SnapshotFolder() {
        this(() -> { });
    }

    /** @param eachTrace told of every trace as it is collected (progress of a long read) */
    public SnapshotFolder(Runnable eachTrace) {
        this.eachTrace = Objects.requireNonNull(eachTrace, "eachTrace");
    }

    /**
     * {@inheritDoc} The snapshot's running total is checked here, while the reader still knows the position, so
     * that no later sum of a subset of the traces can overflow.
     */
    @Override
    public void trace(long sizeBytes, Traceback traceback) {
        runningTotalBytes = Math.addExact(runningTotalBytes, sizeBytes);
        Totals totals = totalsByTraceback.get(traceback);
        if (totals == null) {
            totals = new Totals(frameIds(traceback));
            totalsByTraceback.put(traceback, totals);
        }
        totals.bytes = Math.addExact(totals.bytes, sizeBytes);
        totals.traces++;
        eachTrace.run();
    }

    @Override
    public FileFrames file(String file) {
        FileLines lines = files.get(file);
        if (lines == null) {
            lines = new FileLines(file);
            files.put(file, lines);
        }
        FileLines found = lines;
        return line -> found.id(line, this);
    }

    @Override
    public int stackId(int[] frameIdsMostRecentFirst, int depth) {
        return totalsByStack.id(frameIdsMostRecentFirst, depth);
    }

    /** {@inheritDoc} The running total is checked as for a traceback. */
    @Override
    public void trace(long sizeBytes, int stackId) {
        runningTotalBytes = Math.addExact(runningTotalBytes, sizeBytes);
        totalsByStack.addTrace(stackId, sizeBytes);
        eachTrace.run();
    }

    /**
     * Normalizes the collected traces.
     *
     * @param excludeFrames a trace whose allocating frame matches one of these is left out, as
     *                      {@code tracemalloc.Filter(False, pattern)} does; it is counted as excluded
     */
    public FoldedSnapshot fold(String name, DumpFormat format, PathNormalizer normalizer, List<PathGlob> excludeFrames) {
        // One site per distinct frame, its id the frame's: stacks of frame ids are stacks of site ids.
        Map<FileLines, String> normalizedFiles = new IdentityHashMap<>();
        SiteTable table = new SiteTable();
        for (int frame = 0; frame < frames; frame++) {
            String path = normalizedFiles.computeIfAbsent(fileOfFrame[frame], file -> normalizer.normalize(file.name));
            table.add(new Site(path, lineOfFrame[frame]));
        }
        // One stack per distinct traceback, as CPython's statistics('traceback') counts them; tracebacks that
        // normalize to the same stack are merged by the views, which sort them anyway.
        List<StackTotal> stacks = new ArrayList<>(totalsByTraceback.size() + totalsByStack.size());
        long traces = 0;
        long totalBytes = 0;
        long excludedTraces = 0;
        long excludedBytes = 0;
        List<Totals> distinct = new ArrayList<>(totalsByTraceback.values());
        totalsByStack.addTo(distinct);
        for (Totals totals : distinct) {
            if (totals.traces == 0) {
                continue;  // a stack a reader built but no trace used
            }
            int[] rootFirst = totals.rootFirst;
            if (rootFirst.length > 0
                    && isExcluded(table.site(rootFirst[rootFirst.length - 1]).path(), excludeFrames)) {
                excludedTraces += totals.traces;
                excludedBytes = Math.addExact(excludedBytes, totals.bytes);
                continue;
            }
            traces += totals.traces;
            totalBytes = Math.addExact(totalBytes, totals.bytes);
            stacks.add(new StackTotal(new SiteStack(table, rootFirst), totals.bytes, totals.traces));
        }
        return new FoldedSnapshot(name, format, traces, totalBytes, excludedTraces, excludedBytes,
                Collections.unmodifiableList(stacks), Map.of());
    }

    private int[] frameIds(Traceback traceback) {
        int[] rootFirst = new int[traceback.depth()];
        for (int i = 0; i < rootFirst.length; i++) {
            Frame frame = traceback.frame(i);
            FileLines lines = files.get(frame.file());
            if (lines == null) {
                lines = new FileLines(frame.file());
                files.put(frame.file(), lines);
            }
            rootFirst[rootFirst.length - 1 - i] = lines.id(frame.line(), this);
        }
        return rootFirst;
    }

    /** A new frame id for a line of a file. */
    private int newFrame(FileLines file, int line) {
        if (frames == fileOfFrame.length) {
            fileOfFrame = Arrays.copyOf(fileOfFrame, 2 * frames);
            lineOfFrame = Arrays.copyOf(lineOfFrame, 2 * frames);
        }
        fileOfFrame[frames] = file;
        lineOfFrame[frames] = line;
        return frames++;
    }

    private static boolean isExcluded(String path, List<PathGlob> excludeFrames) {
        for (PathGlob glob : excludeFrames) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** The traces of one distinct traceback, and its frames as ids, root first. */
    private static final class Totals {
        final int[] rootFirst;
        final int hash;
        long bytes;
        long traces;

        Totals(int[] rootFirst) {
            this(rootFirst, 0);
        }

        Totals(int[] rootFirst, int hash) {
            this.rootFirst = rootFirst;
            this.hash = hash;
        }
    }

    /**
     * The stacks handed over as frame ids, numbered in the order they are first met: open addressing over one array
     * of ids, so that a million distinct stacks cost one probe each and no key object per lookup, and a trace
     * adds to its stack's totals by the id alone, in arrays of numbers rather than in the stack's object scattered
     * on the heap (a trace of a large dump is otherwise a cache miss).
     */
    private static final class StackTable {
        /** The id of the stack in each slot plus one; 0 for an empty slot. */
        private int[] slots = new int[1024];
        private Totals[] byId = new Totals[256];
        private long[] bytesById = new long[256];
        private long[] tracesById = new long[256];
        private int size;

        int size() {
            return size;
        }

        void addTrace(int id, long sizeBytes) {
            if (id < 0 || id >= size) {
                throw new IllegalArgumentException("no stack " + id + " (" + size + " stacks)");
            }
            bytesById[id] = Math.addExact(bytesById[id], sizeBytes);
            tracesById[id]++;
        }

        /** The id of the stack, numbered (with zero traces) when it is new. */
        int id(int[] idsMostRecentFirst, int depth) {
            int hash = depth;
            for (int i = 0; i < depth; i++) {
                hash = 31 * hash + idsMostRecentFirst[i];
            }
            hash ^= hash >>> 16;
            int mask = slots.length - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                int held = slots[slot] - 1;
                if (held < 0) {
                    return add(slot, idsMostRecentFirst, depth, hash);
                }
                Totals totals = byId[held];
                if (totals.hash == hash && isStack(totals.rootFirst, idsMostRecentFirst, depth)) {
                    return held;
                }
            }
        }

        private static boolean isStack(int[] rootFirst, int[] idsMostRecentFirst, int depth) {
            if (rootFirst.length != depth) {
                return false;
            }
            for (int i = 0; i < depth; i++) {
                if (rootFirst[depth - 1 - i] != idsMostRecentFirst[i]) {
                    return false;
                }
            }
            return true;
        }

        private int add(int slot, int[] idsMostRecentFirst, int depth, int hash) {
            int[] rootFirst = new int[depth];
            for (int i = 0; i < depth; i++) {
                rootFirst[depth - 1 - i] = idsMostRecentFirst[i];
            }
            if (size == byId.length) {
                byId = Arrays.copyOf(byId, 2 * size);
                bytesById = Arrays.copyOf(bytesById, 2 * size);
                tracesById = Arrays.copyOf(tracesById, 2 * size);
            }
            byId[size] = new Totals(rootFirst, hash);
            slots[slot] = ++size;
            if (size > slots.length / 2) {
                grow();
            }
            return size - 1;
        }

        private void grow() {
            slots = new int[slots.length * 2];
            int mask = slots.length - 1;
            for (int id = 0; id < size; id++) {
                int slot = byId[id].hash & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = id + 1;
            }
        }

        /** Adds every stack to {@code all} with its totals. */
        void addTo(List<Totals> all) {
            for (int id = 0; id < size; id++) {
                byId[id].bytes = bytesById[id];
                byId[id].traces = tracesById[id];
                all.add(byId[id]);
            }
        }
    }

    /** The frame ids of the lines of one file: in an array while the lines are dense enough, else in a map. */
    private static final class FileLines {
        /** Lines beyond this are never in the array, so that one far line cannot claim memory. */
        private static final int MAX_DENSE_LINE = 1 << 16;
        final String name;
        /** The id of each line's frame plus one; 0 for a line not met yet. */
        private int[] idByLine = new int[64];
        private Map<Integer, Integer> sparse;
        private int count;

        FileLines(String name) {
            this.name = name;
        }

        int id(int line, SnapshotFolder folder) {
            if (line >= idByLine.length && line < MAX_DENSE_LINE && line < 16 * (count + 16)) {
                // At most 16 slots per frame of the file (and 256 more): memory follows the frames.
                idByLine = Arrays.copyOf(idByLine, Math.min(MAX_DENSE_LINE, Math.max(line + 1, 2 * idByLine.length)));
                if (sparse != null) {
                    for (Iterator<Map.Entry<Integer, Integer>> held = sparse.entrySet().iterator(); held.hasNext(); ) {
                        Map.Entry<Integer, Integer> frame = held.next();
                        if (frame.getKey() < idByLine.length) {
                            idByLine[frame.getKey()] = frame.getValue() + 1;
                            held.remove();
                        }
                    }
                }
            }
            if (line >= 0 && line < idByLine.length) {
                if (idByLine[line] == 0) {
                    idByLine[line] = folder.newFrame(this, line) + 1;
                    count++;
                }
                return idByLine[line] - 1;
            }
            if (sparse == null) {
                sparse = new HashMap<>();
            }
            return sparse.computeIfAbsent(line, l -> {
                count++;
                return folder.newFrame(this, l);
            });
        }
    }
}
