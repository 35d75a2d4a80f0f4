package io.github.memflame.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.Contributor;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.source.ResolutionSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Objects;

/**
 * The report's {@code memflame.json}, for CI scripts and dashboards. Its shape is a contract: fields may be added
 * in later versions, none is renamed or removed while {@code schema} stays {@value #SCHEMA}.
 *
 * <pre>{@code
 * {"schema": 1, "result": "passed|failed",
 *  "snapshots": [{"name": "scene-2-battle.pickle", "format": "tracemalloc-pickle", "traces": 13001,
 *                 "totalBytes": 1028403, "excludedTraces": 0, "excludedBytes": 0,
 *                 "reports": {"path": "scene-2-battle.pickle.path.svg", "stack": "scene-2-battle.pickle.stack.svg"},
 *                 "folded": {"path": "scene-2-battle.pickle.path.folded.gz", "stack": "scene-2-battle.pickle.stack.folded.gz"},
 *                 "foldedNamed": {"path": "scene-2-battle.pickle.path.named.folded.gz", "stack": "scene-2-battle.pickle.stack.named.folded.gz"}}],
 *  "budgets": [{"path": "client/controller", "scope": "self", "snapshot": "scene-2-battle.pickle",
 *               "limitBytes": 20971520, "limit": "20 MiB", "actualBytes": 343440, "status": "ok|warning|exceeded|unmatched",
 *               "level": "fail|warn",
 *               "topSites": [{"site": "client/controller/input.py:7", "function": "Input.poll", "bytes": 343440}]}],
 *  "functionNames": {"resolved": 57, "unresolved": 3, "unresolvedFileCount": 1,
 *                    "unresolvedFiles": [{"path": "net/pool.py", "reason": "not found under any source root"}]}}
 * }</pre>
 *
 * <p>{@code folded} names the gzip-compressed folded stacks with plain {@code path:line} frames; {@code foldedNamed},
 * present only when {@code foldedFunctionNames} is set, those whose frames carry function names.
 *
 * <p>A budget with {@code "status": "exceeded"} and {@code "level": "warn"} only warned: it did not fail the build.
 * {@code function} is {@code null} when the function is unknown; {@code functionNames} is {@code null} when no
 * {@code sourceRoots} are set.
 *
 * <p>Report file names are relative to the output directory. Written with jackson-core's streaming generator.
 */
public final class JsonSummary {
    public static final int SCHEMA = 1;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonSummary() {
    }

    /** Writes the summary to {@code out}, which is flushed, not closed. */
    public static void write(CheckReport report, Writer out) throws IOException {
        Objects.requireNonNull(report, "report");
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            write(report, json);
        }
    }

    private static void write(CheckReport report, JsonGenerator json) throws IOException {
        json.setPrettyPrinter(new DefaultPrettyPrinter());
        json.writeStartObject();
        json.writeNumberField("schema", SCHEMA);
        json.writeStringField("result", report.passed() ? "passed" : "failed");
        json.writeArrayFieldStart("snapshots");
        for (SnapshotReport snapshot : report.snapshots()) {
            FoldedSnapshot folded = snapshot.snapshot();
            json.writeStartObject();
            string(json, "name", folded.name());
            string(json, "format", folded.format() == null ? null : folded.format().summaryName());
            json.writeNumberField("traces", folded.traces());
            json.writeNumberField("totalBytes", folded.totalBytes());
            json.writeNumberField("excludedTraces", folded.excludedTraces());
            json.writeNumberField("excludedBytes", folded.excludedBytes());
            json.writeObjectFieldStart("reports");
            for (FlameTree.View view : FlameTree.View.values()) {
                string(json, view.fileSuffix(), snapshot.svgFile(view));
            }
            json.writeEndObject();
            json.writeObjectFieldStart("folded");
            for (FlameTree.View view : FlameTree.View.values()) {
                string(json, view.fileSuffix(), snapshot.foldedFile(view));
            }
            json.writeEndObject();
            if (report.foldedFunctionNames()) {
                json.writeObjectFieldStart("foldedNamed");
                for (FlameTree.View view : FlameTree.View.values()) {
                    string(json, view.fileSuffix(), snapshot.namedFoldedFile(view));
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("budgets");
        for (BudgetResult result : report.budgets()) {
            json.writeStartObject();
            string(json, "path", result.budget().path());
            string(json, "scope", result.budget().scope() == null ? null : result.budget().scope().configName());
            string(json, "snapshot", result.snapshot());
            json.writeNumberField("limitBytes", result.budget().maxBytes());
            string(json, "limit", result.budget().maxText());
            json.writeNumberField("actualBytes", result.actualBytes());
            string(json, "status", result.status().summaryName());
            string(json, "level", result.budget().level().configName());
            json.writeArrayFieldStart("topSites");
            if (result.topSites() != null) {
                for (Contributor site : result.topSites()) {
                    json.writeStartObject();
                    string(json, "site", site.site());
                    string(json, "function", site.function());
                    json.writeNumberField("bytes", site.bytes());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("unreadable");
        for (UnreadableSnapshot unreadable : report.unreadable()) {
            json.writeStartObject();
            string(json, "name", unreadable.name());
            string(json, "status", "unreadable");
            string(json, "error", unreadable.error());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeFunctionNames(report.functionNames(), json);
        json.writeEndObject();
        json.flush();
    }

    private static void writeFunctionNames(ResolutionSummary functionNames, JsonGenerator json) throws IOException {
        if (functionNames == null) {
            json.writeNullField("functionNames");
            return;
        }
        json.writeObjectFieldStart("functionNames");
        json.writeNumberField("resolved", functionNames.resolved());
        json.writeNumberField("unresolved", functionNames.unresolved());
        json.writeNumberField("unresolvedFileCount", functionNames.unresolvedFileCount());
        json.writeArrayFieldStart("unresolvedFiles");
        for (Map.Entry<String, String> file : functionNames.unresolvedFiles().entrySet()) {
            json.writeStartObject();
            string(json, "path", file.getKey());
            string(json, "reason", file.getValue());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** A string field; lone surrogates, which UTF-8 cannot carry, become U+FFFD. */
    private static void string(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, Markup.replaceLoneSurrogates(value));
        }
    }
}
