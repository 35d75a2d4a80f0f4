package io.github.memflame.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gzip bombs, cut and damaged gzip: each a DumpFormatException that says what is wrong, in bounded time and memory. */
class GzipHostileTest {
    private static final long LIMIT = 16L << 20;
    private static final DumpLoader LOADER = new DumpLoader(StandardCharsets.UTF_8, LIMIT);

    @TempDir
    Path temp;

    private DumpFormatException refuse(Path file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(DumpFormatException.class,
                () -> LOADER.load(file, file.getFileName().toString(), new RecordingSink())));
    }

    private RecordingSink load(byte[] data) throws Exception {
        Path file = Files.write(temp.resolve("ok.gz"), data);
        RecordingSink sink = new RecordingSink();
        LOADER.load(file, "ok.gz", sink);
        return sink;
    }

    /** {@code total} bytes of {@code pattern} repeated, gzip-compressed, written to {@code name} in the temp dir. */
    private Path bomb(String name, byte[] pattern, long total) throws IOException {
        Path file = temp.resolve(name);
        byte[] chunk = new byte[1 << 16];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = pattern[i % pattern.length];
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long written = 0; written < total; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, total - written));
            }
        }
        return file;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void aBombOfValidLookingFoldedTextStopsAtTheLimit() throws IOException {
        Path file = bomb("stacks.folded.gz", "main.py:1;game/bag.py:9 64\n".getBytes(StandardCharsets.UTF_8),
                200L << 20);
        assertTrue(Files.size(file) < (2L << 20), "the bomb is " + Files.size(file) + " bytes");
        DumpFormatException e = refuse(file);
        assertEquals("a complete gzip stream", e.expected());
        assertEquals("content expanding beyond the limit of 16777216 bytes (maxDecompressedBytes)", e.found());
        long position = Long.parseLong(e.position().substring("decompressed byte ".length()));
        assertTrue(position > LIMIT && position <= LIMIT + (1 << 16), e::getMessage);
    }

    @Test
    void aBombOfBlankLinesStopsAtTheLimit() throws IOException {
        DumpFormatException e = refuse(bomb("blank.folded.gz", new byte[] {'\n'}, 200L << 20));
        assertEquals("content expanding beyond the limit of 16777216 bytes (maxDecompressedBytes)", e.found());
    }

    /** 200 MB of zeros: no format reads its first 8 KiB (no line break, a control byte, no pickle opcode). */
    @Test
    void aBombOfZerosIsRefusedWithoutBeingHeld() throws IOException {
        DumpFormatException e = refuse(bomb("zeros.gz", new byte[] {0}, 200L << 20));
        assertEquals("byte 0", e.position());
        assertTrue(e.found().contains("tracemalloc-pickle: at byte 0: expected a tracemalloc opcode, found an "
                + "unknown opcode (0x00)"), e::getMessage);
        assertTrue(e.found().contains("folded: at line 1 (byte 0): expected text without control characters, "
                + "found the byte 0x00"), e::getMessage);
    }

    @Test
    void aBombOfJsonTracesStopsAtTheLimit() throws IOException {
        Path file = temp.resolve("traces.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write('[');
            byte[] trace = "[0, 64, [[\"a.py\", 1]], 1],".getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < (64L << 20); written += trace.length) {
                out.write(trace);
            }
        }
        assertEquals("content expanding beyond the limit of 16777216 bytes (maxDecompressedBytes)",
                refuse(file).found());
    }

    @Test
    void concatenatedMembersAreAllRead() throws Exception {
        RecordingSink sink = load(concat(gzip("a;b 1\n"), gzip("a;c 2\n"), gzip("d 4\n")));
        assertEquals(3, sink.traces.size());
        assertEquals(7, sink.total());
    }

    /** A half-copied multi-member file: GZIPInputStream would silently stop after the first member. */
    @Test
    void aCutSecondMemberIsRefusedNotDropped() throws IOException {
        byte[] first = gzip("a;b 1\n");
        byte[] second = gzip("a;c 2\n");
        for (int cut = 1; cut < second.length; cut++) {
            Path file = Files.write(temp.resolve("cut.folded.gz"), concat(first, Arrays.copyOf(second, cut)));
            DumpFormatException e = refuse(file);
            assertEquals("a gzip stream cut short in member 2 (the file is truncated)", e.found(),
                    "cut at " + cut);
        }
    }

    @Test
    void trailingBytesAfterTheLastMemberAreRefused() throws IOException {
        Path file = Files.write(temp.resolve("trailing.folded.gz"), concat(gzip("a;b 1\n"), new byte[] {0, 0, 0}));
        DumpFormatException e = refuse(file);
        assertTrue(e.found().startsWith("a corrupt gzip stream (bytes after gzip member 1 that do not start another"),
                e::getMessage);
    }

    @Test
    void everyTruncationOfARealGzipDumpIsRefused() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String fixture : new String[] {"battle.folded.gz", "traces.json.gz", "battle.pickle.gz"}) {
                byte[] whole = Files.readAllBytes(Path.of("src/test/resources/fixtures/gz", fixture));
                for (int length = 2; length < whole.length; length += fixture.endsWith("pickle.gz") ? 5 : 1) {
                    byte[] cut = Arrays.copyOf(whole, length);
                    DumpFormatException e = assertThrows(DumpFormatException.class, () -> LOADER.load(
                            new java.io.ByteArrayInputStream(cut), fixture, new RecordingSink()));
                    assertTrue(e.found().startsWith("a gzip stream cut short") && e.found().endsWith(
                            "(the file is truncated)"), fixture + " cut to " + length + ": " + e.getMessage());
                }
            }
        });
    }

    @Test
    void aDamagedCrcIsRefused() throws Exception {
        byte[] data = gzip("a;b 1\n");
        data[data.length - 8] ^= 0x01;
        DumpFormatException e = refuse(Files.write(temp.resolve("crc.folded.gz"), data));
        assertTrue(e.found().startsWith("a corrupt gzip stream (CRC-32 mismatch in member 1"), e::getMessage);

        byte[] length = gzip("a;b 1\n");
        length[length.length - 1] ^= 0x01;
        e = refuse(Files.write(temp.resolve("isize.folded.gz"), length));
        assertTrue(e.found().startsWith("a corrupt gzip stream (length mismatch in member 1"), e::getMessage);
    }

    @Test
    void aDamagedHeaderOrBodyIsRefused() throws Exception {
        byte[] method = gzip("a;b 1\n");
        method[2] = 7;
        assertEquals("a corrupt gzip stream (unsupported compression method 7 in member 1)",
                refuse(Files.write(temp.resolve("m.gz"), method)).found());
        byte[] flags = gzip("a;b 1\n");
        flags[3] = (byte) 0xE0;
        assertEquals("a corrupt gzip stream (reserved header flags set in member 1)",
                refuse(Files.write(temp.resolve("f.gz"), flags)).found());
        byte[] body = gzip("main.py:1;game/bag.py:9 64\n".repeat(50));
        body[10] = (byte) 0xFF;
        assertTrue(refuse(Files.write(temp.resolve("b.gz"), body)).found().startsWith("a corrupt gzip stream"));
        assertTrue(refuse(Files.write(temp.resolve("magic-only.gz"), new byte[] {0x1f, (byte) 0x8b})).found()
                .contains("truncated"));
    }
}
