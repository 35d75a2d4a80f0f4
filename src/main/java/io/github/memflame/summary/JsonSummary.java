package io.github.memflame.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.Contributor;
import io.github.memflame.budget.Drift;
import io.github.memflame.budget.Growth;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.format.JsonBidiEscapes;
import io.github.memflame.format.LoneSurrogates;
import io.github.memflame.source.ResolutionSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report's {@code memflame.json}, for CI scripts and dashboards. Its shape is a contract: fields may be added
 * in later versions, none is renamed or removed while {@code schema} stays {@value ReportFiles#SCHEMA}.
 *
 * <pre>{@code
 * {"schema": 1, "baselineFormat": 1, "result": "passed|failed",
 *  "baseline": {"source": "ci/last-green/memflame", "missingSnapshots": ["scene-4-raid.pickle"]},
 *  "snapshots": [{"name": "scene-2-battle.pickle", "format": "tracemalloc-pickle", "traces": 13001,
 *                 "totalBytes": 1028403, "excludedTraces": 0, "excludedBytes": 0, "baselineTotalBytes": 998102,
 *                 "topLevelPaths": [{"path": "client", "bytes": 1010211}, {"path": "shared", "bytes": 8192}],
 *                 "reports": {"path": "scene-2-battle.pickle.path.svg", "stack": "scene-2-battle.pickle.stack.svg"},
 *                 "folded": {"path": "scene-2-battle.pickle.path.folded.gz", "stack": "scene-2-battle.pickle.stack.folded.gz"},
 *                 "foldedNamed": {"path": "scene-2-battle.pickle.path.named.folded.gz", "stack": "scene-2-battle.pickle.stack.named.folded.gz"}},
 *                {"name": "scene-5-guild.pickle", ..., "new": true, ...}],
 *  "budgets": [{"path": "client/controller", "scope": "self", "snapshot": "scene-2-battle.pickle", "snapshotsGlob": null,
 *               "limitBytes": 20971520, "limit": "20 MiB", "maxGrowth": "10%", "actualBytes": 343440,
 *               "status": "ok|warning|exceeded|unmatched|not-checked", "level": "fail|warn", "failsBuild": false,
 *               "topSites": [{"site": "client/controller/input.py:7", "function": "Input.poll", "bytes": 343440}],
 *               "growth": {"baselineBytes": 312000, "deltaBytes": 31440, "deltaPercent": 10.08,
 *                          "limitBytes": 31200, "limit": "10%", "status": "ok|warning|exceeded",
 *                          "topChanges": [{"site": "client/controller/input.py:7", "function": "Input.poll",
 *                                          "beforeBytes": 312000, "afterBytes": 343440, "deltaBytes": 31440}]}}],
 *  "functionNames": {"resolved": 57, "unresolved": 3, "unresolvedFileCount": 1,
 *                    "unresolvedFiles": [{"path": "net/pool.py", "reason": "not found under any source root"}]},
 *  "comparisons": [...], "leakChecks": [...]}
 * }</pre>
 *
 * <p>{@code comparisons} (of two snapshots of the run) and {@code leakChecks} (over repeated rounds of the run) are
 * written by {@link RunJson}.
 *
 * <p>{@code topLevelPaths} gives the exact bytes of the {@value ReportFiles#TOP_LEVEL_PATHS} largest top-level
 * directories or files of the snapshot's path view, the layers of the run's timeline: largest first, ties in the
 * order of the names' UTF-16 code units. The others hold {@code totalBytes} minus their sum (10000 bytes above).
 * It was added within schema 1 and is not baseline data ({@code baselineFormat} is unchanged): summaries written
 * before it lack it, and the aggregate report draws their runs as totals only.
 *
 * <p>{@code frames}, present only when {@code sourceRoots} identified frames, names the snapshot's frame
 * identities ({@link FramesFile}); {@code lines} its allocating lines as text for review ({@link LinesFile}).
 * {@code folded} names the gzip-compressed folded stacks with plain {@code path:line} frames; {@code foldedNamed},
 * present only when {@code foldedFunctionNames} is set, those whose frames carry function names.
 *
 * <p>A budget with {@code "status": "exceeded"} and {@code "level": "warn"} only warned: it did not fail the build.
 * A budget that applies to no snapshot (its {@code snapshots} glob, given as {@code snapshotsGlob}, matches none)
 * has one entry with {@code "snapshot": null} and {@code "status": "unmatched"}; {@code failsBuild} says whether an
 * entry failed the build (an exceeded limit or growth limit of level {@code fail}, or an unmatched budget under
 * {@code failOnUnmatched}).
 * {@code function} is {@code null} when the function is unknown; {@code functionNames} is {@code null} when no
 * {@code sourceRoots} are set.
 *
 * <p>Baselines: {@code baselineFormat} is the version of the baseline data this report holds (this file and the
 * folded stacks it names; see {@link io.github.memflame.baseline.BaselineReader}). {@code baseline} is
 * {@code null} when the run was compared with none; otherwise each snapshot has {@code baselineTotalBytes}, or
 * {@code "new": true} when the baseline does not have it. A budget's {@code status} is the worse of its limit's and
 * its growth limit's; {@code limitBytes} and {@code limit} are {@code null} for a budget with only a
 * {@code maxGrowth}, whose status is {@code not-checked} on a snapshot without a baseline figure. {@code growth} is
 * {@code null} without a baseline figure; its {@code deltaPercent} is {@code null} when the baseline's figure is 0,
 * its {@code limitBytes} and {@code limit} are the growth allowed ({@code null} without {@code maxGrowth}, its
 * {@code status} then {@code ok}), {@code topChanges} the lines that grew most, with {@code wasLine}, the line it
 * had in the baseline, for a line that moved (see {@link io.github.memflame.fold.FrameMatcher}).
 *
 * <p>Drift: a budget with a {@code maxDrift} also has {@code "maxDrift": "20%"} and {@code "drift"}, its figure
 * against the history's reference build, {@code null} when no green build of the history has a figure for it:
 * {@code {"referenceBuild": "4f2a9c1", "referenceBytes": 120832, "deltaBytes": 25696, "deltaPercent": 21.27,
 * "limitBytes": 24166, "limit": "20%", "status": "exceeded", "topBuilds": [{"build": "b07", "beforeBytes": 120832,
 * "afterBytes": 138952, "deltaBytes": 18120}]}}; budgets without one have neither field.
 *
 * <p>Report file names are relative to the output directory. Written with jackson-core's streaming generator.
 */
public final class JsonSummary {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new JsonBidiEscapes()).build();

    private JsonSummary() {
    }

    /** Writes the summary to {@code out}, which is flushed, not closed. */
    public static void write(SummaryContent report, Writer out) throws IOException {
        Objects.requireNonNull(report, "report");
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            write(report, json);
        }
    }

    private static void write(SummaryContent report, JsonGenerator json) throws IOException {
        json.setPrettyPrinter(new DefaultPrettyPrinter());
        json.writeStartObject();
        json.writeNumberField("schema", ReportFiles.SCHEMA);
        json.writeNumberField("baselineFormat", ReportFiles.BASELINE_FORMAT);
        json.writeStringField("result", report.passed() ? "passed" : "failed");
        BaselineUsed baseline = report.baseline();
        if (baseline == null) {
            json.writeNullField("baseline");
        } else {
            json.writeObjectFieldStart("baseline");
            string(json, "source", baseline.source());
            json.writeArrayFieldStart("missingSnapshots");
            for (String missing : baseline.missingSnapshots()) {
                json.writeString(LoneSurrogates.replace(missing));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeArrayFieldStart("snapshots");
        for (FoldedSnapshot folded : report.snapshots()) {
            json.writeStartObject();
            string(json, "name", folded.name());
            string(json, "format", folded.format() == null ? null : folded.format().summaryName());
            json.writeNumberField("traces", folded.traces());
            json.writeNumberField("totalBytes", folded.totalBytes());
            json.writeNumberField("excludedTraces", folded.excludedTraces());
            json.writeNumberField("excludedBytes", folded.excludedBytes());
            if (baseline != null) {
                Long before = baseline.totalBytes(folded.name());
                if (before == null) {
                    json.writeBooleanField("new", true);
                } else {
                    json.writeNumberField("baselineTotalBytes", before);
                }
            }
            Map<String, Long> topLevel = report.topLevelPaths().get(folded.name());
            if (topLevel != null) {
                writeTopLevelPaths(topLevel, json);
            }
            json.writeObjectFieldStart("reports");
            for (FlameTree.View view : FlameTree.View.values()) {
                string(json, view.fileSuffix(), ReportFiles.svg(folded.name(), view));
            }
            json.writeEndObject();
            json.writeObjectFieldStart("folded");
            for (FlameTree.View view : FlameTree.View.values()) {
                string(json, view.fileSuffix(), ReportFiles.folded(folded.name(), view));
            }
            json.writeEndObject();
            if (report.foldedFunctionNames()) {
                json.writeObjectFieldStart("foldedNamed");
                for (FlameTree.View view : FlameTree.View.values()) {
                    string(json, view.fileSuffix(), ReportFiles.namedFolded(folded.name(), view));
                }
                json.writeEndObject();
            }
            if (!folded.frameIdentities().isEmpty()) {
                string(json, "frames", ReportFiles.frames(folded.name()));
            }
            string(json, "lines", ReportFiles.lines(folded.name()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("budgets");
        for (BudgetResult result : report.budgets()) {
            json.writeStartObject();
            string(json, "path", result.budget().path());
            string(json, "scope", result.budget().scope() == null ? null : result.budget().scope().configName());
            string(json, "snapshot", result.snapshot());
            string(json, "snapshotsGlob", result.budget().snapshots());
            Budget budget = result.budget();
            if (budget.hasMax()) {
                json.writeNumberField("limitBytes", budget.maxBytes());
            } else {
                json.writeNullField("limitBytes");
            }
            string(json, "limit", budget.maxText());
            string(json, "maxGrowth", budget.maxGrowth() == null ? null : budget.maxGrowth().text());
            json.writeNumberField("actualBytes", result.actualBytes());
            string(json, "status", result.status().summaryName());
            string(json, "level", result.budget().level().configName());
            json.writeBooleanField("failsBuild", result.failsBuild());
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
            writeGrowth("growth", result.growth(), json);
            if (budget.maxDrift() != null) {
                string(json, "maxDrift", budget.maxDrift().text());
                writeDrift(result.drift(), json);
            }
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
        RunJson.write(report.run(), json);
        json.writeEndObject();
        json.flush();
    }

    /**
     * {@code topLevelPaths}: the {@value ReportFiles#TOP_LEVEL_PATHS} largest paths with their bytes, largest first,
     * ties by name. Paths that differ only in lone surrogates, which are written as U+FFFD, are one path in the file:
     * their bytes are added, so that each is there once.
     */
    private static void writeTopLevelPaths(Map<String, Long> topLevel, JsonGenerator json) throws IOException {
        Map<String, Long> written = new HashMap<>();
        topLevel.forEach((path, bytes) -> written.merge(LoneSurrogates.replace(path), bytes, Long::sum));
        List<Map.Entry<String, Long>> order = new ArrayList<>(written.entrySet());
        order.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        json.writeArrayFieldStart("topLevelPaths");
        for (Map.Entry<String, Long> path : order.subList(0, Math.min(ReportFiles.TOP_LEVEL_PATHS, order.size()))) {
            json.writeStartObject();
            json.writeStringField("path", path.getKey());
            json.writeNumberField("bytes", path.getValue());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A figure's growth as {@code field}: {@code null}, or its before, delta, limit, status and top changes. */
    static void writeGrowth(String field, Growth growth, JsonGenerator json) throws IOException {
        if (growth == null) {
            json.writeNullField(field);
            return;
        }
        json.writeObjectFieldStart(field);
        json.writeNumberField("baselineBytes", growth.baselineBytes());
        json.writeNumberField("deltaBytes", growth.deltaBytes());
        if (growth.deltaPercent() == null) {
            json.writeNullField("deltaPercent");
        } else {
            json.writeNumberField("deltaPercent", growth.deltaPercent());
        }
        if (growth.limit() == null) {
            json.writeNullField("limitBytes");
        } else {
            json.writeNumberField("limitBytes", growth.allowedBytes());
        }
        string(json, "limit", growth.limit() == null ? null : growth.limit().text());
        string(json, "status", growth.status().summaryName());
        json.writeArrayFieldStart("topChanges");
        for (SiteChange change : growth.topChanges()) {
            json.writeStartObject();
            string(json, "site", change.site());
            string(json, "function", change.function());
            json.writeNumberField("beforeBytes", change.beforeBytes());
            json.writeNumberField("afterBytes", change.afterBytes());
            json.writeNumberField("deltaBytes", change.deltaBytes());
            if (change.wasLine() != null) {
                json.writeNumberField("wasLine", change.wasLine());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeDrift(Drift drift, JsonGenerator json) throws IOException {
        if (drift == null) {
            json.writeNullField("drift");
            return;
        }
        json.writeObjectFieldStart("drift");
        string(json, "referenceBuild", drift.referenceBuild());
        json.writeNumberField("referenceBytes", drift.referenceBytes());
        json.writeNumberField("deltaBytes", drift.deltaBytes());
        if (drift.deltaPercent() == null) {
            json.writeNullField("deltaPercent");
        } else {
            json.writeNumberField("deltaPercent", drift.deltaPercent());
        }
        json.writeNumberField("limitBytes", drift.allowedBytes());
        string(json, "limit", drift.limit().text());
        string(json, "status", drift.status().summaryName());
        json.writeArrayFieldStart("topBuilds");
        for (Drift.BuildChange change : drift.topBuilds()) {
            json.writeStartObject();
            string(json, "build", change.build());
            json.writeNumberField("beforeBytes", change.beforeBytes());
            json.writeNumberField("afterBytes", change.afterBytes());
            json.writeNumberField("deltaBytes", change.deltaBytes());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
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
    static void string(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, LoneSurrogates.replace(value));
        }
    }
}
