package io.github.memflame.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scanning eight bytes at a time finds the first byte sought, exactly as a byte-by-byte scan does. */
class ByteScanTest {
    /** The bytes that matter, and those that could fool a word-wide test: zero, one, high bytes of UTF-8. */
    private static final byte[] ALPHABET = {';', '\n', '\r', 0, 1, 2, 0x3a, 0x3c, 0x0b, 0x0c, 0x0e, 0x7f,
        (byte) 0x80, (byte) 0xbb, (byte) 0x8d, (byte) 0x8a, (byte) 0xff, 'a', '9'};

    @Test
    void findsTheFirstSemicolonAndLineEndAsAByteScanDoes() {
        Random random = new Random(11);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            int sparse = 1 + random.nextInt(20);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(sparse) == 0 ? ALPHABET[random.nextInt(3)]
                        : ALPHABET[3 + random.nextInt(ALPHABET.length - 3)];
            }
            for (int from = 0; from <= bytes.length; from++) {
                for (int to = from; to <= bytes.length; to++) {
                    assertEquals(naive(bytes, from, to, true), FoldedStacksReader.ByteScan.semicolon(bytes, from, to));
                    int lineEnd = naive(bytes, from, to, false);
                    assertEquals(lineEnd == to ? -1 : lineEnd, FoldedStacksReader.ByteScan.lineEnd(bytes, from, to));
                }
            }
        }
    }

    private static int naive(byte[] bytes, int from, int to, boolean semicolon) {
        for (int i = from; i < to; i++) {
            if (semicolon ? bytes[i] == ';' : bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return to;
    }
}
