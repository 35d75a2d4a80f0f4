package io.github.memflame.fold;

import java.util.Arrays;

/**
 * A stable sort of {@code long} keys by their high 32 bits, least significant byte first. The views sort hundreds of
 * thousands of small numbers once per report, in a JVM that has just started: this loop is compiled at once, where
 * {@link Arrays#sort(long[])} is a large method the JIT compiles several times over while the report waits.
 */
final class RadixSort {
    private RadixSort() {
    }

    /** Sorts {@code keys[from, to)} by {@code key >>> 32}, an unsigned number; keys equal there keep their order. */
    static void byHighInt(long[] keys, int from, int to) {
        long highest = 0;
        for (int i = from; i < to; i++) {
            highest = Math.max(highest, keys[i] >>> 32);
        }
        long[] source = Arrays.copyOfRange(keys, from, to);
        long[] target = new long[source.length];
        int[] starts = new int[257];
        for (int shift = 32; shift < 64 && highest >>> (shift - 32) != 0; shift += 8) {
            Arrays.fill(starts, 0);
            for (long key : source) {
                starts[(int) (key >>> shift & 0xff) + 1]++;
            }
            for (int digit = 0; digit < 256; digit++) {
                starts[digit + 1] += starts[digit];
            }
            for (long key : source) {
                target[starts[(int) (key >>> shift & 0xff)]++] = key;
            }
            long[] sorted = target;
            target = source;
            source = sorted;
        }
        System.arraycopy(source, 0, keys, from, source.length);
    }
}
