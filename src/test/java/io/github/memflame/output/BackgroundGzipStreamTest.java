package io.github.memflame.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Compressing on another thread, block by block, gives the very file a plain gzip stream at the same level gives. */
class BackgroundGzipStreamTest {

    @Test
    void sameBytesAsPlainGzipOverManyBlocks() throws Exception {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < 3_500_000) {
            text.append("game/dir").append(random.nextInt(40)).append("/file.py:").append(random.nextInt(900))
                    .append(random.nextBoolean() ? ';' : '\n');
        }
        byte[] content = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);

        ByteArrayOutputStream background = new ByteArrayOutputStream();
        try (BackgroundGzipStream out = new BackgroundGzipStream(background)) {
            // Single bytes and pieces of every size, so that blocks fill in the middle of a write.
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
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(plain) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(content);
        }

        assertArrayEquals(plain.toByteArray(), background.toByteArray());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(background.toByteArray()))) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }
}
