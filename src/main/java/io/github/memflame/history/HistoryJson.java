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
 * JSON pointer of the value, what was expected and what was found. Text exactly as written, as nearly every
 * entry of a history is, is read straight from its bytes by {@link AsWrittenReader} first, to the same entry.
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
    private static final List<String> BUDGET_KEYS = List.of("figures", "path", "scope");
    private static final List<String> FORMAT_1_FIGURE_KEYS = List.of("bytes", "path", "scope", "snapshot", "status");
    // In the order text() writes them.
    private static final List<String> ENTRY_ORDER = List.of("historyFormat", "build", "time", "result", "snapshots",
            "budgets");
    private static final List<String> SNAPSHOT_ORDER = List.of("name", "totalBytes", "traces", "directories");
    private static final List<String> BUDGET_ORDER = List.of("path", "scope", "figures");
    private static final List<String> FORMAT_1_FIGURE_ORDER = List.of("path", "scope", "snapshot", "bytes", "status");

    private HistoryJson() {
    }

    /** The entry as the file's text, in the current format. */
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
            for (HistoryEntry.BudgetFigures budget : entry.budgets()) {
                json.writeStartObject();
                string(json, "path", budget.path());
                string(json, "scope", budget.scope());
                json.writeArrayFieldStart("figures");
                for (HistoryEntry.Figure figure : budget.figures()) {
                    json.writeStartArray();
                    json.writeNumber(figure.snapshot());
                    json.writeNumber(figure.bytes());
                    json.writeString(LoneSurrogates.replace(figure.status()));
                    json.writeEndArray();
                }
                json.writeEndArray();
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
     * An entry read, with the file's text when it is exactly what {@link #text} writes for the entry: a history
     * written for the next build copies that text rather than writing the entry anew.
     *
     * @param entry the entry
     * @param text the file's text, or {@code null} when {@link #text} would write other text (spaces, another
     *             order of keys, escapes, characters outside printable ASCII)
     */
    public record Parsed(HistoryEntry entry, String text) {
    }

    /**
     * The entry the bytes hold.
     *
     * @param name how messages name the file
     * @throws HistoryException naming the file, the line and column, the JSON pointer, what was expected and what
     *                          was found
     */
    public static HistoryEntry read(String name, byte[] bytes) throws HistoryException {
        return parse(name, bytes).entry();
    }

    /**
     * The entry the bytes hold, and their text when {@link #text} writes exactly that for it.
     *
     * @param name how messages name the file
     * @throws HistoryException as {@link #read} does
     */
    public static Parsed parse(String name, byte[] bytes) throws HistoryException {
        HistoryEntry asWritten = AsWrittenReader.read(bytes);
        if (asWritten != null) {
            return new Parsed(asWritten, new String(bytes, StandardCharsets.ISO_8859_1));
        }
        return parseStrictly(name, bytes);
    }

    /** {@link #parse} without the reader of text exactly as written: the tests compare the two. */
    static Parsed parseStrictly(String name, byte[] bytes) throws HistoryException {
        if (bytes.length == 0) {
            throw new HistoryException(name + ": not a memflame history entry: the file is empty (cut short when it "
                    + "was saved or restored?)");
        }
        Text text = utf8(name, bytes);
        JsonParser parser;
        try {
            // From the characters themselves: Jackson reads a String of more than 32K characters through a Reader.
            parser = FACTORY.createParser(text.chars(), 0, text.length());
        } catch (IOException e) {
            throw new HistoryException(name + ": not a memflame history entry: " + e.getMessage());
        }
        try (parser) {
            Reader reader = new Reader(name, parser, declaredFormat(text));
            HistoryEntry entry = reader.entry();
            if (parser.nextToken() != null) {
                throw reader.refused(Pointer.ROOT, "the end of the file after the entry", "more JSON");
            }
            // Without a backslash, no string holds an escape, a quote or a control character, and each is written
            // as it is read. Every token is then as long as this memflame writes it, spaces between them add to the
            // length, and the text is as written when it is no longer than that.
            boolean asWritten = reader.format == HistoryFormat.FORMAT && reader.canonical && text.plain() && text.length() == reader.canonicalLength + 1;
            return new Parsed(entry, asWritten ? new String(bytes, StandardCharsets.ISO_8859_1) : null);
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
            String endOfInput = "Unexpected end-of-input";
            if (message.startsWith(endOfInput)) {
                // A copy cut short (a full disk, a cache restored in part) is the likeliest damage: say so.
                String detail = message.substring(endOfInput.length()).replaceFirst("^:", "").trim();
                message = "expected the rest of the entry, found the end of the file (the entry is cut short"
                        + (detail.isEmpty() ? "" : ": " + detail) + ")";
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

    /**
     * The {@code historyFormat} the entry's object declares, read before the rest (its keys may come in any order,
     * and format 1 lists its budget figures another way); the current format when it declares none this memflame
     * reads, and the read that follows says why.
     */
    private static int declaredFormat(Text text) {
        try (JsonParser parser = FACTORY.createParser(text.chars(), 0, text.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return HistoryFormat.FORMAT;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean format = parser.currentName().equals("historyFormat");
                JsonToken value = parser.nextToken();
                if (format) {
                    return value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
                            && parser.getIntValue() == 1 ? 1 : HistoryFormat.FORMAT;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            // The read that follows names the flaw.
        }
        return HistoryFormat.FORMAT;
    }

    /**
     * An entry's characters.
     *
     * @param plain whether its bytes are printable ASCII without a backslash, then a newline
     */
    private record Text(char[] chars, int length, boolean plain) {
    }

    /** The text, which memflame writes in UTF-8 only; Jackson would also guess UTF-16 and UTF-32. */
    private static Text utf8(String name, byte[] bytes) throws HistoryException {
        // ASCII, as memflame writes an entry of plain names, is its own UTF-8: widened without a decoder.
        char[] chars = new char[bytes.length];
        int last = bytes.length - 1;
        boolean plain = true;
        for (int i = 0; i < last; i++) {
            byte b = bytes[i];
            if (b < 0x20 || b > 0x7e || b == '\\') {
                if (b < 0) {
                    return decoded(name, bytes);
                }
                plain = false;
            }
            chars[i] = (char) b;
        }
        if (bytes[last] < 0) {
            return decoded(name, bytes);
        }
        chars[last] = (char) bytes[last];
        return new Text(chars, bytes.length, plain && bytes[last] == '\n');
    }

    private static Text decoded(String name, byte[] bytes) throws HistoryException {
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
        return new Text(out.array(), out.position(), false);
    }

    /**
     * Where a value is, made into a JSON pointer only for a message: an entry holds some 20,000 values, and all
     * but a refused one are read without naming them.
     */
    private record Pointer(Pointer parent, String key, int index) {
        static final Pointer ROOT = new Pointer(null, null, -1);

        Pointer key(String name) {
            return new Pointer(this, name, -1);
        }

        Pointer index(int at) {
            return new Pointer(this, null, at);
        }

        boolean isRoot() {
            return parent == null;
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            return parent + "/" + (key == null ? Integer.toString(index) : escape(key));
        }
    }

    /** The recursive descent over the parser's tokens; each method starts on the value's first token. */
    private static final class Reader {
        private final String name;
        private final JsonParser parser;
        /** The format the entry declares: how its budgets' figures are laid out. */
        final int format;
        /** The length of the entry as {@link #text} writes it, summed over the tokens read. */
        long canonicalLength;
        /** Whether the keys are in {@link #text}'s order and the time as it writes it. */
        boolean canonical = true;

        Reader(String name, JsonParser parser, int format) {
            this.name = name;
            this.parser = parser;
            this.format = format;
        }

        HistoryEntry entry() throws IOException {
            parser.nextToken();
            Object[] fields = object(Pointer.ROOT, ENTRY_KEYS, ENTRY_ORDER, (key, pointer) -> switch (key) {
                case "historyFormat" -> {
                    long declared = whole(pointer);
                    if (declared != 1 && declared != HistoryFormat.FORMAT) {
                        throw refused(pointer, "historyFormat 1 or " + HistoryFormat.FORMAT
                                + " (the formats this memflame reads)", declared
                                + ": written by another memflame version");
                    }
                    yield declared;
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
                default -> format == 1 ? array(pointer, this::format1Figure) : array(pointer, this::budget);
            });
            String timeText = (String) fields[ENTRY_KEYS.indexOf("time")];
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
            canonical &= timeText.equals(time.toString());
            List<HistoryEntry.SnapshotFigures> snapshots = cast(fields[ENTRY_KEYS.indexOf("snapshots")]);
            List<HistoryEntry.BudgetFigures> budgets = format == 1
                    ? grouped(cast(fields[ENTRY_KEYS.indexOf("budgets")]), snapshots)
                    : inRange(cast(fields[ENTRY_KEYS.indexOf("budgets")]), snapshots.size());
            try {
                return new HistoryEntry((String) fields[ENTRY_KEYS.indexOf("build")], time,
                        fields[ENTRY_KEYS.indexOf("result")].equals("passed"), snapshots, budgets);
            } catch (IllegalArgumentException e) {
                throw new HistoryException(name + ": not a memflame history entry: " + e.getMessage());
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> T cast(Object value) {
            return (T) value;
        }

        private HistoryEntry.SnapshotFigures snapshot(Pointer pointer) throws IOException {
            Object[] fields = object(pointer, SNAPSHOT_KEYS, SNAPSHOT_ORDER, (key, at) -> switch (key) {
                case "name" -> string(at);
                case "directories" -> directories(at);
                default -> whole(at);
            });
            // In SNAPSHOT_KEYS' order: directories, name, totalBytes, traces.
            return checked(pointer, () -> new HistoryEntry.SnapshotFigures((String) fields[1], (Long) fields[2],
                    (Long) fields[3], cast(fields[0])));
        }

        private Map<String, Long> directories(Pointer pointer) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw refused(pointer, "an object", found());
            }
            Map<String, Long> directories = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String directory = parser.currentName();
                counted(directory, 1);
                parser.nextToken();
                directories.put(directory, whole(pointer.key(directory)));
            }
            canonicalLength += directories.isEmpty() ? 2 : 1 + directories.size();
            return directories;
        }

        private HistoryEntry.BudgetFigures budget(Pointer pointer) throws IOException {
            Object[] fields = object(pointer, BUDGET_KEYS, BUDGET_ORDER, (key, at) -> key.equals("figures")
                    ? array(at, this::figure) : string(at));
            // In BUDGET_KEYS' order: figures, path, scope.
            return checked(pointer, () -> new HistoryEntry.BudgetFigures((String) fields[1], (String) fields[2],
                    cast(fields[0])));
        }

        /** {@code [snapshot, bytes, status]}: the snapshot's index in the entry, the figure, its status. */
        private HistoryEntry.Figure figure(Pointer pointer) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw refused(pointer, "an array [snapshot, bytes, status]", found());
            }
            // A wrong count of values is named where the array starts.
            JsonLocation start = parser.currentTokenLocation();
            nextOfFigure(pointer, start, 0);
            long snapshot = whole(pointer.index(0));
            if (snapshot > Integer.MAX_VALUE) {
                throw refused(pointer.index(0), "the index of a snapshot of the entry", Long.toString(snapshot));
            }
            nextOfFigure(pointer, start, 1);
            long bytes = whole(pointer.index(1));
            nextOfFigure(pointer, start, 2);
            String status = string(pointer.index(2));
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw refused(pointer, start, "an array of 3 values [snapshot, bytes, status]", "more values");
            }
            canonicalLength += 4;
            return checked(pointer, () -> new HistoryEntry.Figure((int) snapshot, bytes, status));
        }

        private void nextOfFigure(Pointer pointer, JsonLocation start, int values) throws IOException {
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                throw refused(pointer, start, "an array of 3 values [snapshot, bytes, status]",
                        "an array of " + values);
            }
        }

        /** Format 2's figures name a snapshot by its index in the entry: one of its snapshots. */
        private List<HistoryEntry.BudgetFigures> inRange(List<HistoryEntry.BudgetFigures> budgets, int snapshots)
                throws HistoryException {
            for (int i = 0; i < budgets.size(); i++) {
                List<HistoryEntry.Figure> figures = budgets.get(i).figures();
                for (int j = 0; j < figures.size(); j++) {
                    if (figures.get(j).snapshot() >= snapshots) {
                        throw new HistoryException(name + ": not a memflame history entry: at "
                                + Pointer.ROOT.key("budgets").index(i).key("figures").index(j).index(0) + ": expected "
                                + (snapshots == 0 ? "no figure, as the entry holds no snapshot"
                                : "the index of one of the entry's " + snapshots + " snapshots (0 to "
                                + (snapshots - 1) + ")") + ", found " + figures.get(j).snapshot());
                    }
                }
            }
            return budgets;
        }

        /** A budget figure as format 1 lists it, each naming its budget and snapshot. */
        private record Format1Figure(Pointer pointer, String path, String scope, String snapshot, long bytes,
                                     String status) {
        }

        private Format1Figure format1Figure(Pointer pointer) throws IOException {
            Object[] fields = object(pointer, FORMAT_1_FIGURE_KEYS, FORMAT_1_FIGURE_ORDER,
                    (key, at) -> key.equals("bytes") ? whole(at) : string(at));
            // In FORMAT_1_FIGURE_KEYS' order: bytes, path, scope, snapshot, status.
            return new Format1Figure(pointer, (String) fields[1], (String) fields[2], (String) fields[3],
                    (Long) fields[0], (String) fields[4]);
        }

        /**
         * Format 1's figures as format 2 holds them: a run of figures of the same path and scope is one budget's
         * (format 1 lists them budget by budget), each naming its snapshot by its index in the entry.
         */
        private List<HistoryEntry.BudgetFigures> grouped(List<Format1Figure> flat,
                                                          List<HistoryEntry.SnapshotFigures> snapshots)
                throws HistoryException {
            Map<String, Integer> snapshotIndex = new HashMap<>();
            for (int i = 0; i < snapshots.size(); i++) {
                snapshotIndex.putIfAbsent(snapshots.get(i).name(), i);
            }
            List<HistoryEntry.BudgetFigures> budgets = new ArrayList<>();
            int at = 0;
            while (at < flat.size()) {
                Format1Figure first = flat.get(at);
                List<HistoryEntry.Figure> figures = new ArrayList<>();
                for (; at < flat.size() && flat.get(at).path().equals(first.path())
                        && flat.get(at).scope().equals(first.scope()); at++) {
                    Format1Figure figure = flat.get(at);
                    Integer snapshot = snapshotIndex.get(figure.snapshot());
                    if (snapshot == null) {
                        throw new HistoryException(name + ": not a memflame history entry: at "
                                + figure.pointer().key("snapshot") + ": expected the name of one of the entry's "
                                + "snapshots, found " + quoted(figure.snapshot()));
                    }
                    figures.add(checked(figure.pointer(), () -> new HistoryEntry.Figure(snapshot, figure.bytes(),
                            figure.status())));
                }
                budgets.add(checked(first.pointer(), () -> new HistoryEntry.BudgetFigures(first.path(),
                        first.scope(), figures)));
            }
            return budgets;
        }

        private interface Value {
            Object read(String key, Pointer pointer) throws IOException;
        }

        private interface Element<T> {
            T read(Pointer pointer) throws IOException;
        }

        private interface Made<T> {
            T make();
        }

        private <T> T checked(Pointer pointer, Made<T> made) throws HistoryException {
            try {
                return made.make();
            } catch (IllegalArgumentException e) {
                throw new HistoryException(name + ": not a memflame history entry: at " + pointer + ": "
                        + e.getMessage());
            }
        }

        /**
         * An object with exactly the keys given, each read by {@code value}: their values in the order of
         * {@code keys}.
         *
         * @param written the keys in the order {@link #text} writes them
         */
        private Object[] object(Pointer pointer, List<String> keys, List<String> written, Value value)
                throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw refused(pointer, "an object", found());
            }
            Object[] fields = new Object[keys.size()];
            int read = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int at = keys.indexOf(key);
                if (at < 0) {
                    throw refused(pointer.key(key), "one of the keys " + String.join(", ", keys),
                            "the key " + quoted(key));
                }
                canonical &= read < written.size() && written.get(read).equals(key);
                read++;
                counted(key, 1);
                parser.nextToken();
                fields[at] = value.read(key, pointer.key(key));
            }
            for (int i = 0; i < keys.size(); i++) {
                if (fields[i] == null) {
                    throw refused(pointer, "the key " + quoted(keys.get(i)), "none");
                }
            }
            canonicalLength += 1 + keys.size();
            return fields;
        }

        private <T> List<T> array(Pointer pointer, Element<T> element) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw refused(pointer, "an array", found());
            }
            List<T> elements = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                elements.add(element.read(pointer.index(elements.size())));
            }
            canonicalLength += elements.isEmpty() ? 2 : 1 + elements.size();
            return elements;
        }

        private long whole(Pointer pointer) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw refused(pointer, "a whole number", found());
            }
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw refused(pointer, "a whole number up to " + Long.MAX_VALUE, parser.getText());
            }
            long whole = parser.getLongValue();
            canonicalLength += digits(whole);
            return whole;
        }

        private String string(Pointer pointer) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw refused(pointer, "a string", found());
            }
            String string = parser.getText();
            counted(string, 0);
            return string;
        }

        /** Counts a string as {@link #text} writes one without escapes, and {@code separator} characters after it. */
        private void counted(String string, int separator) {
            canonicalLength += string.length() + 2 + separator;
        }

        private static int digits(long whole) {
            int digits = 1;
            for (long rest = whole / 10; rest != 0; rest /= 10) {
                digits++;
            }
            return whole < 0 ? digits + 1 : digits;
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

        HistoryException refused(Pointer pointer, String expected, String found) {
            return refused(pointer, parser.currentTokenLocation(), expected, found);
        }

        HistoryException refused(Pointer pointer, JsonLocation where, String expected, String found) {
            return new HistoryException(name + ": line " + where.getLineNr() + ", column " + where.getColumnNr()
                    + ": not a memflame history entry: " + (pointer.isRoot() ? "" : "at " + pointer + ": ")
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
