package io.github.memflame.read.pickle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.FuzzSupport;
import io.github.memflame.read.Interner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the pickle reader. Any exception but DumpFormatException, a hang (the per-input
 * timeout), an OutOfMemoryError, or a result of the fast paths that the opcode loop alone does not give is a
 * finding. The normal test run replays the seed corpus in
 * {@code PickleReaderFuzzTestInputs/pickle}; {@code mvn -Pfuzz test -Dtest=PickleReaderFuzzTest} fuzzes.
 */
class PickleReaderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void pickle(byte[] data) throws Exception {
        FuzzSupport.CheckingSink sink = new FuzzSupport.CheckingSink();
        try {
            new TracemallocPickleReader(StandardCharsets.UTF_8).read(new ByteArrayInputStream(data), "fuzz.pickle",
                    new Interner(), sink);
        } catch (DumpFormatException refused) {
            if (refused.getMessage() == null || !refused.getMessage().startsWith("fuzz.pickle: at byte ")) {
                throw new AssertionError("unclear message: " + refused.getMessage(), refused);
            }
        } catch (ArithmeticException overflow) {
            throw new AssertionError("a total overflow escaped the reader", overflow);
        }
        String fast = PickleFastPathTest.outcome(data, true);
        String loop = PickleFastPathTest.outcome(data, false);
        if (!fast.equals(loop)) {
            throw new AssertionError("fast paths: " + fast + "\nopcode loop: " + loop);
        }
    }
}
