package io.github.memflame.read;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the whole loading path: gzip detection and decompression with a small
 * maxDecompressedBytes, format sniffing, then whichever reader. Only DumpFormatException may escape.
 * {@code mvn -Pfuzz test -Dtest=DumpLoaderFuzzTest#gzipped} (one method per run).
 */
class DumpLoaderFuzzTest {
    private static final DumpLoader LOADER = new DumpLoader(StandardCharsets.UTF_8, FuzzSupport.MAX_DECOMPRESSED);

    /** The input as a file's bytes: raw gzip (damaged or not), pickle, JSON or folded. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void raw(byte[] data) throws Exception {
        load(data);
    }

    /** The input gzipped, possibly as several members, then cut or damaged at a fuzzer-chosen byte. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void gzipped(FuzzedDataProvider fuzz) throws Exception {
        int members = fuzz.consumeInt(1, 3);
        int damage = fuzz.consumeInt(0, 2);
        int at = fuzz.consumeInt(0, Integer.MAX_VALUE);
        byte value = fuzz.consumeByte();
        byte[] content = fuzz.consumeRemainingAsBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int part = content.length / members;
        for (int i = 0; i < members; i++) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(new NonClosing(out))) {
                gzip.write(content, i * part, i == members - 1 ? content.length - i * part : part);
            }
        }
        byte[] compressed = out.toByteArray();
        if (damage == 1) {
            compressed = Arrays.copyOf(compressed, Math.floorMod(at, compressed.length));
        } else if (damage == 2) {
            compressed[Math.floorMod(at, compressed.length)] ^= value == 0 ? 1 : value;
        }
        load(compressed);
    }

    private static void load(byte[] data) throws Exception {
        try {
            LOADER.load(new ByteArrayInputStream(data), "fuzz.dump", new FuzzSupport.CheckingSink());
        } catch (DumpFormatException refused) {
            if (!refused.getMessage().startsWith("fuzz.dump: at ")) {
                throw new AssertionError("unclear message: " + refused.getMessage(), refused);
            }
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(ByteArrayOutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}
