package io.github.memflame.summary;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.run.Comparison;
import io.github.memflame.run.ComparisonResult;
import io.github.memflame.run.LeakCheck;
import io.github.memflame.run.LeakCheckResult;
import io.github.memflame.run.RunResults;
import java.io.IOException;

/**
 * The entries of {@code memflame.json} about the checks across the run:
 *
 * <pre>{@code
 * "comparisons": [{"name": null, "fromGlob": "scene-1-town*", "toGlob": "scene-3-town*",
 *                  "from": "scene-1-town.pickle", "to": "scene-3-town.pickle", "path": "client", "scope": "self",
 *                  "maxGrowth": "256 KiB", "level": "fail", "status": "ok|warning|exceeded", "failsBuild": false,
 *                  "fromBytes": 566240, "toBytes": 681633,
 *                  "growth": {"baselineBytes": 566240, "deltaBytes": 115393, ..., "topChanges": [...]},
 *                  "baselineGrowth": null,
 *                  "reports": {"path": "run/scene-1-town.pickle-to-scene-3-town.pickle.path.diff.svg", "stack": ...}}],
 * "leakChecks": [{"name": null, "snapshotsGlob": "battle-round-*", "run": "", "path": "client", "scope": "self",
 *                 "warmup": 1, "maxGrowthPerRound": "64 KiB", "maxGrowthPerRoundBytes": 65536, "level": "fail",
 *                 "status": "ok|warning|exceeded|undecided", "failsBuild": false, "slopeBytesPerRound": 41011.6,
 *                 "rounds": [{"snapshot": "battle-round-1.pickle", "bytes": 1188209, "warmup": true}, ...],
 *                 "suspects": [{"site": "client/controller/battle_controller.py:30", "function": null,
 *                               "bytes": [82146, 123163, 164180, 205229]}],
 *                 "reports": {"path": "run/battle-round-2.pickle-to-battle-round-5.pickle.path.diff.svg", ...}}]
 * }</pre>
 *
 * <p>A leak check's {@code slopeBytesPerRound} is {@code null} when it could not decide (fewer than 3 measured
 * rounds), and its {@code reports} {@code null} with fewer than two. A comparison's {@code growth} has the shape
 * of a budget's growth since the baseline, the {@code from} snapshot's figure as its {@code baselineBytes};
 * {@code baselineGrowth} is the same comparison between the baseline's snapshots of the same names, or
 * {@code null} without them.
 */
final class RunJson {
    private RunJson() {
    }

    static void write(RunResults run, JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("comparisons");
        for (ComparisonResult result : run.comparisons()) {
            Comparison comparison = result.comparison();
            json.writeStartObject();
            JsonSummary.string(json, "name", comparison.name());
            JsonSummary.string(json, "fromGlob", comparison.from());
            JsonSummary.string(json, "toGlob", comparison.to());
            JsonSummary.string(json, "from", result.from());
            JsonSummary.string(json, "to", result.to());
            JsonSummary.string(json, "path", comparison.path());
            JsonSummary.string(json, "scope", comparison.scope().configName());
            JsonSummary.string(json, "maxGrowth", comparison.maxGrowth().text());
            JsonSummary.string(json, "level", comparison.level().configName());
            JsonSummary.string(json, "status", result.status().summaryName());
            json.writeBooleanField("failsBuild", result.failsBuild());
            json.writeNumberField("fromBytes", result.fromBytes());
            json.writeNumberField("toBytes", result.toBytes());
            JsonSummary.writeGrowth("growth", result.growth(), json);
            JsonSummary.writeGrowth("baselineGrowth", result.baselineGrowth(), json);
            json.writeObjectFieldStart("reports");
            for (FlameTree.View view : FlameTree.View.values()) {
                JsonSummary.string(json, view.fileSuffix(), result.diff().file(view));
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        writeLeakChecks(run, json);
    }

    private static void writeLeakChecks(RunResults run, JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("leakChecks");
        for (LeakCheckResult result : run.leakChecks()) {
            LeakCheck check = result.check();
            json.writeStartObject();
            JsonSummary.string(json, "name", check.name());
            JsonSummary.string(json, "snapshotsGlob", check.snapshots());
            JsonSummary.string(json, "run", result.run());
            JsonSummary.string(json, "path", check.path());
            JsonSummary.string(json, "scope", check.scope().configName());
            json.writeNumberField("warmup", check.warmup());
            JsonSummary.string(json, "maxGrowthPerRound", check.maxText());
            json.writeNumberField("maxGrowthPerRoundBytes", check.maxGrowthPerRound());
            JsonSummary.string(json, "level", check.level().configName());
            JsonSummary.string(json, "status", result.status().summaryName());
            json.writeBooleanField("failsBuild", result.failsBuild());
            if (result.slope() == null) {
                json.writeNullField("slopeBytesPerRound");
            } else {
                json.writeNumberField("slopeBytesPerRound", result.slope());
            }
            json.writeArrayFieldStart("rounds");
            for (LeakCheckResult.Round round : result.rounds()) {
                json.writeStartObject();
                JsonSummary.string(json, "snapshot", round.snapshot());
                json.writeNumberField("bytes", round.bytes());
                json.writeBooleanField("warmup", round.warmup());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("suspects");
            for (LeakCheckResult.Suspect suspect : result.suspects()) {
                json.writeStartObject();
                JsonSummary.string(json, "site", suspect.site());
                JsonSummary.string(json, "function", suspect.function());
                json.writeArrayFieldStart("bytes");
                for (long bytes : suspect.bytes()) {
                    json.writeNumber(bytes);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            if (result.diff() == null) {
                json.writeNullField("reports");
            } else {
                json.writeObjectFieldStart("reports");
                for (FlameTree.View view : FlameTree.View.values()) {
                    JsonSummary.string(json, view.fileSuffix(), result.diff().file(view));
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
