package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The radix sort orders as a stable comparison sort on the unsigned high 32 bits does. */
class RadixSortTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 24, 255, 256, 1000, 100_000})
    void sortsStablyByTheHighBitsOnly(int length) {
        Random random = new Random(length);
        for (int bound : new int[] {1, 7, 300, 70_000, Integer.MAX_VALUE}) {
            long[] keys = new long[length + 6];
            for (int i = 0; i < keys.length; i++) {
                // The low half numbers the keys, so that a reordering of equal high halves shows.
                keys[i] = (long) random.nextInt(bound) << 32 | i;
            }
            keys[length / 2] = -1L << 32 | length / 2;  // a high half of 2^32 - 1, above every int
            Long[] expected = Arrays.stream(keys, 3, keys.length - 3).boxed().toArray(Long[]::new);
            Arrays.sort(expected, Comparator.comparingLong(key -> key >>> 32));  // stable

            long[] sorted = keys.clone();
            RadixSort.byHighInt(sorted, 3, sorted.length - 3);

            assertArrayEquals(Arrays.copyOfRange(keys, 0, 3), Arrays.copyOfRange(sorted, 0, 3), "before the range");
            assertArrayEquals(Arrays.stream(expected).mapToLong(Long::longValue).toArray(),
                    Arrays.copyOfRange(sorted, 3, sorted.length - 3));
            assertArrayEquals(Arrays.copyOfRange(keys, keys.length - 3, keys.length),
                    Arrays.copyOfRange(sorted, sorted.length - 3, sorted.length), "after the range");
        }
    }
}
