package io.github.memflame.summary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.memflame.fold.FrameIdentity;
import io.github.memflame.fold.Site;
import io.github.memflame.format.JsonBidiEscapes;
import io.github.memflame.format.LoneSurrogates;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot's frame identities ({@code NAME.frames.json}, see {@link ReportFiles#frames}), which a later run
 * matches its frames with ({@link io.github.memflame.fold.FrameMatcher}): one entry per distinct frame of the
 * snapshot's stacks that the sources identified, sorted by path, then line.
 *
 * <pre>{@code
 * {"frames": [{"path": "client/controller/battle_controller.py", "line": 37,
 *              "function": "BattleController._tick", "lineInFunction": 1, "text": "3f0c5d0e9a1b2c44"}]}
 * }</pre>
 *
 * <p>{@code text} is the fingerprint of the line's text with whitespace normalized, {@code null} when another line
 * of the same function has the same text.
 */
public final class FramesFile {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new JsonBidiEscapes()).build();
    private static final Comparator<Site> BY_PATH_THEN_LINE =
            Comparator.comparing(Site::path).thenComparingInt(Site::line);

    private FramesFile() {
    }

    /** Writes the identities to {@code out}, which is flushed, not closed. */
    public static void write(Map<Site, FrameIdentity> identities, Writer out) throws IOException {
        List<Site> sites = new ArrayList<>(identities.keySet());
        sites.sort(BY_PATH_THEN_LINE);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeArrayFieldStart("frames");
            for (Site site : sites) {
                FrameIdentity identity = identities.get(site);
                json.writeRaw("\n ");
                json.writeStartObject();
                json.writeStringField("path", LoneSurrogates.replace(site.path()));
                json.writeNumberField("line", site.line());
                json.writeStringField("function", LoneSurrogates.replace(identity.function()));
                json.writeNumberField("lineInFunction", identity.lineInFunction());
                json.writeStringField("text", identity.textFingerprint());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
    }

    /**
     * Reads a frames file.
     *
     * @throws IOException naming the file, the position and what was wrong
     */
    public static Map<Site, FrameIdentity> read(Path file) throws IOException {
        Table table = SummaryReader.strict(file, Table.class, "not a memflame frames file");
        Map<Site, FrameIdentity> identities = new HashMap<>();
        for (int i = 0; i < table.frames().size(); i++) {
            Row row = table.frames().get(i);
            if (identities.put(new Site(row.path(), row.line()), row.identity()) != null) {
                throw new IOException(file + ": at /frames/" + i + ": expected each frame once, found "
                        + Site.label(row.path(), row.line()) + " again");
            }
        }
        return identities;
    }

    /** The file's content. */
    record Table(@JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) List<Row> frames) {
        Table {
            frames = List.copyOf(frames);
        }
    }

    /** One frame and its identity. */
    record Row(@JsonProperty(required = true) String path,
               @JsonProperty(required = true) int line,
               @JsonProperty(required = true) String function,
               @JsonProperty(required = true) int lineInFunction,
               @JsonProperty(required = true) String text) {

        /** @throws IllegalArgumentException saying what is wrong */
        Row {
            if (path == null || path.isEmpty()) {
                throw new IllegalArgumentException("expected a frame's path, found " + (path == null ? "null" : "\"\""));
            }
            if (line < 0) {
                throw new IllegalArgumentException("expected a line from 0, found " + line);
            }
            Objects.requireNonNull(identity(function, lineInFunction, text));
        }

        FrameIdentity identity() {
            return identity(function, lineInFunction, text);
        }

        private static FrameIdentity identity(String function, int lineInFunction, String text) {
            if (function == null) {
                throw new IllegalArgumentException("expected a function name, found null");
            }
            return new FrameIdentity(function, lineInFunction, text);
        }
    }
}
