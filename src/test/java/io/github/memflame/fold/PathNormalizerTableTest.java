package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PathNormalizer}'s two {@code normpath}s against CPython 3.12's own, on the table
 * {@code src/test/python/make_normpath_table.py} wrote ({@code src/test/resources/normpath/table.json}): every
 * sequence of up to three tricky tokens, names of real dumps, and longer random ones.
 */
class PathNormalizerTableTest {
    private static final Path TABLE = Path.of("src/test/resources/normpath/table.json");

    @Test
    void posixNormpathIsPythons() throws IOException {
        List<String> differing = new ArrayList<>();
        JsonNode rows = new ObjectMapper().readTree(TABLE.toFile());
        for (JsonNode row : rows) {
            String path = row.get("path").asText();
            String expected = row.get("posix").asText();
            String actual = PathNormalizer.posixNormpath(path);
            if (!expected.equals(actual)) {
                differing.add(path + " -> " + actual + ", Python: " + expected);
            }
        }
        assertTrue(rows.size() >= 4500, "the table holds " + rows.size() + " rows");
        assertEquals(List.of(), differing);
    }

    @Test
    void windowsNormpathIsPythons() throws IOException {
        List<String> differing = new ArrayList<>();
        JsonNode rows = new ObjectMapper().readTree(TABLE.toFile());
        for (JsonNode row : rows) {
            String path = row.get("path").asText();
            String expected = row.get("windows").asText();
            String actual = PathNormalizer.windowsNormpath(path);
            if (!expected.equals(actual)) {
                differing.add(path + " -> " + actual + ", Python: " + expected);
            }
        }
        assertEquals(List.of(), differing);
    }

    /**
     * What a recorded name becomes: the normpath of its own system (Windows for a name with a backslash or a drive
     * letter), with / separators and without the leading /; the fast path for names normpath leaves alone must
     * agree with the full one on every row.
     */
    @Test
    void aRecordedNameIsNormalizedByTheNormpathOfItsSystem() throws IOException {
        PathNormalizer normalizer = new PathNormalizer(List.of());
        List<String> differing = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(TABLE.toFile())) {
            String path = row.get("path").asText();
            if (path.isEmpty() || PathNormalizer.isPseudoFile(path)) {
                continue;
            }
            boolean windows = path.indexOf('\\') >= 0 || path.matches("(?s)[A-Za-z]:.*");
            String normpath = windows ? row.get("windows").asText().replace('\\', '/') : row.get("posix").asText();
            String expected = normpath.replaceFirst("^/+", "");
            if (expected.isEmpty()) {
                expected = path;
            }
            String actual = normalizer.normalize(path);
            if (!expected.equals(actual)) {
                differing.add(path + " -> " + actual + ", expected " + expected);
            }
            String lexical = PathNormalizer.lexical(path);
            if (!normpath.equals(lexical)) {
                differing.add("lexical " + path + " -> " + lexical + ", expected " + normpath);
            }
        }
        assertEquals(List.of(), differing);
    }
}
