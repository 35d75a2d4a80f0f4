package io.github.memflame.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compressing block by block on several threads gives one gzip member of the content, whose bytes depend on the
 * content only; content of one block gives the very file a plain gzip stream at the same level gives.
 */
class BackgroundGzipStreamTest {
    private static final int BLOCK = BackgroundGzipStream.BLOCK_BYTES;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5000, BLOCK - 1, BLOCK})
    void contentOfOneBlockIsCompressedAsPlainGzipCompressesIt(int length) throws Exception {
        byte[] content = Arrays.copyOf(foldedText(new Random(length), length + 1), length);

        assertArrayEquals(plainGzip(content), compressed(content, 2, new Random(1)));
    }

    @ParameterizedTest
    @ValueSource(ints = {BLOCK + 1, 3 * BLOCK, 3 * BLOCK + 12345})
    void theBytesDependOnTheContentOnlyNotOnTheThreadsNorTheWrites(int length) throws Exception {
        byte[] content = Arrays.copyOf(foldedText(new Random(length), length + 1), length);

        byte[] once = compressed(content, 1, new Random(2));
        for (int compressors : new int[] {2, 3, 8}) {
            assertArrayEquals(once, compressed(content, compressors, new Random(compressors)),
                    compressors + " compressors");
        }
        assertOneMemberOf(content, once);
    }

    @Test
    void manyBlocksStoreAboutAsSmallAsOnePlainStream() throws Exception {
        byte[] content = foldedText(new Random(7), 5 * BLOCK + 999);

        byte[] blocks = compressed(content, 2, new Random(3));
        byte[] plain = plainGzip(content);

        assertOneMemberOf(content, blocks);
        assertTrue(blocks.length < plain.length * 1.01, blocks.length + " bytes in blocks, " + plain.length + " plain");
    }

    @Test
    void refusesNoCompressor() {
        assertThrows(IllegalArgumentException.class, () -> new BackgroundGzipStream(new ByteArrayOutputStream(), 0));
    }

    /**
     * The gzip file is one member holding {@code content}: the header {@link GZIPOutputStream} writes, one raw
     * deflate stream that ends where the trailer begins, and the trailer's CRC-32 and length of the content.
     */
    private static void assertOneMemberOf(byte[] content, byte[] gzip) throws Exception {
        assertArrayEquals(Arrays.copyOf(plainGzip(new byte[0]), 10), Arrays.copyOf(gzip, 10), "header");
        Inflater inflater = new Inflater(true);
        inflater.setInput(gzip, 10, gzip.length - 10);
        byte[] inflated = new byte[content.length + 1];
        int length = 0;
        while (!inflater.finished()) {
            int got = inflater.inflate(inflated, length, inflated.length - length);
            assertTrue(got > 0 || !inflater.needsInput(), "the deflate stream ends before its last block");
            length += got;
        }
        assertEquals(8, inflater.getRemaining(), "the trailer follows the last block, and nothing after it");
        inflater.end();
        assertArrayEquals(content, Arrays.copyOf(inflated, length));
        ByteBuffer trailer = ByteBuffer.wrap(gzip, gzip.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(content);
        assertEquals((int) crc.getValue(), trailer.getInt());
        assertEquals(content.length, trailer.getInt());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    /** The content written in single bytes and pieces of every size, so that blocks fill in the middle of a write. */
    private static byte[] compressed(byte[] content, int compressors, Random random) throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (BackgroundGzipStream out = new BackgroundGzipStream(compressed, compressors)) {
            int at = 0;
            while (at < content.length) {
                if (random.nextInt(10) == 0) {
                    out.write(content[at++]);
                } else {
                    int length = Math.min(content.length - at, random.nextInt(300_000));
                    out.write(content, at, length);
                    at += length;
                }
            }
            out.finish();
        }
        return compressed.toByteArray();
    }

    private static byte[] plainGzip(byte[] content) throws Exception {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(plain) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(content);
        }
        return plain.toByteArray();
    }

    private static byte[] foldedText(Random random, int atLeast) {
        StringBuilder text = new StringBuilder();
        while (text.length() < atLeast) {
            text.append("game/dir").append(random.nextInt(40)).append("/file.py:").append(random.nextInt(900))
                    .append(random.nextBoolean() ? ';' : '\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
