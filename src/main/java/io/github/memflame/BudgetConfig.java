package io.github.memflame;

/**
 * One {@code <budget>} element of the POM, as Maven injects it; {@link io.github.memflame.budget.Budget#parse}
 * validates it.
 *
 * <pre>{@code
 * <budget>
 *   <path>client/controller</path>
 *   <max>20 MiB</max>
 *   <maxGrowth>10%</maxGrowth>
 *   <maxDrift>20%</maxDrift>
 *   <scope>self</scope>
 *   <snapshots>**}{@code /*battle*</snapshots>
 *   <level>fail</level>
 * </budget>
 * }</pre>
 */
public class BudgetConfig {
    /** A directory or file prefix of normalized paths, or a glob; empty or {@code /} for the whole snapshot. */
    private String path;

    /**
     * The limit: bytes with an optional unit, B, kB, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (of 1024); may be
     * left out when {@code maxGrowth} is set.
     */
    private String max;

    /**
     * How much the figure may grow since the baseline: bytes with the same units as {@code max}, or a percentage of
     * the baseline's figure ({@code 10%}). A budget needs {@code max}, {@code maxGrowth} or both.
     */
    private String maxGrowth;

    /**
     * How much the figure may grow since the drift reference build of the {@code history} (the oldest green build of
     * the window, or the one {@code driftReference} names): bytes with the same units as {@code max}, or a
     * percentage of that build's figure ({@code 20%}).
     */
    private String maxDrift;

    /** {@code self} (default) or {@code inclusive}. */
    private String scope;

    /** A glob over snapshot names; the budget applies to all snapshots when absent. */
    private String snapshots;

    /** {@code fail} (default): exceeding it fails the build; {@code warn}: exceeding it only warns. */
    private String level;

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getMax() {
        return max;
    }

    public void setMax(String max) {
        this.max = max;
    }

    public String getMaxGrowth() {
        return maxGrowth;
    }

    public void setMaxGrowth(String maxGrowth) {
        this.maxGrowth = maxGrowth;
    }

    public String getMaxDrift() {
        return maxDrift;
    }

    public void setMaxDrift(String maxDrift) {
        this.maxDrift = maxDrift;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getSnapshots() {
        return snapshots;
    }

    public void setSnapshots(String snapshots) {
        this.snapshots = snapshots;
    }

    public String getLevel() {
        return level;
    }

    public void setLevel(String level) {
        this.level = level;
    }
}
