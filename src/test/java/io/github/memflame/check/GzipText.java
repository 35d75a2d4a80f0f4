package io.github.memflame.check;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the report's gzip-compressed folded exports back for the tests. */
public final class GzipText {
    private GzipText() {
    }

    /** The decompressed bytes of a gzip file. */
    public static byte[] bytes(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /** The decompressed content of a gzip file as UTF-8 text. */
    public static String read(Path file) throws IOException {
        return new String(bytes(Files.readAllBytes(file)), StandardCharsets.UTF_8);
    }
}
