package io.github.memflame.summary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module's {@code memflame.json} as {@code check} wrote it (schema 1, see
 * {@link io.github.memflame.summary.JsonSummary}); fields added by later versions are ignored.
 *
 * <p>A summary is untrusted input: every field {@code check} has always written is required, counts and byte
 * figures are whole numbers from 0, and a summary that says {@code passed} has no budget that failed.
 *
 * @param schema the summary's schema version
 * @param result {@code passed} or {@code failed}
 * @param snapshots the snapshots read
 * @param budgets every budget against every snapshot it applies to
 * @param unreadable the dumps left out because they could not be read (absent from summaries of early versions)
 * @param baselineFormat the version of the baseline data the report holds (see
 *                       {@link io.github.memflame.baseline.BaselineReader}), or {@code null} when written by a
 *                       version without baselines
 */
public record ReportSummary(@JsonProperty(required = true) int schema,
                            @JsonProperty(required = true) String result,
                            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) List<Snapshot> snapshots,
                            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) List<BudgetLine> budgets,
                            @JsonSetter(nulls = Nulls.FAIL) List<Unreadable> unreadable,
                            Integer baselineFormat) {
    private static final Set<String> RESULTS = Set.of("passed", "failed");

    /** @throws IllegalArgumentException saying what is wrong, as {@code expected ..., found ...} */
    public ReportSummary {
        if (!RESULTS.contains(result)) {
            throw new IllegalArgumentException("expected \"result\": \"passed\" or \"failed\", found "
                    + quoted(result));
        }
        snapshots = elements(snapshots, "snapshots");
        budgets = elements(budgets, "budgets");
        unreadable = unreadable == null ? List.of() : elements(unreadable, "unreadable");
        if ("passed".equals(result)) {
            for (int i = 0; i < budgets.size(); i++) {
                if (budgets.get(i).failed()) {
                    throw new IllegalArgumentException("expected \"result\": \"failed\", found \"passed\" beside "
                            + "/budgets/" + i + ", which is exceeded at level fail: the summary contradicts itself");
                }
            }
        }
    }

    public boolean passed() {
        return "passed".equals(result);
    }

    /**
     * The bytes traced in all its snapshots, exactly: each may claim up to {@link Long#MAX_VALUE} bytes (a check
     * reads such dumps), so their sum may not fit a {@code long}.
     */
    public BigInteger totalBytes() {
        BigInteger total = BigInteger.ZERO;
        for (Snapshot snapshot : snapshots) {
            total = total.add(BigInteger.valueOf(snapshot.totalBytes()));
        }
        return total;
    }

    /** How many budget checks have this status ({@code ok}, {@code warning}, {@code exceeded}, {@code unmatched}). */
    public long count(String status) {
        return budgets.stream().filter(budget -> status.equals(budget.status())).count();
    }

    /**
     * One snapshot of the summary.
     *
     * @param reports the flame graph files by view ({@code path}, {@code stack}), relative to the report directory
     * @param folded the folded-stack files by view
     * @param frames the frame identities file ({@code baselineFormat} 2), {@code null} when the frames were not
     *               identified from sources
     * @param lines the allocating lines as text for review ({@code baselineFormat} 2), {@code null} in format 1
     * @param topLevelPaths the bytes of the largest top-level paths of its path view, at most
     *                      {@value ReportFiles#TOP_LEVEL_PATHS}; the others hold {@code totalBytes} minus their sum;
     *                      {@code null} in a summary written before they were stated (absent:
     *                      an explicit {@code null} is refused, as for every list)
     */
    public record Snapshot(@JsonProperty(required = true) String name,
                           @JsonProperty(required = true) String format,
                           @JsonProperty(required = true) long traces,
                           @JsonProperty(required = true) long totalBytes,
                           @JsonProperty(required = true) long excludedTraces,
                           @JsonProperty(required = true) long excludedBytes,
                           @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) Map<String, String> reports,
                           @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) Map<String, String> folded,
                           String frames,
                           String lines,
                           @JsonDeserialize(using = TopLevelPathsReader.class) List<TopLevelPath> topLevelPaths) {

        /** A snapshot without frame identities, nor top-level paths. */
        public Snapshot(String name, String format, long traces, long totalBytes, long excludedTraces,
                        long excludedBytes, Map<String, String> reports, Map<String, String> folded) {
            this(name, format, traces, totalBytes, excludedTraces, excludedBytes, reports, folded, null, null, null);
        }

        /**
         * @throws IllegalArgumentException saying which figure is negative, which map is missing, which top-level
         *                                  path is there twice, or that there are too many or they hold more than
         *                                  the total
         */
        public Snapshot {
            notNegative(traces, "traces");
            notNegative(totalBytes, "totalBytes");
            notNegative(excludedTraces, "excludedTraces");
            notNegative(excludedBytes, "excludedBytes");
            reports = files(reports, "reports");
            folded = files(folded, "folded");
            if (topLevelPaths != null) {
                topLevelPaths = elements(topLevelPaths, "topLevelPaths");
                checkTopLevelPaths(topLevelPaths, totalBytes);
            }
        }

        /**
         * The bytes of the largest top-level paths in the order of {@code topLevelPaths}, or {@code null} when the
         * summary does not state them.
         */
        public Map<String, Long> topLevelBytes() {
            if (topLevelPaths == null) {
                return null;
            }
            Map<String, Long> bytes = new LinkedHashMap<>();
            topLevelPaths.forEach(path -> bytes.put(path.path(), path.bytes()));
            return bytes;
        }
    }

    /**
     * What one top-level path (directory or file) of a snapshot's path view holds.
     *
     * @param path its name, the first segment of its files' paths
     * @param bytes the bytes allocated by lines under it
     */
    public record TopLevelPath(@JsonProperty(required = true) String path,
                               @JsonProperty(required = true) long bytes) {

        /** @throws IllegalArgumentException when the path is {@code null} or the figure negative */
        public TopLevelPath {
            if (path == null) {
                throw new IllegalArgumentException("expected \"path\": a string, found null");
            }
            notNegative(bytes, "bytes");
        }
    }

    /**
     * Reads {@code topLevelPaths}: an array of {@link TopLevelPath}; when absent, none stated; an explicit
     * {@code null}, which no version writes, refused as {@code "snapshots": null} is.
     */
    static final class TopLevelPathsReader extends StdDeserializer<List<TopLevelPath>> {
        TopLevelPathsReader() {
            super(List.class);
        }

        @Override
        public List<TopLevelPath> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return context.readValue(parser, context.getTypeFactory()
                    .constructCollectionType(List.class, TopLevelPath.class));
        }

        @Override
        public List<TopLevelPath> getNullValue(DeserializationContext context) throws JsonMappingException {
            throw InvalidNullException.from(context, PropertyName.construct("topLevelPaths"),
                    context.constructType(List.class));
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }

    /** At most {@value ReportFiles#TOP_LEVEL_PATHS}, each path once, holding at most the snapshot's total. */
    private static void checkTopLevelPaths(List<TopLevelPath> paths, long totalBytes) {
        if (paths.size() > ReportFiles.TOP_LEVEL_PATHS) {
            throw new IllegalArgumentException("expected at most " + ReportFiles.TOP_LEVEL_PATHS + " entries in "
                    + "\"topLevelPaths\" (the largest top-level paths), found " + paths.size());
        }
        Set<String> seen = new HashSet<>();
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < paths.size(); i++) {
            TopLevelPath path = paths.get(i);
            if (!seen.add(path.path())) {
                throw new IllegalArgumentException("expected each path once in \"topLevelPaths\", found \""
                        + path.path() + "\" again in \"topLevelPaths\"[" + i + "]");
            }
            sum = sum.add(BigInteger.valueOf(path.bytes()));
        }
        if (sum.compareTo(BigInteger.valueOf(totalBytes)) > 0) {
            throw new IllegalArgumentException("expected the bytes of \"topLevelPaths\" to add up to at most "
                    + "\"totalBytes\" " + totalBytes + ", found " + sum + ": the summary contradicts itself");
        }
    }

    /**
     * One budget checked against one snapshot; {@code limitBytes} is {@code null} for a budget with only a growth
     * limit, {@code level} for a summary written before levels ({@code fail}).
     */
    public record BudgetLine(@JsonProperty(required = true) String path,
                             @JsonProperty(required = true) String scope,
                             @JsonProperty(required = true) String snapshot,
                             @JsonProperty(required = true) Long limitBytes,
                             @JsonProperty(required = true) String limit,
                             @JsonProperty(required = true) long actualBytes,
                             @JsonProperty(required = true) String status,
                             String level) {

        /** @throws IllegalArgumentException saying which figure is negative */
        public BudgetLine {
            if (limitBytes != null) {
                notNegative(limitBytes, "limitBytes");
            }
            notNegative(actualBytes, "actualBytes");
        }

        /** Exceeded, but of {@code level warn}: it did not fail the module's build. */
        public boolean onlyWarned() {
            return "exceeded".equals(status) && "warn".equals(level);
        }

        /** Exceeded at level {@code fail} (the only level before levels existed): it failed the module's build. */
        public boolean failed() {
            return "exceeded".equals(status) && !"warn".equals(level);
        }
    }

    /** A dump that could not be read. */
    public record Unreadable(String name, String error) {
    }

    private static void notNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("expected \"" + field + "\": a whole number from 0, found " + value);
        }
    }

    private static <T> List<T> elements(List<T> list, String field) {
        if (list == null) {
            throw new IllegalArgumentException("expected \"" + field + "\": an array, found none");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException("expected \"" + field + "\"[" + i + "]: an object, found null");
            }
        }
        return List.copyOf(list);
    }

    /** The files of a map, without the views a summary names no file for ({@code null}). */
    private static Map<String, String> files(Map<String, String> files, String field) {
        if (files == null) {
            throw new IllegalArgumentException("expected \"" + field + "\": an object, found none");
        }
        Map<String, String> named = new LinkedHashMap<>();
        files.forEach((view, file) -> {
            if (file != null) {
                named.put(view, file);
            }
        });
        return Map.copyOf(named);
    }

    private static String quoted(String text) {
        return text == null ? "none" : "\"" + text + "\"";
    }
}
