package io.github.memflame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.fold.FlameNode;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.DumpLoader;
import io.github.memflame.read.Frame;
import io.github.memflame.read.TraceSink;
import io.github.memflame.read.Traceback;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every committed fixture, read by memflame, gives the figures CPython's own tracemalloc computed for it
 * ({@code src/test/python/make_fixtures.py} wrote both): traces, total, bytes per file, per line, and per
 * directory of the path view.
 */
class CPythonOracleTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final long NO_LIMIT = Long.MAX_VALUE;

    /** Aggregates by the raw allocating frame, as tracemalloc's statistics('filename'/'lineno') do. */
    private static final class StatisticsSink implements TraceSink {
        final SnapshotFolder folder = new SnapshotFolder();
        final Map<String, Long> byFile = new HashMap<>();
        final Map<String, Long> byLine = new HashMap<>();
        long traces;
        long total;

        @Override
        public void trace(long sizeBytes, Traceback traceback) {
            folder.trace(sizeBytes, traceback);
            traces++;
            total += sizeBytes;
            Frame frame = traceback.depth() == 0 ? new Frame("<unknown>", 0) : traceback.frame(0);
            byFile.merge(frame.file(), sizeBytes, Long::sum);
            byLine.merge(frame.file() + "\u0000" + frame.line(), sizeBytes, Long::sum);
        }
    }

    private static JsonNode oracle() throws IOException {
        return new ObjectMapper().readTree(FIXTURES.resolve("oracle.json").toFile());
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureMatchesCPython() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode fixture : oracle().get("fixtures")) {
            tests.add(DynamicTest.dynamicTest(fixture.get("file").asText(), () -> check(FIXTURES, fixture)));
        }
        assertTrue(tests.size() >= 20, "expected the full fixture set, found " + tests.size());
        return tests.stream();
    }

    /** Reads {@code fixture} (an entry of an oracle.json) under {@code root} and compares every figure. */
    static void check(Path root, JsonNode fixture) throws Exception {
        String file = fixture.get("file").asText();
        Charset encoding = Charset.forName(fixture.path("fileNameEncoding").asText("UTF-8"));
        StatisticsSink sink = new StatisticsSink();
        DumpFormat format = new DumpLoader(encoding, NO_LIMIT).load(root.resolve(file), file, sink);

        assertEquals(fixture.get("format").asText(), format.summaryName(), "format");
        assertEquals(fixture.get("traces").asLong(), sink.traces, "traces");
        assertEquals(fixture.get("totalBytes").asLong(), sink.total, "totalBytes");

        Map<String, Long> expectedByFile = new HashMap<>();
        fixture.get("byFile").fields().forEachRemaining(e -> expectedByFile.put(e.getKey(), e.getValue().asLong()));
        assertEquals(expectedByFile, sink.byFile, "bytes per file");

        Map<String, Long> expectedByLine = new HashMap<>();
        for (JsonNode row : fixture.get("byLine")) {
            expectedByLine.merge(row.get(0).asText() + "\u0000" + row.get(1).asInt(), row.get(2).asLong(), Long::sum);
        }
        assertEquals(expectedByLine, sink.byLine, "bytes per line");

        FoldedSnapshot folded = sink.folder.fold(file, format, new PathNormalizer(List.of()), List.of());
        assertEquals(fixture.get("totalBytes").asLong(), folded.totalBytes(), "folded total");
        if (fixture.has("stacks")) {
            assertEquals(fixture.get("stacks").asInt(), folded.stacks().size(), "distinct tracebacks");
        }
        assertDirectoriesMatch(expectedByFile, FlameTree.of(folded, FlameTree.View.PATH));
        FlameTree stackView = FlameTree.of(folded, FlameTree.View.STACK);
        assertEquals(folded.totalBytes(), stackView.root().totalBytes(), "stack view total");
    }

    /** Each directory node of the path view holds exactly the oracle's bytes of the files below it. */
    private static void assertDirectoriesMatch(Map<String, Long> byRawFile, FlameTree pathView) {
        PathNormalizer normalizer = new PathNormalizer(List.of());
        Map<List<String>, Long> expected = new HashMap<>();
        byRawFile.forEach((raw, bytes) -> {
            List<String> components = PathNormalizer.components(normalizer.normalize(raw));
            for (int depth = 1; depth <= components.size(); depth++) {
                expected.merge(components.subList(0, depth), bytes, Long::sum);
            }
        });
        expected.forEach((components, bytes) -> {
            FlameNode node = pathView.root();
            for (String component : components) {
                FlameNode parent = node;
                node = parent.children().stream().filter(c -> c.label().equals(component)).findFirst()
                        .orElseThrow(() -> new AssertionError("no node " + component + " under " + parent.label()));
            }
            assertEquals(bytes, node.totalBytes(), "bytes under " + String.join("/", components));
        });
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenFixtureIsRefusedWithPositionAndExpectation() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode broken : oracle().get("broken")) {
            String file = broken.get("file").asText();
            tests.add(DynamicTest.dynamicTest(file, () -> {
                SnapshotFolder folder = new SnapshotFolder();
                DumpFormatException error = assertThrows(DumpFormatException.class, () -> {
                    DumpFormat format = new DumpLoader(Charset.forName("UTF-8"), NO_LIMIT)
                            .load(FIXTURES.resolve(file), file, folder);
                    folder.fold(file, format, new PathNormalizer(List.of()), List.of());
                }, broken.get("what").asText());
                assertTrue(error.getMessage().startsWith(file + ": at "), error.getMessage());
                assertFalse(error.position().isBlank());
                assertFalse(error.expected().isBlank());
                assertFalse(error.found().isBlank());
            }));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureFileIsInTheOracle() throws IOException {
        JsonNode oracle = oracle();
        List<String> listed = new ArrayList<>();
        oracle.get("fixtures").forEach(f -> listed.add(f.get("file").asText()));
        oracle.get("broken").forEach(f -> listed.add(f.get("file").asText()));
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> FIXTURES.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("oracle.json"))
                    .sorted()
                    .map(name -> DynamicTest.dynamicTest(name, () -> assertTrue(listed.contains(name),
                            name + " has no oracle entry"))).toList().stream();
        }
    }
}
