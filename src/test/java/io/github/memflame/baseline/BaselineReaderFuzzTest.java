package io.github.memflame.baseline;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the baseline reader: the input is a baseline's {@code memflame.json}, beside which
 * lie a good folded file {@code s.folded} and a file outside the baseline directory; only
 * {@link BaselineException} may escape, naming the summary or the file it names. Seeds in
 * {@code BaselineReaderFuzzTestInputs/summary}; {@code mvn -Pfuzz test -Dtest=BaselineReaderFuzzTest} fuzzes.
 */
class BaselineReaderFuzzTest {
    private static final Path ROOT = temporaryRoot();
    private static final Path DIRECTORY = ROOT.resolve("baseline");
    private static final Path SUMMARY = DIRECTORY.resolve("memflame.json");

    private static Path temporaryRoot() {
        try {
            Path root = Files.createTempDirectory("memflame-baseline-fuzz");
            Files.createDirectories(root.resolve("baseline"));
            Files.writeString(root.resolve("baseline/s.folded"), "a.py:1;b.py:2 10\nc.py:3 5\n", StandardCharsets.UTF_8);
            Files.writeString(root.resolve("outside.folded"), "a.py:1 15\n", StandardCharsets.UTF_8);
            root.toFile().deleteOnExit();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void summary(byte[] data) throws Exception {
        Files.write(SUMMARY, data);
        try {
            Baseline baseline = new BaselineReader(1 << 20).read("fuzz", SUMMARY);
            baseline.snapshots().forEach(snapshot -> {
                if (snapshot.totalBytes() != 15) {
                    throw new AssertionError("a baseline was read with " + snapshot.totalBytes() + " bytes");
                }
            });
        } catch (BaselineException refused) {
            String message = refused.getMessage();
            if (!message.startsWith(SUMMARY.toString()) && !message.startsWith("Cannot read the baseline: " + SUMMARY)
                    && !message.startsWith(DIRECTORY.toString())
                    && !message.startsWith("Cannot read the baseline: " + DIRECTORY)) {
                throw new AssertionError("unclear message: " + message, refused);
            }
        }
    }
}
