package io.github.memflame;

/**
 * One {@code <leakCheck>} element of the POM, as Maven injects it; {@link io.github.memflame.run.LeakCheck#parse}
 * validates it.
 *
 * <pre>
 * &lt;leakCheck&gt;
 *   &lt;snapshots&gt;battle-round-*&lt;/snapshots&gt;
 *   &lt;warmup&gt;1&lt;/warmup&gt;
 *   &lt;path&gt;client&lt;/path&gt;
 *   &lt;maxGrowthPerRound&gt;64 KiB&lt;/maxGrowthPerRound&gt;
 * &lt;/leakCheck&gt;
 * </pre>
 */
public class LeakCheckConfig {
    /** The name of its differential graphs; by default they are named after the first and last measured rounds. */
    private String name;

    /** A glob matching the rounds of a run, in run order. */
    private String snapshots;

    /** How many rounds, from the first, are not measured (caches fill there); none by default. */
    private Integer warmup;

    /** A directory or file prefix of normalized paths, or a glob, as a budget's; empty or {@code /} for all. */
    private String path;

    /** {@code self} (default) or {@code inclusive}. */
    private String scope;

    /** The growth per round allowed: bytes with an optional unit, as a budget's {@code max}. */
    private String maxGrowthPerRound;

    /** {@code fail} (default): exceeding it, or too few rounds to decide, fails the build; {@code warn}: it warns. */
    private String level;

    public String getName() {
        return name;
    }

    public String getSnapshots() {
        return snapshots;
    }

    public Integer getWarmup() {
        return warmup;
    }

    public String getPath() {
        return path;
    }

    public String getScope() {
        return scope;
    }

    public String getMaxGrowthPerRound() {
        return maxGrowthPerRound;
    }

    public String getLevel() {
        return level;
    }
}
