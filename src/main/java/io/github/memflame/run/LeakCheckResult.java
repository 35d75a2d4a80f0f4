package io.github.memflame.run;

import io.github.memflame.budget.BudgetLevel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One leak check in one run.
 *
 * @param check what was configured
 * @param run the run's directory, {@code ""} for the snapshot directory's own, else ending in {@code /}
 * @param rounds every round its glob matched, in run order, the warm-up rounds first
 * @param slope the least-squares slope of the measured rounds' figures, in bytes per round, or {@code null} when
 *              there are fewer than {@value LeakCheck#MIN_MEASURED_ROUNDS} measured rounds
 * @param status what the slope says
 * @param suspects the lines that grew in every measured round, largest growth first
 * @param diff the differential graphs from the first measured round to the last, or {@code null} with fewer than
 *             two measured rounds
 */
public record LeakCheckResult(LeakCheck check, String run, List<Round> rounds, Double slope, LeakStatus status,
                              List<Suspect> suspects, RunDiff diff) {

    /**
     * One round: a snapshot and the path's figure in it.
     *
     * @param warmup whether it is a warm-up round, not measured
     */
    public record Round(String snapshot, long bytes, boolean warmup) {
        public Round {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /**
     * A line that grew in every measured round.
     *
     * @param site {@code path:line}
     * @param function the function enclosing it, or {@code null} when unknown
     * @param bytes its bytes in each measured round
     */
    public record Suspect(String site, String function, List<Long> bytes) {
        public Suspect {
            Objects.requireNonNull(site, "site");
            bytes = List.copyOf(bytes);
        }

        /** Its growth from the first measured round to the last. */
        public long growthBytes() {
            return bytes.get(bytes.size() - 1) - bytes.get(0);
        }
    }

    /** What a leak check found. */
    public enum LeakStatus {
        /** The slope is within the limit, and below {@code warnAtPercent} of it. */
        OK,
        /** The slope is within the limit, at or above {@code warnAtPercent} of it. */
        WARNING,
        /** The slope is above the limit. */
        EXCEEDED,
        /** Too few measured rounds to measure a slope. */
        UNDECIDED;

        /** The status as {@code memflame.json} writes it. */
        public String summaryName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LeakCheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(run, "run");
        rounds = List.copyOf(rounds);
        Objects.requireNonNull(status, "status");
        suspects = List.copyOf(suspects);
        if ((slope == null) != (status == LeakStatus.UNDECIDED)) {
            throw new IllegalArgumentException("a slope is measured exactly when the check is decided");
        }
    }

    /** The rounds measured: those after the warm-up. */
    public List<Round> measured() {
        return rounds.stream().filter(round -> !round.warmup()).toList();
    }

    /** Exceeded or undecided, and its level is {@code fail}: a gate that decided nothing must not pass. */
    public boolean failsBuild() {
        return (status == LeakStatus.EXCEEDED || status == LeakStatus.UNDECIDED) && check.level() == BudgetLevel.FAIL;
    }

    /** Exceeded or undecided, but of level {@code warn}. */
    public boolean onlyWarned() {
        return (status == LeakStatus.EXCEEDED || status == LeakStatus.UNDECIDED) && !failsBuild();
    }
}
