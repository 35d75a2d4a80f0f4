package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SequenceOrderTest {

    @Test
    void ordersAsComparingWholeArraysDoes() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            // Few ranks and short sequences make long shared prefixes, duplicates and prefixes of others.
            int ranks = 1 + random.nextInt(round % 2 == 0 ? 3 : 1000);
            int[][] sequences = new int[random.nextInt(300)][];
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = random.ints(random.nextInt(8), 0, ranks).toArray();
            }
            assertSorted(sequences, SequenceOrder.of(sequences));
        }
    }

    @Test
    void ordersLabelsByTheirRanks() {
        Random random = new Random(12);
        for (int round = 0; round < 200; round++) {
            int labels = 1 + random.nextInt(round % 2 == 0 ? 3 : 1000);
            // One label to a rank, far apart and in no order of the labels.
            int[] rankOfLabel = IntStream.range(0, labels).map(i -> 1000 * i).toArray();
            for (int i = labels - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = rankOfLabel[i];
                rankOfLabel[i] = rankOfLabel[j];
                rankOfLabel[j] = swap;
            }
            int[][] sequences = new int[random.nextInt(300)][];
            int[][] ranks = new int[sequences.length][];
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = random.ints(random.nextInt(8), 0, labels).toArray();
                ranks[i] = Arrays.stream(sequences[i]).map(label -> rankOfLabel[label]).toArray();
            }
            assertSorted(ranks, SequenceOrder.of(sequences, rankOfLabel));
        }
    }

    @Test
    void ordersSequencesSharingAPrefixDeeperThanTheCallStack() {
        int[][] sequences = new int[100][];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = new int[200_000];
            sequences[i][sequences[i].length - 1] = sequences.length - i;
        }
        int[] order = SequenceOrder.of(sequences);
        assertSorted(sequences, order);
        assertEquals(99, order[0]);
    }

    private static void assertSorted(int[][] sequences, int[] order) {
        Integer[] expected = IntStream.range(0, sequences.length).boxed().toArray(Integer[]::new);
        Arrays.sort(expected, Comparator.comparing(i -> sequences[i], Arrays::compare));
        assertEquals(sequences.length, order.length);
        assertEquals(sequences.length, Arrays.stream(order).distinct().count());
        for (int i = 0; i < order.length; i++) {
            assertEquals(0, Arrays.compare(sequences[expected[i]], sequences[order[i]]), "position " + i);
        }
    }
}
