package io.github.memflame.render;

import io.github.memflame.summary.UnreadableSnapshot;
import io.github.memflame.summary.BaselineUsed;
import io.github.memflame.summary.SummaryContent;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.history.HistoryWindow;
import io.github.memflame.source.ResolutionSummary;
import io.github.memflame.run.RunResults;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one {@code check} run found, in the order the reports list it.
 *
 * @param passed false when a budget was exceeded
 * @param snapshots the snapshots, in the stable order they were read
 * @param budgets every budget against every snapshot it applies to
 * @param unreadable the dumps left out because they could not be read (only with {@code failOnUnreadable=false})
 * @param functionNames how many frames were named from the sources; {@code null} when no source root is set
 * @param foldedFunctionNames whether folded-stack exports with function names are written beside the plain ones
 * @param baseline the baseline the run was compared with, or {@code null} when there was none
 * @param run what the checks across the run found
 * @param history the builds the report remembers, this one last, or {@code null} for a run without a history
 */
public record CheckReport(boolean passed, List<SnapshotReport> snapshots, List<BudgetResult> budgets,
                          List<UnreadableSnapshot> unreadable, ResolutionSummary functionNames,
                          boolean foldedFunctionNames, BaselineUsed baseline, RunResults run,
                          HistoryWindow history) {

    public CheckReport {
        Objects.requireNonNull(run, "run");
    }

    /** A report without checks across the run, nor a history. */
    public CheckReport(boolean passed, List<SnapshotReport> snapshots, List<BudgetResult> budgets,
                       List<UnreadableSnapshot> unreadable, ResolutionSummary functionNames,
                       boolean foldedFunctionNames, BaselineUsed baseline) {
        this(passed, snapshots, budgets, unreadable, functionNames, foldedFunctionNames, baseline, RunResults.NONE,
                null);
    }

    /** A report without a baseline. */
    public CheckReport(boolean passed, List<SnapshotReport> snapshots, List<BudgetResult> budgets,
                       List<UnreadableSnapshot> unreadable, ResolutionSummary functionNames,
                       boolean foldedFunctionNames) {
        this(passed, snapshots, budgets, unreadable, functionNames, foldedFunctionNames, null);
    }

    /** A report that names no function. */
    public CheckReport(boolean passed, List<SnapshotReport> snapshots, List<BudgetResult> budgets,
                       List<UnreadableSnapshot> unreadable) {
        this(passed, snapshots, budgets, unreadable, null, false);
    }

    /**
     * What the report's {@code memflame.json} states: these figures, without the drawings, but with what each
     * top-level path of a snapshot's path view holds, which the run's timeline stacks.
     */
    public SummaryContent summaryContent() {
        Map<String, Map<String, Long>> topLevelPaths = new HashMap<>();
        for (SnapshotReport snapshot : snapshots) {
            if (snapshot.pathView() != null) {
                topLevelPaths.putIfAbsent(snapshot.snapshot().name(), snapshot.pathView().topLevelBytes());
            }
        }
        return new SummaryContent(passed, baseline, snapshots.stream().map(SnapshotReport::snapshot).toList(),
                foldedFunctionNames, budgets, unreadable, functionNames, run, topLevelPaths);
    }

    /**
     * The bytes traced in all snapshots, exactly: each dump may claim up to {@link Long#MAX_VALUE} bytes, so their
     * sum may not fit a {@code long}.
     */
    public BigInteger tracedBytes() {
        BigInteger total = BigInteger.ZERO;
        for (SnapshotReport snapshot : snapshots) {
            total = total.add(BigInteger.valueOf(snapshot.snapshot().totalBytes()));
        }
        return total;
    }
}
