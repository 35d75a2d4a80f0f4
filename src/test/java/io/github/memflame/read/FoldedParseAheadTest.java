package io.github.memflame.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Folded stacks split on a thread of their own while the caller numbers them give the sink the same calls in the
 * same order, and the same errors, as when one thread does both; and a caller that stops stops the parser.
 */
class FoldedParseAheadTest {

    /** What one mode of the reader did: its calls, and the error it ended with, if any. */
    private static List<String> read(byte[] text, boolean parseAhead) throws IOException {
        FrameIdCallLog log = new FrameIdCallLog();
        try {
            new FoldedStacksReader(parseAhead).read(new ByteArrayInputStream(text), "s.folded", new Interner(), log);
        } catch (DumpFormatException e) {
            log.calls.add("refused: " + e.getMessage());
        }
        return log.calls;
    }

    private static void assertSameEitherWay(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> alone = read(bytes, false);
        assertEquals(alone, read(bytes, true));
    }

    /** Many batches: more stacks than one holds, deep stacks, frames repeated, paths met late. */
    private static String manyStacks(int stacks, int maxDepth, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < stacks; s++) {
            int depth = 1 + random.nextInt(maxDepth);
            for (int d = 0; d < depth; d++) {
                text.append(d == 0 ? "" : ";").append("game/m").append(random.nextInt(50 + s / 100)).append(".py:")
                        .append(random.nextInt(400));
            }
            text.append(' ').append(1 + random.nextInt(5000)).append(s % 7 == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }

    @Test
    void manyBatchesGiveTheSameCallsInTheSameOrder() throws IOException {
        assertSameEitherWay(manyStacks(20_000, 12, 1));
        assertSameEitherWay(manyStacks(3_000, 400, 2));
        assertSameEitherWay("");
        assertSameEitherWay("\n\n");
        assertSameEitherWay("solo 5");
    }

    @Test
    void aStackDeeperThanABatchHolds() throws IOException {
        String deep = "f.py:1;".repeat(200_000) + "g.py:2 9\n";
        assertSameEitherWay("a.py:1 1\n" + deep + "a.py:1 2\n");
    }

    @Test
    void anErrorAfterManyBatchesIsTheSameErrorAfterTheSameTraces() throws IOException {
        String good = manyStacks(10_000, 10, 3);
        assertSameEitherWay(good + "a;b 12x\n" + good);
        assertSameEitherWay(good + "a.py:1 " + Long.MAX_VALUE + "\n" + good);
        List<String> overflow = read((good + "a.py:1 " + Long.MAX_VALUE + "\n").getBytes(StandardCharsets.UTF_8),
                true);
        assertTrue(overflow.get(overflow.size() - 1).startsWith("refused: s.folded: at line 10001:"),
                () -> overflow.get(overflow.size() - 1));
    }

    /** What a loader says of a damaged gzip file, whichever thread met the damage. */
    private static String refusal(byte[] file, boolean parseAhead) {
        DumpLoader loader = new DumpLoader(StandardCharsets.UTF_8, 16L << 20, parseAhead);
        return assertThrows(DumpFormatException.class, () -> loader.load(new ByteArrayInputStream(file), "s.folded.gz",
                new FrameIdCallLog())).getMessage();
    }

    @Test
    void aGzipFileCutShortOrDamagedIsRefusedInTheSameWords() throws IOException {
        byte[] small = Files.readAllBytes(Path.of("src/test/resources/fixtures/gz/battle.folded.gz"));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(compressed)) {
            out.write(manyStacks(20_000, 12, 4).getBytes(StandardCharsets.UTF_8));
        }
        byte[] large = compressed.toByteArray();
        for (byte[] whole : List.of(small, large)) {
            for (int length : new int[] {whole.length / 3, whole.length / 2, whole.length - 9, whole.length - 1}) {
                byte[] cut = Arrays.copyOf(whole, length);
                assertEquals(refusal(cut, false), refusal(cut, true));
            }
            byte[] crc = whole.clone();
            crc[crc.length - 8] ^= 0x01;
            assertEquals(refusal(crc, false), refusal(crc, true));
        }
    }

    /** The real sink fails on the fifth trace; the parser, with endless input ahead, is stopped and waited for. */
    @Test
    void theParserStopsWhenTheCallerStops() {
        byte[] line = "c.py:3;d.py:4 7\n".getBytes(StandardCharsets.UTF_8);
        InputStream endless = new InputStream() {
            private int at;

            @Override
            public int read() {
                int b = line[at];
                at = (at + 1) % line.length;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    buffer[offset + i] = (byte) read();
                }
                return length;
            }
        };
        FrameIdCallLog failing = new FrameIdCallLog() {
            private int traces;

            @Override
            public void trace(long sizeBytes, int stackId) {
                if (++traces == 5) {
                    throw new IllegalStateException("the sink is full");
                }
                super.trace(sizeBytes, stackId);
            }
        };
        IllegalStateException failed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                IllegalStateException.class, () -> new FoldedStacksReader(true).read(endless, "s.folded",
                        new Interner(), failing)));
        assertEquals("the sink is full", failed.getMessage());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("memflame-parse")), "the parser thread is gone");
    }
}
