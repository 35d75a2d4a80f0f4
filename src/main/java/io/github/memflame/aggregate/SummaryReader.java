package io.github.memflame.aggregate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a module's {@code memflame.json} into a {@link ReportSummary}. */
public final class SummaryReader {
    /** The summary schema this version reads. */
    public static final int SCHEMA = 1;

    // Later versions may add fields (the schema promises only additions), so unknown ones are ignored.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SummaryReader() {
    }

    /**
     * @throws IOException naming the file, the line and column, and what was wrong, when it is not a summary of
     *                     schema {@value #SCHEMA}
     */
    public static ReportSummary read(Path file) throws IOException {
        ReportSummary summary = parse(file);
        if (summary.schema() != SCHEMA) {
            throw new IOException(file + ": summary schema " + summary.schema()
                    + ", expected " + SCHEMA + " (written by another memflame version?)");
        }
        return summary;
    }

    /**
     * The summary whatever its schema, for callers that check another version first.
     *
     * @throws IOException naming the file, the line and column, and what was wrong, when it is no JSON object of
     *                     the summary's shape
     */
    public static ReportSummary parse(Path file) throws IOException {
        ReportSummary summary;
        try {
            summary = MAPPER.readValue(file.toFile(), ReportSummary.class);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new IOException(file + (where == null ? "" : ": line " + where.getLineNr() + ", column "
                    + where.getColumnNr()) + ": not a memflame summary: " + e.getOriginalMessage(), e);
        } catch (CharConversionException e) {
            // Jackson guesses UTF-16 or UTF-32 from zero bytes and then fails in its decoder, outside the parser.
            throw new IOException(file + ": not a memflame summary: expected JSON text in UTF-8 (or UTF-16/32), found "
                    + "invalid characters: " + e.getMessage(), e);
        }
        if (summary == null) {
            throw new IOException(file + ": not a memflame summary: it holds JSON null");
        }
        return summary;
    }
}
