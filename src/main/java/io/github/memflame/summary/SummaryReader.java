package io.github.memflame.summary;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a module's {@code memflame.json} into a {@link ReportSummary}, strictly: a key twice in one object, a
 * fraction, a string or {@code true} where a whole number belongs, a number where a string belongs, {@code null}
 * for a list, a missing field or trailing content are refused, each naming the file, the JSON pointer of the value
 * with its line and column, what was expected there and what was found.
 */
public final class SummaryReader {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']*)'.*",
            Pattern.DOTALL);

    // Later versions may add fields (the schema promises only additions), so unknown ones are ignored.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private SummaryReader() {
    }

    /**
     * The versions a summary declares, read before its shape is checked: a summary of another version is named as
     * one, whatever its shape.
     *
     * @param schema its {@code schema}, {@code null} when it has none
     * @param baselineFormat its {@code baselineFormat}, {@code null} when it has none
     */
    public record Versions(Integer schema, Integer baselineFormat) {
    }

    /**
     * @throws IOException naming the file, the position and what was wrong, when it is not a summary of schema
     *                     {@value ReportFiles#SCHEMA}
     */
    public static ReportSummary read(Path file) throws IOException {
        Versions versions = versions(file);
        if (versions.schema() == null || versions.schema() != ReportFiles.SCHEMA) {
            throw new IOException(file + ": summary schema " + versions.schema()
                    + ", expected " + ReportFiles.SCHEMA + " (written by another memflame version?)");
        }
        return parse(file);
    }

    /**
     * A summary read as a baseline: of a {@code baselineFormat} this version reads, and the {@code schema} it writes.
     *
     * @throws OtherVersionException when it has no {@code baselineFormat} or other versions, saying how to make a
     *                               new baseline
     * @throws IOException naming the file, the position and what was wrong, when it is no summary
     */
    public static ReportSummary readBaseline(Path file) throws IOException {
        Versions versions = versions(file);
        if (versions.baselineFormat() == null) {
            throw new OtherVersionException(file + ": expected \"baselineFormat\": " + ReportFiles.OLDEST_BASELINE_FORMAT
                    + " to " + ReportFiles.BASELINE_FORMAT + ", found no baselineFormat: this memflame.json was written by a memflame version without "
                    + "baselines, or is not a report's summary; make a new baseline with this version (run the check, "
                    + "then use its report or memflame:baseline)");
        }
        if (versions.baselineFormat() < ReportFiles.OLDEST_BASELINE_FORMAT
                || versions.baselineFormat() > ReportFiles.BASELINE_FORMAT
                || !Integer.valueOf(ReportFiles.SCHEMA).equals(versions.schema())) {
            throw new OtherVersionException(file + ": expected \"baselineFormat\": " + ReportFiles.OLDEST_BASELINE_FORMAT
                    + " to " + ReportFiles.BASELINE_FORMAT + " and \"schema\": " + ReportFiles.SCHEMA + ", found baselineFormat " + versions.baselineFormat()
                    + " and schema " + versions.schema() + ": written by another memflame version; make a new "
                    + "baseline with this one");
        }
        return parse(file);
    }

    /** A summary of versions this one does not read; the message names the file and both versions. */
    public static final class OtherVersionException extends IOException {
        OtherVersionException(String message) {
            super(message);
        }
    }

    /**
     * Only the versions of a summary.
     *
     * @throws IOException naming the file, the position and what was wrong, when it is no JSON object or its
     *                     versions are not whole numbers
     */
    private static Versions versions(Path file) throws IOException {
        return strict(file, Versions.class);
    }

    /**
     * The summary, for callers that checked its {@link #versions} first.
     *
     * @throws IOException naming the file, the position and what was wrong, when it is no JSON object of the
     *                     summary's shape
     */
    static ReportSummary parse(Path file) throws IOException {
        return strict(file, ReportSummary.class);
    }

    private static <T> T strict(Path file, Class<T> type) throws IOException {
        return strict(file, type, "not a memflame summary");
    }

    /** A JSON file of memflame's read strictly into {@code type}; {@code notOne} says what it then is not. */
    static <T> T strict(Path file, Class<T> type, String notOne) throws IOException {
        T value;
        try {
            value = MAPPER.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new IOException(file + (where == null ? "" : ": line " + where.getLineNr() + ", column "
                    + where.getColumnNr()) + ": " + notOne + ": " + problem(e), e);
        } catch (CharConversionException e) {
            // Jackson guesses UTF-16 or UTF-32 from zero bytes and then fails in its decoder, outside the parser.
            throw new IOException(file + ": " + notOne + ": expected JSON text in UTF-8 (or UTF-16/32), found "
                    + "invalid characters: " + e.getMessage(), e);
        }
        if (value == null) {
            throw new IOException(file + ": " + notOne + ": it holds JSON null");
        }
        return value;
    }

    /** {@code at /snapshots/0/totalBytes: }: where in the document a value was refused; empty for the whole of it. */
    private static String pointer(JsonProcessingException e) {
        String pointer = "";
        if (e instanceof JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                path.append('/').append(reference.getFieldName() != null
                        ? reference.getFieldName().replace("~", "~0").replace("/", "~1")
                        : String.valueOf(reference.getIndex()));
            }
            pointer = path.toString();
        } else if (e.getProcessor() instanceof JsonParser parser) {
            pointer = parser.getParsingContext().pathAsPointer().toString();
        }
        return pointer.isEmpty() ? "" : "at " + pointer + ": ";
    }

    /**
     * What was expected where, and what was found there, in the words of the other readers' messages where
     * Jackson's differ; a syntax error as Jackson words it, its line and column saying where.
     */
    private static String problem(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.matches()) {
            return pointer(e) + "expected each key once in an object, found \"" + duplicate.group(1) + "\" again";
        }
        if (!(e instanceof JsonMappingException)) {
            return original;
        }
        Matcher missing = MISSING.matcher(original);
        if (missing.matches()) {
            return pointer(e) + "expected the key \"" + missing.group(1) + "\", found none";
        }
        if (original.startsWith("Trailing token")) {
            return "expected the end of the file after the summary, found more JSON";
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException invalid) {
            return pointer(e) + invalid.getMessage();
        }
        if (e instanceof MismatchedInputException mismatch && e.getProcessor() instanceof JsonParser parser) {
            String expected = expected(mismatch.getTargetType());
            if (expected != null) {
                return pointer(e) + "expected " + expected + ", found " + found(parser);
            }
        }
        return pointer(e) + original;
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return null;
        }
        if (target == long.class || target == int.class || target == Long.class || target == Integer.class) {
            return "a whole number";
        }
        if (target == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(target)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "an object";
        }
        return null;
    }

    private static String found(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the end of the file";
        }
        try {
            return switch (token) {
                case VALUE_STRING -> "the string \"" + parser.getText() + "\"";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> parser.getText();
                case START_ARRAY -> "an array";
                case START_OBJECT -> "an object";
                default -> token.asString() == null ? token.name() : token.asString();
            };
        } catch (IOException e) {
            return token.name();
        }
    }
}
