package io.github.memflame.read;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code json.dump(tracemalloc._get_traces(), f)} output of any CPython version, and the object form
 * {@code {"traces": [...], "traceback_limit": N}}. The trace layout is taken from the first trace's element
 * types and every other trace must have the same one; anything else is an error, never a guess:
 * <ul>
 *   <li>{@code [size, traceback]}: CPython 3.4/3.5 and Python 2.7 pytracemalloc;</li>
 *   <li>{@code [domain, size, traceback]}: CPython 3.6 to 3.8;</li>
 *   <li>{@code [size, traceback, "tag"]}: some Python 2.7 ports;</li>
 *   <li>{@code [domain, size, traceback, total_nframe]}: CPython 3.9 and later.</li>
 * </ul>
 */
public final class JsonTracesReader implements SnapshotReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(40)
                    .build())
            .build();

    private enum Layout {
        SIZE_TRACEBACK("[size, traceback]", "int,traceback", 0),
        DOMAIN_SIZE_TRACEBACK("[domain, size, traceback]", "int,int,traceback", 1),
        SIZE_TRACEBACK_TAG("[size, traceback, tag]", "int,traceback,string", 0),
        DOMAIN_SIZE_TRACEBACK_NFRAME("[domain, size, traceback, total_nframe]", "int,int,traceback,int", 1);

        final String description;
        final String signature;
        final int sizeIndex;

        Layout(String description, String signature, int sizeIndex) {
            this.description = description;
            this.signature = signature;
            this.sizeIndex = sizeIndex;
        }

        static Layout of(String signature) {
            for (Layout layout : values()) {
                if (layout.signature.equals(signature)) {
                    return layout;
                }
            }
            return null;
        }
    }

    @Override
    public DumpFormat format() {
        return DumpFormat.JSON_TRACES;
    }

    @Override
    public void read(InputStream in, String source, Interner interner, TraceSink sink)
            throws IOException, DumpFormatException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            new Reading(parser, source, interner, sink).document();
        } catch (JacksonException e) {
            // Malformed JSON, a limit of StreamReadConstraints, a number that does not fit: all the dump's fault.
            JsonLocation location = e.getLocation();
            throw new DumpFormatException(source, location == null ? "the JSON input" : position(location),
                    "well-formed JSON within memflame's limits", e.getOriginalMessage());
        } catch (CharConversionException e) {
            // Jackson guesses UTF-16 or UTF-32 from zero bytes at the start and then meets invalid characters.
            throw new DumpFormatException(source, "the JSON input", "JSON text in UTF-8 (or UTF-16/32)",
                    "invalid characters: " + e.getMessage());
        }
    }

    private static String position(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static final class Reading {
        private final JsonParser parser;
        private final String source;
        private final Interner interner;
        private final TraceSink sink;
        private final List<Frame> frames = new ArrayList<>();
        private Layout layout;
        private String jsonPathPrefix = "$";

        Reading(JsonParser parser, String source, Interner interner, TraceSink sink) {
            this.parser = parser;
            this.source = source;
            this.interner = interner;
            this.sink = sink;
        }

        void document() throws IOException, DumpFormatException {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                traces();
            } else if (first == JsonToken.START_OBJECT) {
                objectForm();
            } else {
                throw error("$", "a JSON array of traces or an object with \"traces\"", describe(first));
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw error("$", "the end of the input after the traces", describe(trailing));
            }
        }

        private void objectForm() throws IOException, DumpFormatException {
            boolean sawTraces = false;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                String path = "$." + field;
                if ("traces".equals(field) && value == JsonToken.START_ARRAY && !sawTraces) {
                    jsonPathPrefix = "$.traces";
                    traces();
                    sawTraces = true;
                } else if ("traceback_limit".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    nonNegativeLong(path, "a non-negative traceback limit");
                } else {
                    throw error(path, "only \"traces\" (an array, once) and \"traceback_limit\" (an integer)",
                            describe(value) + " for \"" + field + "\"");
                }
            }
            if (!sawTraces) {
                throw error("$", "an object with a \"traces\" array", "no \"traces\" field");
            }
        }

        private void traces() throws IOException, DumpFormatException {
            long index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                String path = jsonPathPrefix + "[" + index + "]";
                if (token != JsonToken.START_ARRAY) {
                    throw error(path, "a trace array such as [size, traceback]", describe(token));
                }
                trace(path);
                index++;
            }
        }

        private void trace(String path) throws IOException, DumpFormatException {
            JsonLocation start = parser.currentTokenLocation();
            long[] integers = new long[4];
            StringBuilder signature = new StringBuilder();
            Traceback traceback = null;
            int element = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                String elementPath = path + "[" + element + "]";
                if (element >= 4) {
                    throw error(elementPath, "at most 4 elements in a trace", "a fifth element");
                }
                if (signature.length() > 0) {
                    signature.append(',');
                }
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    integers[element] = integer(elementPath);
                    signature.append("int");
                } else if (token == JsonToken.START_ARRAY) {
                    traceback = traceback(elementPath);
                    signature.append("traceback");
                } else if (token == JsonToken.VALUE_STRING) {
                    signature.append("string");
                } else {
                    throw error(elementPath, "an integer, a traceback array or a tag string", describe(token));
                }
                element++;
            }
            Layout traceLayout = Layout.of(signature.toString());
            if (traceLayout == null) {
                throw error(path, start, "a known trace layout: " + layoutList(), "[" + signature + "]");
            }
            if (layout == null) {
                layout = traceLayout;
            } else if (layout != traceLayout) {
                throw error(path, start, "the layout of the first trace, " + layout.description,
                        traceLayout.description);
            }
            long size = integers[layout.sizeIndex];
            if (size < 0) {
                throw error(path + "[" + layout.sizeIndex + "]", "a size of zero or more bytes", Long.toString(size));
            }
            try {
                sink.trace(size, traceback);
            } catch (ArithmeticException overflow) {
                throw error(path, start, "a snapshot total of at most " + Long.MAX_VALUE + " bytes",
                        "a total above it");
            }
        }

        private Traceback traceback(String path) throws IOException, DumpFormatException {
            frames.clear();
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                String framePath = path + "[" + index + "]";
                if (token != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw error(framePath, "a frame [filename, lineno]", describe(parser.currentToken()));
                }
                String file = parser.getText();
                JsonToken lineToken = parser.nextToken();
                int line;
                if (lineToken == JsonToken.VALUE_NULL) {
                    line = 0;
                } else if (lineToken == JsonToken.VALUE_NUMBER_INT) {
                    long value = integer(framePath + "[1]");
                    if (value < 0 || value > Integer.MAX_VALUE) {
                        throw error(framePath + "[1]", "a line number from 0 to " + Integer.MAX_VALUE,
                                Long.toString(value));
                    }
                    line = (int) value;
                } else {
                    throw error(framePath + "[1]", "a line number or null", describe(lineToken));
                }
                JsonToken end = parser.nextToken();
                if (end != JsonToken.END_ARRAY) {
                    throw error(framePath, "a frame of exactly two elements", describe(end));
                }
                frames.add(interner.frame(file, line));
                index++;
            }
            return interner.traceback(frames.toArray(new Frame[0]));
        }

        private long integer(String path) throws IOException, DumpFormatException {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw error(path, "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE, parser.getText());
            }
            return parser.getLongValue();
        }

        private void nonNegativeLong(String path, String expected) throws IOException, DumpFormatException {
            long value = integer(path);
            if (value < 0) {
                throw error(path, expected, Long.toString(value));
            }
        }

        private DumpFormatException error(String jsonPath, String expected, String found) {
            return error(jsonPath, parser.currentTokenLocation(), expected, found);
        }

        private DumpFormatException error(String jsonPath, JsonLocation location, String expected, String found) {
            return new DumpFormatException(source, jsonPath + " (" + position(location) + ")", expected, found);
        }

        private String describe(JsonToken token) throws IOException {
            if (token == null) {
                return "the end of the input";
            }
            return switch (token) {
                case START_ARRAY -> "an array";
                case START_OBJECT -> "an object";
                case VALUE_STRING -> "the string \"" + abbreviate(parser.getText()) + "\"";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + abbreviate(parser.getText());
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + parser.getText();
                case VALUE_NULL -> "null";
                default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
            };
        }

        private static String abbreviate(String text) {
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }

        private static String layoutList() {
            List<String> names = new ArrayList<>();
            for (Layout each : Layout.values()) {
                names.add(each.description);
            }
            return String.join(", ", names);
        }
    }
}
