package io.github.memflame.run;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.GrowthLimit;
import io.github.memflame.budget.Scope;
import java.util.Objects;

/**
 * A comparison of two snapshots of one run, e.g. the town before and after a battle: how much the bytes under a
 * path may grow from one to the other.
 *
 * @param label how messages name it: {@code comparison 1 (client, scene-2-town* -> scene-5-town*)}
 * @param name the name of its differential graphs ({@code NAME.path.diff.svg}), or {@code null} to name them after
 *             the two snapshots
 * @param from a glob matching the earlier snapshot, exactly one per run
 * @param to a glob matching the later snapshot, exactly one per run
 * @param path the path counted, as a budget's ({@code client}, {@code /} for the whole snapshot)
 * @param scope what is counted, as for a budget
 * @param maxGrowth how much the figure may grow from {@code from} to {@code to}: bytes, or a share of the figure
 *                  in {@code from}
 * @param level whether exceeding it fails the build or only warns
 */
public record Comparison(String label, String name, String from, String to, String path, Scope scope,
                         GrowthLimit maxGrowth, BudgetLevel level) {

    /** @throws IllegalArgumentException when a glob is missing or not one, or the name cannot be a file name */
    public Comparison {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(maxGrowth, "maxGrowth");
        Objects.requireNonNull(level, "level");
        from = new SnapshotGlob("from", from).toString();
        to = new SnapshotGlob("to", to).toString();
        path = path == null ? "" : path.trim();
        name = RunNames.checked(name);
    }

    /**
     * A comparison as configured: the scope {@code self} and the level {@code fail} when absent.
     *
     * @param index its position in the configuration, from 1
     * @throws IllegalArgumentException naming the comparison and what is wrong
     */
    public static Comparison parse(int index, String name, String from, String to, String path, String scope,
                                   String maxGrowth, String level) {
        String label = "comparison " + index + " (" + (path == null || path.isBlank() ? "/" : path.trim()) + ", "
                + (from == null ? "" : from.trim()) + " -> " + (to == null ? "" : to.trim()) + ")";
        try {
            if (maxGrowth == null || maxGrowth.isBlank()) {
                throw new IllegalArgumentException("<maxGrowth> is missing; write e.g. <maxGrowth>256 KiB</maxGrowth> "
                        + "or <maxGrowth>10%</maxGrowth>");
            }
            return new Comparison(label, name, from, to, path,
                    scope == null || scope.isBlank() ? Scope.SELF : Scope.parse(scope),
                    GrowthLimit.parse(maxGrowth),
                    level == null || level.isBlank() ? BudgetLevel.FAIL : BudgetLevel.parse(level));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
    }

    /** The figure compared, measured as a budget with only this growth limit measures it. */
    Budget asBudget() {
        return new Budget(path, Budget.NO_MAX, null, scope, null, level, maxGrowth);
    }

    /** The glob of the earlier snapshot. */
    SnapshotGlob fromGlob() {
        return new SnapshotGlob("from", from);
    }

    /** The glob of the later snapshot. */
    SnapshotGlob toGlob() {
        return new SnapshotGlob("to", to);
    }
}
