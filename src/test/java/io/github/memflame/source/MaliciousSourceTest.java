package io.github.memflame.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile sources of {@code src/test/resources/malicious/sources}, written by
 * {@code src/test/python/make_malicious_sources.py}, and two too big to commit, each looked up through
 * {@link FunctionNameResolver} as a check does: the scan ends within seconds, allocating at most a small constant
 * plus three times the file's size (its bytes and their decoded characters), and each file gives the names or the
 * reason its manifest says. A file the scanner refuses keeps {@code file:line} for its frames; it fails nothing.
 */
class MaliciousSourceTest {
    static final Path CORPUS = Path.of("src/test/resources/malicious/sources");
    /** What a scan may allocate beyond three times the file's size. */
    private static final long CONSTANT_ALLOCATION = 32L << 20;

    @TempDir
    Path temp;

    static Stream<Arguments> corpus() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(CORPUS.resolve("expected.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            cases.add(Arguments.of(entry.getKey(), entry.getValue()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachHostileSourceEndsInBoundedTimeAndMemoryWithNamesOrAReason(String file, JsonNode expected)
            throws IOException {
        FunctionNameResolver resolver = new FunctionNameResolver(List.of(CORPUS));
        long size = Files.size(CORPUS.resolve(file));
        if (expected.has("refused")) {
            assertNull(bounded(size, () -> resolver.resolve(file, 1, null)));
            String reason = resolver.summary().unresolvedFiles().get(file);
            assertTrue(reason.endsWith(expected.get("refused").asText()), reason);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("names").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> line = it.next();
            assertEquals(line.getValue().asText(),
                    bounded(size, () -> resolver.resolve(file, Integer.parseInt(line.getKey()), null)),
                    file + ":" + line.getKey());
        }
        int lines = expected.get("lines").asInt();
        assertNull(resolver.resolve(file, lines + 1, null));
        assertEquals("line " + (lines + 1) + " is past its end (" + lines + " lines)",
                resolver.summary().unresolvedFiles().get(file));
    }

    /** A line of 25 million tokens: today's scanner kept each of them as a string, 4 to 5 GB in all. */
    @Test
    void aFiftyMegabyteLineOfTokensIsScannedWithinTheBound() throws IOException {
        Path source = temp.resolve("tokens.py");
        try (OutputStream out = Files.newOutputStream(source)) {
            out.write("x = ".getBytes(StandardCharsets.US_ASCII));
            byte[] tokens = "a+".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 25; i++) {
                out.write(tokens);
            }
            out.write("a\ndef f():\n    pass\n".getBytes(StandardCharsets.US_ASCII));
        }
        FunctionNameResolver resolver = new FunctionNameResolver(List.of(temp));
        assertEquals("f", bounded(Files.size(source), () -> resolver.resolve("tokens.py", 3, null)));
        assertEquals("<module>", resolver.resolve("tokens.py", 1, null));
    }

    @Test
    void sixtyMegabytesOfNulBytesAreRefusedWithTheReason() throws IOException {
        Path source = temp.resolve("zeros.py");
        try (OutputStream out = Files.newOutputStream(source)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 60; i++) {
                out.write(zeros);
            }
        }
        FunctionNameResolver resolver = new FunctionNameResolver(List.of(temp));
        assertNull(bounded(Files.size(source), () -> resolver.resolve("zeros.py", 1, null)));
        assertEquals(Map.of("zeros.py", "not scanned: a NUL character on line 1: Python refuses source code with "
                + "null bytes"), resolver.summary().unresolvedFiles());
    }

    /** Runs a look-up that reads and scans a file of {@code size} bytes, within 30 s and the allocation bound. */
    private static String bounded(long size, Supplier<String> lookUp) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            String name = lookUp.get();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < CONSTANT_ALLOCATION + 3 * size,
                    "allocated " + allocated + " bytes for a file of " + size);
            return name;
        });
    }
}
