package io.github.memflame.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.read.pickle.TracemallocPickleReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A pickle read on a thread of its own while the caller numbers its frames and stacks gives the sink the same calls
 * in the same order, and ends in the same error, as when one thread does both: every pickle the tests hold (the
 * differential corpus CPython wrote, the malicious corpus, the shapes of the benchmark at a hundredth, which span
 * many batches) and cuts of one.
 */
class PickleParseAheadTest {
    private static final Path RESOURCES = Path.of("src/test/resources");

    /** The calls, and how the read ended. */
    private static List<String> read(byte[] pickle, Charset encoding, boolean parseAhead) {
        FrameIdCallLog log = new FrameIdCallLog();
        try {
            new TracemallocPickleReader(encoding, parseAhead).read(new ByteArrayInputStream(pickle), "t.pickle",
                    new Interner(), log);
            log.calls.add("read");
        } catch (IOException | DumpFormatException | RuntimeException e) {
            log.calls.add("ended: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return log.calls;
    }

    private static void assertSameEitherWay(byte[] pickle, String name) {
        for (Charset encoding : List.of(StandardCharsets.UTF_8, Charset.forName("GBK"))) {
            List<String> alone = read(pickle, encoding, false);
            List<String> ahead = read(pickle, encoding, true);
            assertEquals(alone.size(), ahead.size(), name);
            assertTrue(alone.equals(ahead), () -> name + ": first difference at call " + firstDifference(alone, ahead));
        }
    }

    private static int firstDifference(List<String> a, List<String> b) {
        int i = 0;
        while (i < Math.min(a.size(), b.size()) && a.get(i).equals(b.get(i))) {
            i++;
        }
        return i;
    }

    @Test
    void everyPickleOfTheTestsGivesTheSameCallsAndTheSameEnd() throws IOException {
        List<Path> pickles;
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            pickles = files.filter(file -> file.getFileName().toString().endsWith(".pickle")).sorted().toList();
        }
        assertTrue(pickles.size() > 400, pickles.size() + " pickles");
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (Path pickle : pickles) {
                assertSameEitherWay(Files.readAllBytes(pickle), RESOURCES.relativize(pickle).toString());
            }
        });
    }

    @Test
    void aPickleCutAnywhereEndsInTheSameErrorAfterTheSameCalls() throws IOException {
        byte[] deep = Files.readAllBytes(RESOURCES.resolve("shapes/deep.pickle"));
        for (int cut = 1; cut < 40; cut++) {
            int length = (int) ((long) deep.length * cut / 40);
            assertSameEitherWay(Arrays.copyOf(deep, length), "deep.pickle cut to " + length);
        }
    }
}
