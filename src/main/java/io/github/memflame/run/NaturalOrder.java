package io.github.memflame.run;

import java.util.Comparator;

/**
 * Names in the order people number them: runs of digits compare as numbers, so {@code scene-2} comes before
 * {@code scene-10}; everything else compares character by character. Names equal but for leading zeros
 * ({@code round-7}, {@code round-07}) and names of different case are ordered by their plain text, so the order
 * is total and the same on every machine.
 */
public final class NaturalOrder implements Comparator<String> {
    /** The one instance: the order has no state. */
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int order = compareNumbers(a, i, endA, b, j, endB);
                if (order != 0) {
                    return order;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int order = Integer.compare(a.length() - i, b.length() - j);
        return order != 0 ? order : a.compareTo(b);
    }

    /** ASCII digits only: other scripts' digits sort as the characters they are. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Compares two digit runs by value, however long (no overflow): fewer significant digits is smaller. */
    private static int compareNumbers(String a, int fromA, int endA, String b, int fromB, int endB) {
        while (fromA < endA - 1 && a.charAt(fromA) == '0') {
            fromA++;
        }
        while (fromB < endB - 1 && b.charAt(fromB) == '0') {
            fromB++;
        }
        int order = Integer.compare(endA - fromA, endB - fromB);
        if (order != 0) {
            return order;
        }
        for (int k = 0; k < endA - fromA; k++) {
            order = Character.compare(a.charAt(fromA + k), b.charAt(fromB + k));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
