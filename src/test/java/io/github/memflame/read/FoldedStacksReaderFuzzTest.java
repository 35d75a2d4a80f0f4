package io.github.memflame.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the folded-stacks reader; only DumpFormatException may escape. Seeds in
 * {@code FoldedStacksReaderFuzzTestInputs/folded}; {@code mvn -Pfuzz test -Dtest=FoldedStacksReaderFuzzTest}.
 */
class FoldedStacksReaderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void folded(byte[] data) throws Exception {
        try {
            new FoldedStacksReader().read(new ByteArrayInputStream(data), "fuzz.folded", new Interner(),
                    new FuzzSupport.CheckingSink());
        } catch (DumpFormatException refused) {
            if (!refused.getMessage().startsWith("fuzz.folded: at line ")) {
                throw new AssertionError("unclear message: " + refused.getMessage(), refused);
            }
        }
    }
}
