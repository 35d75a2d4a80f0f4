package io.github.memflame.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scanner against Python itself: {@code src/test/python/make_qualname_oracle.py --corpus} wrote, with
 * Python's {@code ast} (2.7's for {@code py2/}), the enclosing qualname of every line of the corpus in
 * {@code qualnames/oracle.json}; every line must agree.
 */
class QualnameOracleTest {
    static final Path CORPUS = Path.of("src/test/resources/qualnames");

    @Test
    void everyLineOfTheCorpusAgreesWithPythonsAst() throws IOException, SourceScanException {
        JsonNode oracle = new ObjectMapper().readTree(CORPUS.resolve("oracle.json").toFile());
        List<String> disagreements = new ArrayList<>();
        long lines = 0;
        int files = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = oracle.get("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            EnclosingNames names = QualnameScanner.scan(PythonSourceDecoder.decode(
                    Files.readAllBytes(CORPUS.resolve(file.getKey()))));
            assertEquals(file.getValue().get("lines").asInt(), names.lineCount(), file.getKey() + ": line count");
            for (JsonNode run : file.getValue().get("runs")) {
                for (int line = run.get(0).asInt(); line <= run.get(1).asInt(); line++) {
                    lines++;
                    String expected = run.get(2).asText();
                    String actual = names.at(line);
                    if (!expected.equals(actual)) {
                        disagreements.add(file.getKey() + ":" + line + " Python " + expected + ", scanner " + actual);
                    }
                }
            }
            files++;
        }
        assertEquals(13, files, "corpus files in the oracle");
        assertTrue(lines > 4000, "lines compared: " + lines);
        assertEquals(List.of(), disagreements, disagreements.size() + " of " + lines + " lines disagree");
    }
}
