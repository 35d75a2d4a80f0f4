package io.github.memflame.aggregate;

import java.util.List;
import java.util.Map;

/**
 * A module's {@code memflame.json} as {@code check} wrote it (schema 1, see
 * {@link io.github.memflame.render.JsonSummary}); fields added by later versions are ignored.
 *
 * @param schema the summary's schema version
 * @param result {@code passed} or {@code failed}
 * @param snapshots the snapshots read
 * @param budgets every budget against every snapshot it applies to
 * @param unreadable the dumps left out because they could not be read
 * @param baselineFormat the version of the baseline data the report holds (see
 *                       {@link io.github.memflame.baseline.BaselineReader}), or {@code null} when written by a
 *                       version without baselines
 */
public record ReportSummary(int schema, String result, List<Snapshot> snapshots, List<BudgetLine> budgets,
                            List<Unreadable> unreadable, Integer baselineFormat) {

    public ReportSummary {
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }

    public boolean passed() {
        return "passed".equals(result);
    }

    /** The bytes traced in all its snapshots. */
    public long totalBytes() {
        return snapshots.stream().mapToLong(Snapshot::totalBytes).sum();
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
     */
    public record Snapshot(String name, String format, long traces, long totalBytes, long excludedTraces,
                           long excludedBytes, Map<String, String> reports, Map<String, String> folded) {

        public Snapshot {
            reports = reports == null ? Map.of() : Map.copyOf(reports);
            folded = folded == null ? Map.of() : Map.copyOf(folded);
        }
    }

    /** One budget checked against one snapshot; {@code limitBytes} is {@code null} for a budget with only a growth limit. */
    public record BudgetLine(String path, String scope, String snapshot, Long limitBytes, String limit,
                             long actualBytes, String status, String level) {

        /** Exceeded, but of {@code level warn}: it did not fail the module's build. */
        public boolean onlyWarned() {
            return "exceeded".equals(status) && "warn".equals(level);
        }
    }

    /** A dump that could not be read. */
    public record Unreadable(String name, String error) {
    }
}
