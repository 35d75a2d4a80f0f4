package io.github.memflame.read.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.Interner;
import io.github.memflame.read.Traceback;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader's fast paths for raw traces and frames give exactly what the opcode loop gives, on every pickle the
 * tests have (CPython's dumps of every version and protocol, the differential corpus, the malicious pickles, the
 * fuzzing seeds) and on each cut short at several places: the same figures, or the same refusal at the same byte.
 */
class PickleFastPathTest {

    static Stream<Path> pickles() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String directory : List.of("src/test/resources/pickle-unit", "src/test/resources/differential",
                "src/test/resources/malicious", "src/test/resources/fixtures",
                "src/test/resources/io/github/memflame/read/pickle/PickleReaderFuzzTestInputs")) {
            try (Stream<Path> files = Files.walk(Path.of(directory))) {
                files.filter(Files::isRegularFile)
                        .filter(file -> file.toString().endsWith(".pickle") || directory.contains("FuzzTestInputs"))
                        .sorted().forEach(all::add);
            }
        }
        assertTrue(all.size() > 400, "pickles found: " + all.size());
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("pickles")
    void sameOutcomeWithAndWithoutFastPaths(Path file) throws IOException {
        byte[] pickle = Files.readAllBytes(file);
        assertEquals(outcome(pickle, false), outcome(pickle, true), "whole");
        for (int cut : new int[] {pickle.length / 3, pickle.length / 2, pickle.length - 9, pickle.length - 1}) {
            if (cut > 0) {
                byte[] shorter = java.util.Arrays.copyOf(pickle, cut);
                assertEquals(outcome(shorter, false), outcome(shorter, true), "cut at " + cut);
            }
        }
    }

    /** The figures a read gives, or its refusal, as text to compare. */
    static String outcome(byte[] pickle, boolean fastPaths) throws IOException {
        PickleTestSink sink = new PickleTestSink(true);
        try {
            new TracemallocPickleReader(StandardCharsets.UTF_8, fastPaths, false).read(new ByteArrayInputStream(pickle),
                    "test.pickle", new Interner(), sink);
        } catch (DumpFormatException refused) {
            return "refused: " + refused.getMessage();
        } catch (ArithmeticException overflow) {
            return "overflow";
        }
        Map<Traceback, List<Long>> totals = new LinkedHashMap<>();
        sink.byTraceback.forEach((traceback, sizeAndCount) -> totals.put(traceback,
                List.of(sizeAndCount[0], sizeAndCount[1])));
        return sink.traces + " traces, " + sink.totalBytes + " bytes, sizes " + sink.sizes + ", " + totals;
    }
}
