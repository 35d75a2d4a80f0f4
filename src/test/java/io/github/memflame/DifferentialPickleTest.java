package io.github.memflame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential corpus: a few hundred pickles drawn at random (fixed seed) by
 * {@code src/test/python/make_differential_corpus.py} and written by every pyenv CPython (2.7, 3.6–3.13) at every
 * protocol it has, as Snapshots or bare lists and tuples of raw traces, in every tuple layout, with object sharing
 * at every level. Each is read by memflame and must give the figures CPython computed from what it loaded back:
 * traces, total, bytes per file, per line, per directory of the path view, distinct tracebacks.
 */
class DifferentialPickleTest {
    private static final Path CORPUS = Path.of("src/test/resources/differential");

    private static JsonNode oracle() throws IOException {
        return new ObjectMapper().readTree(CORPUS.resolve("oracle.json").toFile());
    }

    @TestFactory
    Stream<DynamicTest> everyDumpMatchesTheCPythonThatWroteIt() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode dump : oracle().get("fixtures")) {
            tests.add(DynamicTest.dynamicTest(dump.get("file").asText() + " (" + dump.get("shape").asText() + ")",
                    () -> CPythonOracleTest.check(CORPUS, dump)));
        }
        return tests.stream();
    }

    /** Guards the corpus itself, so that a regenerated one cannot quietly lose a version, protocol or shape. */
    @Test
    void theCorpusCoversEveryVersionProtocolLayoutContainerAndSharing() throws IOException {
        JsonNode dumps = oracle().get("fixtures");
        assertTrue(dumps.size() >= 300, "dumps: " + dumps.size());
        Set<String> versionProtocols = new TreeSet<>();
        Set<String> layouts = new TreeSet<>();
        Set<String> containers = new TreeSet<>();
        Set<String> shared = new TreeSet<>();
        Set<String> encodings = new TreeSet<>();
        for (JsonNode dump : dumps) {
            String python = dump.get("python").asText();
            versionProtocols.add(python.substring(0, python.lastIndexOf('.')) + "/" + dump.get("protocol").asInt());
            layouts.add(dump.get("layout").asText());
            String shape = dump.get("shape").asText();
            containers.add(shape.substring(0, shape.indexOf(',')));
            for (String level : List.of("names", "frames", "tracebacks", "whole traces")) {
                if (shape.contains(level)) {
                    shared.add(level);
                }
            }
            encodings.add(dump.get("fileNameEncoding").asText());
        }
        for (String version : List.of("2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13")) {
            int highest = version.equals("2.7") ? 2 : version.equals("3.6") || version.equals("3.7") ? 4 : 5;
            for (int protocol = 0; protocol <= highest; protocol++) {
                assertTrue(versionProtocols.contains(version + "/" + protocol), version + " protocol " + protocol);
            }
        }
        assertEquals(4, layouts.size(), layouts::toString);
        assertEquals(Set.of("snapshot-list", "snapshot-tuple", "list", "tuple"), containers);
        assertEquals(Set.of("names", "frames", "tracebacks", "whole traces"), shared);
        assertEquals(Set.of("UTF-8", "GBK"), encodings);
        assertTrue(dumps.findValuesAsText("shape").stream().anyMatch(s -> s.contains("fix_imports off")));
    }

    @Test
    void everyFileIsInTheOracle() throws IOException {
        Set<String> listed = new TreeSet<>();
        oracle().get("fixtures").forEach(dump -> listed.add(dump.get("file").asText()));
        try (Stream<Path> files = Files.list(CORPUS)) {
            files.map(p -> p.getFileName().toString()).filter(name -> !name.equals("oracle.json"))
                    .forEach(name -> assertTrue(listed.contains(name), name + " has no oracle entry"));
        }
    }
}
