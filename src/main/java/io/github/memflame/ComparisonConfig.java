package io.github.memflame;

/**
 * One {@code <comparison>} element of the POM, as Maven injects it; {@link io.github.memflame.run.Comparison#parse}
 * validates it.
 *
 * <pre>
 * &lt;comparison&gt;
 *   &lt;name&gt;town-revisit&lt;/name&gt;
 *   &lt;from&gt;scene-2-town*&lt;/from&gt;
 *   &lt;to&gt;scene-5-town*&lt;/to&gt;
 *   &lt;path&gt;client&lt;/path&gt;
 *   &lt;scope&gt;self&lt;/scope&gt;
 *   &lt;maxGrowth&gt;256 KiB&lt;/maxGrowth&gt;
 *   &lt;level&gt;fail&lt;/level&gt;
 * &lt;/comparison&gt;
 * </pre>
 */
public class ComparisonConfig {
    /** The name of its differential graphs; by default they are named after the two snapshots. */
    private String name;

    /** A glob matching the earlier snapshot, exactly one in each run where it or {@code to} matches. */
    private String from;

    /** A glob matching the later snapshot, exactly one in each run where it or {@code from} matches. */
    private String to;

    /** A directory or file prefix of normalized paths, or a glob, as a budget's; empty or {@code /} for all. */
    private String path;

    /** {@code self} (default) or {@code inclusive}. */
    private String scope;

    /** How much the figure may grow from {@code from} to {@code to}: bytes, or a percentage of its figure in {@code from}. */
    private String maxGrowth;

    /** {@code fail} (default): exceeding it fails the build; {@code warn}: exceeding it only warns. */
    private String level;

    public String getName() {
        return name;
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public String getPath() {
        return path;
    }

    public String getScope() {
        return scope;
    }

    public String getMaxGrowth() {
        return maxGrowth;
    }

    public String getLevel() {
        return level;
    }
}
