package io.github.memflame.fold;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The stacks of one fold in a few arrays: the site ids of every stack one after the other, where each starts, and
 * each one's bytes and traces. A {@link StackTotal} is made when asked. A run of many snapshots holds tens of
 * thousands of stacks each, and three objects per stack would be most of what a collection of its heap walks.
 */
final class FoldedStacks extends AbstractList<StackTotal> implements RandomAccess {
    private final SiteTable table;
    private final int[] ids;
    /** Where stack {@code i} starts in {@link #ids}; one more than the stacks, the last the end of the ids. */
    private final int[] starts;
    private final long[] bytes;
    private final long[] traces;

    private FoldedStacks(SiteTable table, int[] ids, int[] starts, long[] bytes, long[] traces) {
        this.table = table;
        this.ids = ids;
        this.starts = starts;
        this.bytes = bytes;
        this.traces = traces;
    }

    @Override
    public StackTotal get(int index) {
        int from = starts[index];
        return new StackTotal(new SiteStack(table, ids, from, starts[index + 1] - from), bytes[index],
                traces[index]);
    }

    @Override
    public int size() {
        return bytes.length;
    }

    /** The table every stack's site ids refer to. */
    SiteTable table() {
        return table;
    }

    /** The site ids of stack {@code index}, root first, in a new array; empty for a stack without frames. */
    int[] siteIds(int index) {
        return Arrays.copyOfRange(ids, starts[index], starts[index + 1]);
    }

    /** Collects the stacks of one fold, root first, as site ids of {@code table}. */
    static final class Builder {
        private final SiteTable table;
        private int[] ids;
        private int[] starts;
        private long[] bytes;
        private long[] traces;
        private int idCount;
        private int stackCount;

        /**
         * A builder with room for {@code stacks} stacks of {@code ids} ids together: a fold that knows them makes
         * no copies of a worst case's tens of millions of ids while adding them.
         */
        Builder(SiteTable table, int stacks, int ids) {
            this.table = table;
            this.ids = new int[ids];
            this.starts = new int[stacks + 1];
            this.bytes = new long[stacks + 1];
            this.traces = new long[stacks + 1];
        }

        void add(int[] rootFirst, long stackBytes, long stackTraces) {
            if (stackCount + 1 == starts.length) {
                starts = Arrays.copyOf(starts, 2 * starts.length);
                bytes = Arrays.copyOf(bytes, 2 * bytes.length);
                traces = Arrays.copyOf(traces, 2 * traces.length);
            }
            if (idCount + rootFirst.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(2 * ids.length, idCount + rootFirst.length));
            }
            starts[stackCount] = idCount;
            System.arraycopy(rootFirst, 0, ids, idCount, rootFirst.length);
            idCount += rootFirst.length;
            bytes[stackCount] = stackBytes;
            traces[stackCount] = stackTraces;
            stackCount++;
        }

        FoldedStacks build() {
            int[] exactStarts = Arrays.copyOf(starts, stackCount + 1);
            exactStarts[stackCount] = idCount;
            return new FoldedStacks(table, idCount == ids.length ? ids : Arrays.copyOf(ids, idCount), exactStarts,
                    Arrays.copyOf(bytes, stackCount), Arrays.copyOf(traces, stackCount));
        }
    }
}
