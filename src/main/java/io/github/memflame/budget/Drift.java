package io.github.memflame.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * One budget's figure in one snapshot against the same figure in the history's drift reference build: the creep
 * over many builds that no single growth check catches.
 *
 * @param referenceBuild the label of the reference build
 * @param referenceBytes its figure
 * @param deltaBytes this run's figure minus the reference's (negative when it shrank)
 * @param limit the budget's {@code maxDrift}
 * @param status {@link BudgetStatus#OK}, {@link BudgetStatus#WARNING} or {@link BudgetStatus#EXCEEDED} against
 *               {@code limit}
 * @param topBuilds the builds since the reference (this one included) that added most to the figure, largest
 *                  first, at most three
 */
public record Drift(String referenceBuild, long referenceBytes, long deltaBytes, GrowthLimit limit,
                    BudgetStatus status, List<BuildChange> topBuilds) {
    /** How many builds a drift names as those that added most. */
    public static final int TOP_BUILDS = 3;

    public Drift {
        Objects.requireNonNull(referenceBuild, "referenceBuild");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(status, "status");
        topBuilds = List.copyOf(topBuilds);
    }

    /** What one build changed in the figure, against the build before it that has the figure. */
    public record BuildChange(String build, long beforeBytes, long afterBytes) {
        public long deltaBytes() {
            return afterBytes - beforeBytes;
        }
    }

    /** The drift as a percentage of the reference's figure, two decimals, or {@code null} when that is 0. */
    public BigDecimal deltaPercent() {
        if (referenceBytes == 0) {
            return null;
        }
        return BigDecimal.valueOf(deltaBytes).movePointRight(2)
                .divide(BigDecimal.valueOf(referenceBytes), 2, RoundingMode.HALF_UP);
    }

    /** The drift allowed, in bytes. */
    public long allowedBytes() {
        return limit.allowedBytes(referenceBytes);
    }
}
