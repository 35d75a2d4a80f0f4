package io.github.memflame.budget;

import io.github.memflame.fold.PathGlob;
import java.util.Objects;

/**
 * A limit on the bytes held under one path, on how much they may grow since the baseline, or both.
 *
 * @param path a directory or file prefix of normalized paths, matched whole component by component, or a glob
 *             when it contains {@code *} or {@code ?}; empty or {@code /} for the whole snapshot. Normalized as
 *             recorded names are ({@code ./client//ui/} is {@code client/ui}, {@code client/ui/../net} is
 *             {@code client/net}), so that it is shown as it is matched
 * @param maxBytes the limit in bytes, or {@value #NO_MAX} when the budget has only a {@code maxGrowth}
 * @param maxText the limit as configured, e.g. {@code 20 MiB}; {@code null} when there is none
 * @param scope what is counted
 * @param snapshots a glob over snapshot names this budget applies to ({@code *}, {@code **} and {@code ?}), or
 *                  {@code null} or blank for all snapshots
 * @param level whether exceeding it fails the build or only warns
 * @param maxGrowth how much the figure may grow since the baseline, or {@code null} for no such limit
 * @param maxDrift how much the figure may grow since the drift reference build of the history (the oldest green
 *                 one of the window, or the one {@code driftReference} names), or {@code null} for no such limit
 */
public record Budget(String path, long maxBytes, String maxText, Scope scope, String snapshots, BudgetLevel level,
                     GrowthLimit maxGrowth, GrowthLimit maxDrift) {
    /** {@link #maxBytes()} of a budget that limits only growth. */
    public static final long NO_MAX = -1;

    /**
     * @throws IllegalArgumentException when the limit is negative, when there is neither a limit nor a growth
     *                                  limit, the scope or level is missing, or the snapshots glob holds a
     *                                  character class or alternatives ({@code [}, {@code ]}, <code>{</code>,
     *                                  <code>}</code>), which memflame's globs do not have: such a glob would match
     *                                  no snapshot and the budget would check nothing
     */
    public Budget {
        if (maxBytes < NO_MAX) {
            throw new IllegalArgumentException("a budget's limit cannot be negative, was " + maxBytes);
        }
        if (maxBytes == NO_MAX && maxGrowth == null && maxDrift == null) {
            throw new IllegalArgumentException("a budget needs a limit, a growth limit, a drift limit or several");
        }
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(level, "level");
        path = BudgetPath.normalized(path);
        maxText = maxBytes == NO_MAX ? null : maxText;
        snapshots = snapshots == null || snapshots.isBlank() ? null : snapshots.trim();
        if (snapshots != null) {
            for (char c : new char[] {'[', ']', '{', '}'}) {
                int at = snapshots.indexOf(c);
                if (at >= 0) {
                    throw new IllegalArgumentException("<snapshots>" + snapshots + "</snapshots> is no glob memflame "
                            + "knows: '" + c + "' at position " + (at + 1) + " (memflame globs have *, ** and ?, "
                            + "no character classes or alternatives); write e.g. <snapshots>**/*battle*</snapshots>");
                }
            }
        }
    }

    /** A budget without a drift limit. */
    public Budget(String path, long maxBytes, String maxText, Scope scope, String snapshots, BudgetLevel level,
                  GrowthLimit maxGrowth) {
        this(path, maxBytes, maxText, scope, snapshots, level, maxGrowth, null);
    }

    /** A budget without a growth limit. */
    public Budget(String path, long maxBytes, String maxText, Scope scope, String snapshots, BudgetLevel level) {
        this(path, maxBytes, maxText, scope, snapshots, level, null);
    }

    /** A budget without a growth limit that fails the build when exceeded. */
    public Budget(String path, long maxBytes, String maxText, Scope scope, String snapshots) {
        this(path, maxBytes, maxText, scope, snapshots, BudgetLevel.FAIL);
    }

    /**
     * A budget as configured, e.g. {@code <budget><path>client/ui</path><max>20 MiB</max></budget>}: the limit
     * parsed as a {@link ByteSize}, the growth limit as a {@link GrowthLimit}, the scope {@link Scope#SELF} and the
     * level {@link BudgetLevel#FAIL} when absent.
     *
     * @param name how messages name this budget, e.g. {@code budget 2 (path 'client/ui')}
     * @param max the limit, or {@code null} or blank for none
     * @param maxGrowth the growth limit, or {@code null} or blank for none
     * @throws IllegalArgumentException naming the budget and what is wrong: neither limit, a size that is not one,
     *                                  an unknown scope or level
     */
    public static Budget parse(String name, String path, String max, String maxGrowth, String scope, String snapshots,
                               String level) {
        return parse(name, path, max, maxGrowth, null, scope, snapshots, level);
    }

    /**
     * A budget as configured, with a drift limit, e.g. {@code <maxDrift>20%</maxDrift>}, parsed as a
     * {@link GrowthLimit} of the drift reference build's figure.
     *
     * @param maxDrift the drift limit, or {@code null} or blank for none
     */
    public static Budget parse(String name, String path, String max, String maxGrowth, String maxDrift, String scope,
                               String snapshots, String level) {
        boolean hasMax = max != null && !max.isBlank();
        boolean hasMaxGrowth = maxGrowth != null && !maxGrowth.isBlank();
        boolean hasMaxDrift = maxDrift != null && !maxDrift.isBlank();
        if (!hasMax && !hasMaxGrowth && !hasMaxDrift) {
            throw new IllegalArgumentException(name + " has no limit; write e.g. <max>20 MiB</max>, "
                    + "<maxGrowth>10%</maxGrowth> or <maxDrift>20%</maxDrift>, or several of them");
        }
        try {
            return new Budget(path, hasMax ? ByteSize.parse(max) : NO_MAX, hasMax ? max.trim() : null,
                    scope == null || scope.isBlank() ? Scope.SELF : Scope.parse(scope), snapshots,
                    level == null || level.isBlank() ? BudgetLevel.FAIL : BudgetLevel.parse(level),
                    hasMaxGrowth ? GrowthLimit.parse(maxGrowth) : null, hasMaxDrift ? driftLimit(maxDrift) : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static GrowthLimit driftLimit(String maxDrift) {
        try {
            return GrowthLimit.parse(maxDrift);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + maxDrift + "' is not a drift limit; expected a byte size such as "
                    + "'4 MiB' or a percentage of the reference build's figure such as '20%'", e);
        }
    }

    /** The glob of the snapshots this budget applies to, or {@code null} when it applies to all. */
    public PathGlob snapshotGlob() {
        return snapshots == null ? null : new PathGlob(snapshots);
    }

    /** True when the budget limits the figure itself ({@code <max>}), not only its growth. */
    public boolean hasMax() {
        return maxBytes != NO_MAX;
    }

    /** True when exceeding this budget only warns. */
    public boolean onlyWarns() {
        return level == BudgetLevel.WARN;
    }
}
