package io.github.memflame.fold;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Sorts sequences of label ranks lexicographically, a prefix before its extensions. A view of a million random
 * stacks differs mostly in the first two labels, so the sequences are ordered level by level on primitive keys
 * (the rank at that level and the sequence's index in one {@code long}) rather than by comparing whole arrays
 * millions of times; a group that still shares its labels is ordered on the next level, a small one by comparison.
 */
final class SequenceOrder {
    /** Groups smaller than this are sorted by comparing the rest of their sequences. */
    private static final int SMALL_GROUP = 24;

    private SequenceOrder() {
    }

    /** The indexes of {@code sequences} in lexicographic order; equal sequences are next to each other. */
    static int[] of(int[][] sequences) {
        return of(sequences, null);
    }

    /**
     * The indexes of {@code sequences} in the lexicographic order of their labels' ranks; equal sequences are next to
     * each other.
     *
     * @param rankOfLabel the rank of each label a sequence holds, from 0 to fewer than 2^31 - 1, one label to a rank
     *                    (equal labels are equal ints); {@code null} when the sequences hold the ranks themselves
     */
    static int[] of(int[][] sequences, int[] rankOfLabel) {
        int[] order = new int[sequences.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long[] keys = new long[sequences.length];
        // Explicit work instead of recursion: stacks may be deeper than the JVM's call stack.
        Deque<int[]> groups = new ArrayDeque<>();
        groups.push(new int[] {0, sequences.length, 0});
        while (!groups.isEmpty()) {
            int[] group = groups.pop();
            int from = group[0];
            int to = group[1];
            int level = group[2];
            if (to - from < SMALL_GROUP) {
                sortSmall(sequences, rankOfLabel, order, from, to, level);
                continue;
            }
            level += sharedFrom(sequences, order, from, to, level);
            for (int i = from; i < to; i++) {
                int[] sequence = sequences[order[i]];
                // Rank + 1 at this level, 0 for a sequence that ends before it: it sorts first.
                long rank = level < sequence.length ? rank(sequence[level], rankOfLabel) + 1L : 0;
                keys[i] = rank << 32 | order[i];
            }
            // By rank alone: within a group the sequences are in index order already, and stay so among equals.
            RadixSort.byHighInt(keys, from, to);
            int runStart = from;
            for (int i = from; i <= to; i++) {
                if (i < to) {
                    order[i] = (int) keys[i];
                }
                if (i == to || keys[i] >>> 32 != keys[runStart] >>> 32) {
                    if (i - runStart > 1 && keys[runStart] >>> 32 != 0) {
                        groups.push(new int[] {runStart, i, level + 1});
                    }
                    runStart = i;
                }
            }
        }
        return order;
    }

    /** How many labels from {@code level} on every sequence of the group shares: skipped at once, not level by level. */
    private static int sharedFrom(int[][] sequences, int[] order, int from, int to, int level) {
        int[] first = sequences[order[from]];
        int shared = Math.max(0, first.length - level);
        for (int i = from + 1; i < to && shared > 0; i++) {
            int[] other = sequences[order[i]];
            int mismatch = Arrays.mismatch(first, level, level + shared, other, Math.min(level, other.length),
                    Math.min(level + shared, other.length));
            if (mismatch >= 0) {
                shared = mismatch;
            }
        }
        return shared;
    }

    private static int rank(int label, int[] rankOfLabel) {
        return rankOfLabel == null ? label : rankOfLabel[label];
    }

    /** Insertion sort of {@code order[from, to)} by the sequences from {@code level} on. */
    private static void sortSmall(int[][] sequences, int[] rankOfLabel, int[] order, int from, int to, int level) {
        for (int i = from + 1; i < to; i++) {
            int moving = order[i];
            int[] sequence = sequences[moving];
            int j = i - 1;
            while (j >= from && compareFrom(sequences[order[j]], sequence, rankOfLabel, level) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = moving;
        }
    }

    private static int compareFrom(int[] a, int[] b, int[] rankOfLabel, int level) {
        int aFrom = Math.min(level, a.length);
        int bFrom = Math.min(level, b.length);
        if (rankOfLabel == null) {
            return Arrays.compare(a, aFrom, a.length, b, bFrom, b.length);
        }
        // One label to a rank: the first different label is the first different rank.
        int mismatch = Arrays.mismatch(a, aFrom, a.length, b, bFrom, b.length);
        if (mismatch < 0) {
            return 0;
        }
        if (aFrom + mismatch == a.length || bFrom + mismatch == b.length) {
            return Integer.compare(a.length - aFrom, b.length - bFrom);
        }
        return Integer.compare(rankOfLabel[a[aFrom + mismatch]], rankOfLabel[b[bFrom + mismatch]]);
    }
}
