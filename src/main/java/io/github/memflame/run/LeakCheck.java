package io.github.memflame.run;

import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.ByteSize;
import io.github.memflame.budget.Scope;
import java.util.Objects;

/**
 * A leak check over repeated rounds of one run (battle round after battle round): after the warm-up rounds, the
 * bytes under a path may grow by at most so much per round, measured as the least-squares slope over the rounds.
 *
 * @param label how messages name it: {@code leak check 1 (client, battle-round-*)}
 * @param name the name of its differential graphs, or {@code null} to name them after the rounds
 * @param snapshots a glob matching the rounds of a run, in run order
 * @param warmup how many rounds, from the first, are skipped (caches fill there), from 0
 * @param path the path counted, as a budget's
 * @param scope what is counted, as for a budget
 * @param maxGrowthPerRound the largest slope allowed, in bytes per round
 * @param maxText the limit as configured, e.g. {@code 64 KiB}
 * @param level whether exceeding it, or having too few rounds to decide, fails the build or only warns
 */
public record LeakCheck(String label, String name, String snapshots, int warmup, String path, Scope scope,
                        long maxGrowthPerRound, String maxText, BudgetLevel level) {
    /** The fewest rounds a slope is measured over: two points always lie on a line. */
    public static final int MIN_MEASURED_ROUNDS = 3;

    /** @throws IllegalArgumentException when the glob, the warm-up or the limit is not one */
    public LeakCheck {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(maxText, "maxText");
        Objects.requireNonNull(level, "level");
        snapshots = new SnapshotGlob("snapshots", snapshots).toString();
        if (warmup < 0) {
            throw new IllegalArgumentException("<warmup> must be 0 or more rounds, was " + warmup);
        }
        if (maxGrowthPerRound < 0) {
            throw new IllegalArgumentException("<maxGrowthPerRound> cannot be negative, was " + maxGrowthPerRound);
        }
        path = path == null ? "" : path.trim();
        name = RunNames.checked(name);
    }

    /**
     * A leak check as configured: no warm-up round, the scope {@code self} and the level {@code fail} when absent.
     *
     * @param index its position in the configuration, from 1
     * @param warmup how many rounds are skipped, or {@code null} for none
     * @throws IllegalArgumentException naming the leak check and what is wrong
     */
    public static LeakCheck parse(int index, String name, String snapshots, Integer warmup, String path, String scope,
                                  String maxGrowthPerRound, String level) {
        String label = "leak check " + index + " (" + (path == null || path.isBlank() ? "/" : path.trim()) + ", "
                + (snapshots == null ? "" : snapshots.trim()) + ")";
        try {
            if (maxGrowthPerRound == null || maxGrowthPerRound.isBlank()) {
                throw new IllegalArgumentException("<maxGrowthPerRound> is missing; write e.g. "
                        + "<maxGrowthPerRound>64 KiB</maxGrowthPerRound>");
            }
            return new LeakCheck(label, name, snapshots, warmup == null ? 0 : warmup, path,
                    scope == null || scope.isBlank() ? Scope.SELF : Scope.parse(scope),
                    ByteSize.parse(maxGrowthPerRound), maxGrowthPerRound.trim(),
                    level == null || level.isBlank() ? BudgetLevel.FAIL : BudgetLevel.parse(level));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
    }

    SnapshotGlob snapshotGlob() {
        return new SnapshotGlob("snapshots", snapshots);
    }

    /** The path as people read it; the whole snapshot when empty or {@code /}. */
    public String displayPath() {
        return path.isEmpty() || path.equals("/") ? "(whole snapshot)" : path;
    }
}
