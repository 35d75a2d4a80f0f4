package io.github.memflame.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the JSON raw-trace reader; only DumpFormatException may escape. Seeds in
 * {@code JsonTracesReaderFuzzTestInputs/json}; {@code mvn -Pfuzz test -Dtest=JsonTracesReaderFuzzTest} fuzzes.
 */
class JsonTracesReaderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void json(byte[] data) throws Exception {
        try {
            new JsonTracesReader().read(new ByteArrayInputStream(data), "fuzz.json", new Interner(),
                    new FuzzSupport.CheckingSink());
        } catch (DumpFormatException refused) {
            if (!refused.getMessage().startsWith("fuzz.json: at ")) {
                throw new AssertionError("unclear message: " + refused.getMessage(), refused);
            }
        }
    }
}
