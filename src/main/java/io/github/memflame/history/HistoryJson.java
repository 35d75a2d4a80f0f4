package io.github.memflame.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.memflame.format.JsonBidiEscapes;
import io.github.memflame.format.LoneSurrogates;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link HistoryEntry} as {@link HistoryFormat} says (compact, on one line: an entry of 1,500 budget
 * figures is read on every build for a hundred builds), and reads one back strictly with jackson-core's
 * streaming parser: no object is made from a name in the file; a key twice, an unknown or missing key, a fraction
 * or a string where a whole number belongs, trailing content are refused, each naming the line, the column, the
 * JSON pointer of the value, what was expected and what was found.
 */
public final class HistoryJson {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new JsonBidiEscapes())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    // In alphabetical order, as messages list them.
    private static final List<String> ENTRY_KEYS = List.of("budgets", "build", "historyFormat", "result", "snapshots",
            "time");
    private static final List<String> SNAPSHOT_KEYS = List.of("directories", "name", "totalBytes", "traces");
    private static final List<String> BUDGET_KEYS = List.of("bytes", "path", "scope", "snapshot", "status");

    private HistoryJson() {
    }

    /** The entry as the file's text. */
    public static String text(HistoryEntry entry) {
        StringWriter out = new StringWriter(1024 + 128 * entry.budgets().size());
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("historyFormat", HistoryFormat.FORMAT);
            string(json, "build", entry.build());
            string(json, "time", entry.time().toString());
            string(json, "result", entry.passed() ? "passed" : "failed");
            json.writeArrayFieldStart("snapshots");
            for (HistoryEntry.SnapshotFigures snapshot : entry.snapshots()) {
                json.writeStartObject();
                string(json, "name", snapshot.name());
                json.writeNumberField("totalBytes", snapshot.totalBytes());
                json.writeNumberField("traces", snapshot.traces());
                json.writeObjectFieldStart("directories");
                for (Map.Entry<String, Long> directory : snapshot.directories().entrySet()) {
                    json.writeNumberField(LoneSurrogates.replace(directory.getKey()), directory.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("budgets");
            for (HistoryEntry.BudgetFigure budget : entry.budgets()) {
                json.writeStartObject();
                string(json, "path", budget.path());
                string(json, "scope", budget.scope());
                string(json, "snapshot", budget.snapshot());
                json.writeNumberField("bytes", budget.bytes());
                string(json, "status", budget.status());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string failed", e);
        }
        return out.toString() + "\n";
    }

    private static void string(JsonGenerator json, String field, String value) throws IOException {
        json.writeStringField(field, LoneSurrogates.replace(value));
    }

    /**
     * The entry the bytes hold.
     *
     * @param name how messages name the file
     * @throws HistoryException naming the file, the line and column, the JSON pointer, what was expected and what
     *                          was found
     */
    public static HistoryEntry read(String name, byte[] bytes) throws HistoryException {
        if (bytes.length == 0) {
            throw new HistoryException(name + ": not a memflame history entry: the file is empty (cut short when it "
                    + "was saved or restored?)");
        }
        String text = utf8(name, bytes);
        JsonParser parser;
        try {
            parser = FACTORY.createParser(text);
        } catch (IOException e) {
            throw new HistoryException(name + ": not a memflame history entry: " + e.getMessage());
        }
        try (parser) {
            Reader reader = new Reader(name, parser);
            HistoryEntry entry = reader.entry();
            if (parser.nextToken() != null) {
                throw reader.refused("", "the end of the file after the entry", "more JSON");
            }
            return entry;
        } catch (JsonProcessingException e) {
            // Jackson's own words, without its note of where an unclosed object started (no source to name) and of
            // which of its settings set a bound.
            String message = e.getOriginalMessage().replaceAll(" \\(start marker at \\[Source: .*?\\]\\)", "")
                    .replaceAll(", from `[^`]*`", "");
            String duplicate = "Duplicate field '";
            if (message.startsWith(duplicate)) {
                String key = message.substring(duplicate.length(), message.indexOf('\'', duplicate.length()));
                message = "expected each key once in an object, found \"" + key + "\" again";
            }
            // A bound of the parser (a number of 5,000 digits) says no place; the parser knows where it stopped.
            JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            throw new HistoryException(name + ": line " + where.getLineNr() + ", column " + where.getColumnNr()
                    + ": not a memflame history entry: " + message);
        } catch (HistoryException e) {
            throw e;
        } catch (IOException e) {
            throw new HistoryException(name + ": not a memflame history entry: " + e.getMessage());
        }
    }

    /** The text, which memflame writes in UTF-8 only; Jackson would also guess UTF-16 and UTF-32. */
    private static String utf8(String name, byte[] bytes) throws HistoryException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new HistoryException(name + ": not a memflame history entry: expected UTF-8 text, found a byte "
                    + "sequence that is not UTF-8 at byte " + in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** The recursive descent over the parser's tokens; each method starts on the value's first token. */
    private static final class Reader {
        private final String name;
        private final JsonParser parser;

        Reader(String name, JsonParser parser) {
            this.name = name;
            this.parser = parser;
        }

        HistoryEntry entry() throws IOException {
            parser.nextToken();
            Map<String, Object> fields = object("", ENTRY_KEYS, (key, pointer) -> switch (key) {
                case "historyFormat" -> {
                    long format = whole(pointer);
                    if (format != HistoryFormat.FORMAT) {
                        throw refused(pointer, "historyFormat " + HistoryFormat.FORMAT + " (this memflame's)",
                                format + ": written by another memflame version");
                    }
                    yield format;
                }
                case "build", "time" -> string(pointer);
                case "result" -> {
                    String result = string(pointer);
                    if (!result.equals("passed") && !result.equals("failed")) {
                        throw refused(pointer, "\"passed\" or \"failed\"", quoted(result));
                    }
                    yield result;
                }
                case "snapshots" -> array(pointer, this::snapshot);
                default -> array(pointer, this::budget);
            });
            String timeText = (String) fields.get("time");
            Instant time;
            try {
                // As written: UTC with a Z; an offset would read, but no memflame wrote it.
                if (!timeText.endsWith("Z")) {
                    throw new DateTimeParseException("not UTC", timeText, 0);
                }
                time = Instant.parse(timeText);
            } catch (DateTimeParseException e) {
                throw new HistoryException(name + ": not a memflame history entry: at /time: expected a UTC time "
                        + "such as 2026-12-07T04:45:40Z, found " + quoted(timeText));
            }
            try {
                return new HistoryEntry((String) fields.get("build"), time, fields.get("result").equals("passed"),
                        cast(fields.get("snapshots")), cast(fields.get("budgets")));
            } catch (IllegalArgumentException e) {
                throw new HistoryException(name + ": not a memflame history entry: " + e.getMessage());
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> cast(Object list) {
            return (List<T>) list;
        }

        private HistoryEntry.SnapshotFigures snapshot(String pointer) throws IOException {
            Map<String, Object> fields = object(pointer, SNAPSHOT_KEYS, (key, at) -> switch (key) {
                case "name" -> string(at);
                case "directories" -> directories(at);
                default -> whole(at);
            });
            return checked(pointer, () -> new HistoryEntry.SnapshotFigures((String) fields.get("name"),
                    (Long) fields.get("totalBytes"), (Long) fields.get("traces"), cast2(fields.get("directories"))));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Long> cast2(Object map) {
            return (Map<String, Long>) map;
        }

        private Map<String, Long> directories(String pointer) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw refused(pointer, "an object", found());
            }
            Map<String, Long> directories = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String directory = parser.currentName();
                parser.nextToken();
                directories.put(directory, whole(pointer + "/" + escape(directory)));
            }
            return directories;
        }

        private HistoryEntry.BudgetFigure budget(String pointer) throws IOException {
            Map<String, Object> fields = object(pointer, BUDGET_KEYS, (key, at) -> key.equals("bytes")
                    ? whole(at) : string(at));
            return checked(pointer, () -> new HistoryEntry.BudgetFigure((String) fields.get("path"),
                    (String) fields.get("scope"), (String) fields.get("snapshot"), (Long) fields.get("bytes"),
                    (String) fields.get("status")));
        }

        private interface Value {
            Object read(String key, String pointer) throws IOException;
        }

        private interface Element<T> {
            T read(String pointer) throws IOException;
        }

        private interface Made<T> {
            T make();
        }

        private <T> T checked(String pointer, Made<T> made) throws HistoryException {
            try {
                return made.make();
            } catch (IllegalArgumentException e) {
                throw new HistoryException(name + ": not a memflame history entry: at " + pointer + ": "
                        + e.getMessage());
            }
        }

        /** An object with exactly the keys given, each read by {@code value}. */
        private Map<String, Object> object(String pointer, List<String> keys, Value value) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw refused(pointer, "an object", found());
            }
            Map<String, Object> fields = new HashMap<>(keys.size() * 2);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (!keys.contains(key)) {
                    throw refused(pointer + "/" + escape(key), "one of the keys " + String.join(", ", keys),
                            "the key " + quoted(key));
                }
                parser.nextToken();
                fields.put(key, value.read(key, pointer + "/" + key));
            }
            for (String key : keys) {
                if (!fields.containsKey(key)) {
                    throw refused(pointer, "the key " + quoted(key), "none");
                }
            }
            return fields;
        }

        private <T> List<T> array(String pointer, Element<T> element) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw refused(pointer, "an array", found());
            }
            List<T> elements = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                elements.add(element.read(pointer + "/" + elements.size()));
            }
            return elements;
        }

        private long whole(String pointer) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw refused(pointer, "a whole number", found());
            }
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw refused(pointer, "a whole number up to " + Long.MAX_VALUE, parser.getText());
            }
            return parser.getLongValue();
        }

        private String string(String pointer) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw refused(pointer, "a string", found());
            }
            return parser.getText();
        }

        private String found() throws IOException {
            JsonToken token = parser.currentToken();
            if (token == null) {
                return "the end of the file";
            }
            return switch (token) {
                case VALUE_STRING -> quoted(parser.getText());
                case START_ARRAY -> "an array";
                case START_OBJECT -> "an object";
                default -> parser.getText();
            };
        }

        HistoryException refused(String pointer, String expected, String found) {
            var where = parser.currentTokenLocation();
            return new HistoryException(name + ": line " + where.getLineNr() + ", column " + where.getColumnNr()
                    + ": not a memflame history entry: " + (pointer.isEmpty() ? "" : "at " + pointer + ": ")
                    + "expected " + expected + ", found " + found);
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** A string as found, quoted and cut at 80 characters: a message must not repeat a megabyte of it. */
    private static String quoted(String text) {
        return text.length() > 80 ? "\"" + text.substring(0, 80) + "\"... (" + text.length() + " characters)"
                : "\"" + text + "\"";
    }
}
