package io.github.memflame.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.read.pickle.TracemallocPickleReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malicious pickle corpus of {@code src/test/resources/malicious}, written opcode by opcode by
 * {@code src/test/python/make_malicious_pickles.py}: each file is refused with the message its manifest gives,
 * within a few seconds and a bounded allocation, and nothing it names is ever loaded or called.
 */
class MaliciousPickleTest {
    /** What reading one malicious pickle may allocate in all; the largest file is 700 KB. */
    private static final long MAX_ALLOCATED_BYTES = 64L << 20;

    static Stream<Arguments> corpus() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(resource("expected.json"));
        List<Arguments> cases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode expected = entry.getValue().get("expected");
            cases.add(Arguments.of(entry.getKey(), entry.getValue().get("found").asText(),
                    expected == null ? null : expected.asText()));
        }
        return cases.stream();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MaliciousPickleTest.class.getResourceAsStream("/malicious/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource malicious/" + name);
            }
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedClearlyInBoundedTimeAndMemory(String file, String found, String expected) throws Exception {
        byte[] pickle = resource(file);
        DumpFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            DumpFormatException refused = assertThrows(DumpFormatException.class, () ->
                    new TracemallocPickleReader(StandardCharsets.UTF_8).read(new ByteArrayInputStream(pickle), file,
                            new Interner(), new RecordingSink()));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < MAX_ALLOCATED_BYTES, file + " made the reader allocate " + allocated + " bytes");
            return refused;
        });
        assertEquals(found, e.found(), e::getMessage);
        if (expected != null) {
            assertEquals(expected, e.expected(), e::getMessage);
        }
        assertTrue(e.getMessage().startsWith(file + ": at byte "), e::getMessage);
        assertCanaryUntouched();
    }

    /** The same files through the loader, as the plugin reads them: still only a DumpFormatException. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedThroughTheLoader(String file, String found, String expected) throws Exception {
        byte[] pickle = resource(file);
        DumpLoader loader = new DumpLoader(StandardCharsets.UTF_8, 1 << 20);
        DumpFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                DumpFormatException.class, () -> loader.load(new ByteArrayInputStream(pickle), file,
                        new RecordingSink())));
        assertTrue(e.getMessage().startsWith(file + ": at "), e::getMessage);
        assertCanaryUntouched();
    }

    @Test
    void theCorpusCoversEveryClassOfTheIssue() throws Exception {
        List<String> names = corpus().map(arguments -> (String) arguments.get()[0]).toList();
        for (String required : List.of("os-system-reduce-p2.pickle", "builtins-eval.pickle",
                "inst-os-system.pickle", "obj-snapshot.pickle", "persid.pickle", "binpersid.pickle",
                "binget-empty-memo.pickle", "long-binget-4g.pickle", "long4-2gb.pickle", "binunicode-4gb.pickle",
                "nested-marks-100k.pickle", "frame-1e9-appends.pickle", "canary-global-reduce.pickle",
                "protocol-0-text.pickle", "p0-reconstructor-os-system.pickle", "p0-reduce-canary.pickle",
                "p0-inst-canary.pickle", "p0-obj-traces.pickle", "p0-persid.pickle", "p0-string-unquoted.pickle",
                "p0-unicode-out-of-range.pickle", "p0-float-huge-line.pickle", "p1-binfloat-as-size.pickle",
                "p0-long-text-not-decimal.pickle", "p0-put-beyond-memo.pickle", "p0-get-unstored.pickle",
                "p0-dict-class-key.pickle", "p0-list-of-strings.pickle", "p0-append-to-dict.pickle",
                "p0-setitem-on-list.pickle", "p0-build-setstate.pickle")) {
            assertTrue(names.contains(required), required);
        }
    }

    /**
     * Nothing a dump names can be called if the readers never load classes or reflect: their compiled classes
     * refer to no reflection, class loading, process or deserialization API at all.
     */
    private static final Pattern RUNTIME = Pattern.compile("java/lang/Runtime(?![A-Za-z0-9_$])");

    @Test
    void theReadersUseNoReflectionOrClassLoading() throws IOException, URISyntaxException {
        URL url = DumpLoader.class.getResource("DumpLoader.class");
        Path directory = Path.of(url.toURI()).getParent();
        List<Path> classes;
        try (Stream<Path> files = Files.walk(directory)) {
            classes = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.size() > 10, "found " + classes);
        for (Path file : classes) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String forbidden : List.of("java/lang/reflect/", "forName", "ClassLoader", "loadClass",
                    "newInstance", "getDeclaredMethod", "getMethod", "ProcessBuilder",
                    "ObjectInputStream", "javax/script", "java/lang/invoke/MethodHandles$Lookup.find")) {
                assertFalse(constants.contains(forbidden), file.getFileName() + " refers to " + forbidden);
            }
            // java.lang.Runtime (exec), as a class or in a descriptor; not RuntimeException, which a reader throws.
            assertFalse(RUNTIME.matcher(constants).find(), file.getFileName() + " refers to java/lang/Runtime");
        }
    }

    @AfterAll
    static void assertCanaryUntouched() {
        assertFalse(CanaryFlag.initialized, "a reader initialized the class a pickle named");
        assertFalse(CanaryFlag.called, "a reader called what a pickle named");
    }
}
