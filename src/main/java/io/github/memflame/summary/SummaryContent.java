package io.github.memflame.summary;

import io.github.memflame.budget.BudgetResult;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.run.RunResults;
import io.github.memflame.source.ResolutionSummary;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a report's {@code memflame.json} states: the figures of a check, without its drawings.
 *
 * @param passed whether the check passed
 * @param baseline the baseline compared with, or {@code null} for none
 * @param snapshots the snapshots read, in report order; their files are named by {@link ReportFiles}
 * @param foldedFunctionNames whether the folded exports with function names were written beside the plain ones
 * @param budgets every budget's result
 * @param unreadable the dumps left out because they could not be read
 * @param functionNames how many frames were named from the sources, or {@code null} without {@code sourceRoots}
 * @param run what the checks across the run found
 * @param topLevelPaths the bytes of each top-level path of a snapshot's path view, by the snapshot's name; a
 *                      snapshot without an entry has none stated
 */
public record SummaryContent(boolean passed, BaselineUsed baseline, List<FoldedSnapshot> snapshots,
                             boolean foldedFunctionNames, List<BudgetResult> budgets,
                             List<UnreadableSnapshot> unreadable, ResolutionSummary functionNames,
                             RunResults run, Map<String, Map<String, Long>> topLevelPaths) {
    public SummaryContent {
        Objects.requireNonNull(run, "run");
        snapshots = List.copyOf(snapshots);
        budgets = List.copyOf(budgets);
        unreadable = List.copyOf(unreadable);
        topLevelPaths = Map.copyOf(topLevelPaths);
    }
}
