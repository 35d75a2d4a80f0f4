package io.github.memflame.fold;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.FrameIdSink;
import io.github.memflame.read.Traceback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    /** The frame ids of lines that are not in their file's array. */
    private final LineTable sparseLines = new LineTable();
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
            lines = new FileLines(file, files.size());
            files.put(file, lines);
        }
        return lines;
    }

    /**
     * {@inheritDoc} Every frame's line slot is read first, then the frames not found there are looked up in
     * order: among millions of distinct lines each slot is a cache miss, and reads that do not wait for each other
     * overlap.
     */
    @Override
    public void frameIds(FileFrames[] files, long[] keys, int from, int count, int[] frameIds) {
        for (int i = 0; i < count; i++) {
            long key = keys[from + i];
            frameIds[i] = files[(int) (key >>> 32)] instanceof FileLines lines ? lines.held((int) key) : -1;
        }
        for (int i = 0; i < count; i++) {
            if (frameIds[i] < 0) {
                long key = keys[from + i];
                frameIds[i] = files[(int) (key >>> 32)].frameId((int) key);
            }
        }
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
        // One site per distinct frame, its id the frame's: stacks of frame ids are stacks of site ids. Each file's
        // path is normalized once, and found again by the file's number: millions of frames then cost no lookup
        // in a map each.
        String[] pathOfFile = new String[files.size()];
        Set<String> distinctPaths = new HashSet<>();
        SiteTable table = new SiteTable(frames);
        for (int frame = 0; frame < frames; frame++) {
            FileLines file = fileOfFrame[frame];
            String path = pathOfFile[(int) file.number];
            if (path == null) {
                path = normalizer.normalize(file.name);
                pathOfFile[(int) file.number] = path;
                distinctPaths.add(path);
            }
            table.add(path, lineOfFrame[frame]);
        }
        // A frame is a distinct line of its file: its site is distinct unless two files normalize to one path.
        table.complete(distinctPaths.size() == Arrays.stream(pathOfFile).filter(Objects::nonNull).count());
        // One stack per distinct traceback, as CPython's statistics('traceback') counts them; tracebacks that
        // normalize to the same stack are merged by the views, which sort them anyway.
        long traces = 0;
        long totalBytes = 0;
        long excludedTraces = 0;
        long excludedBytes = 0;
        List<Totals> distinct = new ArrayList<>(totalsByTraceback.values());
        totalsByStack.addTo(distinct);
        int ids = 0;
        for (Totals totals : distinct) {
            ids = Math.addExact(ids, totals.rootFirst.length);
        }
        FoldedStacks.Builder stacks = new FoldedStacks.Builder(table, distinct.size(), ids);
        for (Totals totals : distinct) {
            if (totals.traces == 0) {
                continue;  // a stack a reader built but no trace used
            }
            int[] rootFirst = totals.rootFirst;
            if (rootFirst.length > 0
                    && isExcluded(table.path(rootFirst[rootFirst.length - 1]), excludeFrames)) {
                excludedTraces += totals.traces;
                excludedBytes = Math.addExact(excludedBytes, totals.bytes);
                continue;
            }
            traces += totals.traces;
            totalBytes = Math.addExact(totalBytes, totals.bytes);
            stacks.add(rootFirst, totals.bytes, totals.traces);
        }
        return new FoldedSnapshot(name, format, traces, totalBytes, excludedTraces, excludedBytes,
                stacks.build(), Map.of());
    }

    private int[] frameIds(Traceback traceback) {
        int[] rootFirst = new int[traceback.depth()];
        for (int i = 0; i < rootFirst.length; i++) {
            Frame frame = traceback.frame(i);
            FileLines lines = files.get(frame.file());
            if (lines == null) {
                lines = new FileLines(frame.file(), files.size());
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

    /**
     * The frame ids of the lines of one file: in an array of its own while its lines are dense enough, else in the
     * folder's table shared by all files. A dump over hundreds of thousands of files, each with a few lines, then
     * holds one shared table, not a map or an array per file.
     */
    private final class FileLines implements FileFrames {
        /** Lines beyond this are never in the array, so that one far line cannot claim memory. */
        private static final int MAX_DENSE_LINE = 1 << 16;
        private static final int[] NO_LINES = new int[0];
        final String name;
        /** This file's number, part of its lines' keys in the shared table. */
        private final long number;
        /** The id of each line's frame plus one; 0 for a line not met yet. */
        private int[] idByLine = NO_LINES;
        // The array's length, kept here too: on dumps of millions of distinct lines each lookup would otherwise
        // miss the cache twice, once on the array's header and once on the line's slot.
        private int denseLines;
        private int count;
        /** How many of this file's lines the array may yet reach are in the shared table. */
        private int sparseBeyond;

        FileLines(String name, int number) {
            this.name = name;
            this.number = number;
        }

        @Override
        public int frameId(int line) {
            return id(line, SnapshotFolder.this);
        }

        /** The id of a line found in the array, without adding it; -1 for any other. */
        int held(int line) {
            return line >= 0 && line < denseLines ? idByLine[line] - 1 : -1;
        }

        int id(int line, SnapshotFolder folder) {
            if (line >= denseLines && line < MAX_DENSE_LINE && line < 6 * count + 32) {
                // At most 6 slots per frame of the file (and 32 more), about what the shared table spends on one:
                // memory follows the frames.
                grow(Math.min(MAX_DENSE_LINE, Math.max(line + 1, 2 * denseLines)), folder.sparseLines);
            }
            if (line >= 0 && line < denseLines) {
                int held = idByLine[line];
                if (held != 0) {
                    return held - 1;
                }
                // Every line of the array's range that the shared table holds was moved into the array: a new line.
                int id = folder.newFrame(this, line);
                count++;
                idByLine[line] = id + 1;
                return id;
            }
            long key = key(line);
            int id = folder.sparseLines.get(key);
            if (id < 0) {
                id = folder.newFrame(this, line);
                count++;
                folder.sparseLines.put(key, id);
                if (line >= 0 && line < MAX_DENSE_LINE) {
                    sparseBeyond++;
                }
            }
            return id;
        }

        private long key(int line) {
            return number << 32 | line & 0xFFFFFFFFL;
        }

        /**
         * Lengthens the array and moves into it the lines of the shared table it now reaches, so that a line in the
         * array's range that the array lacks is new: a new frame then costs no lookup in the shared table, and the
         * moving looks up lines one after the other, lookups that overlap.
         */
        private void grow(int length, LineTable sparseLines) {
            int from = denseLines;
            idByLine = Arrays.copyOf(idByLine, length);
            denseLines = length;
            for (int line = from; line < length && sparseBeyond > 0; line++) {
                int id = sparseLines.get(key(line));
                if (id >= 0) {
                    idByLine[line] = id + 1;
                    sparseBeyond--;
                }
            }
        }
    }

    /** Frame ids by file number and line, open addressing over two arrays: no object per entry. */
    private static final class LineTable {
        private long[] keys = new long[1 << 10];
        private int[] ids = filled(1 << 10);
        private int size;

        private static int[] filled(int length) {
            int[] empty = new int[length];
            Arrays.fill(empty, -1);
            return empty;
        }

        private static int slot(long key, int mask) {
            long mixed = key * 0x9E3779B97F4A7C15L;
            return (int) (mixed ^ mixed >>> 32) & mask;
        }

        /** The id of a key, or -1. */
        int get(long key) {
            int mask = ids.length - 1;
            for (int i = slot(key, mask); ids[i] >= 0; i = i + 1 & mask) {
                if (keys[i] == key) {
                    return ids[i];
                }
            }
            return -1;
        }

        /** Adds a key that is not in the table. */
        void put(long key, int id) {
            if (2 * (size + 1) > ids.length) {
                long[] oldKeys = keys;
                int[] oldIds = ids;
                keys = new long[2 * oldKeys.length];
                ids = filled(2 * oldIds.length);
                for (int i = 0; i < oldIds.length; i++) {
                    if (oldIds[i] >= 0) {
                        insert(oldKeys[i], oldIds[i]);
                    }
                }
            }
            insert(key, id);
            size++;
        }

        private void insert(long key, int id) {
            int mask = ids.length - 1;
            int i = slot(key, mask);
            while (ids[i] >= 0) {
                i = i + 1 & mask;
            }
            keys[i] = key;
            ids[i] = id;
        }
    }
}
