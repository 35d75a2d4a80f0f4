package io.github.memflame.fold;

/**
 * A normalized source location: the path after {@link PathNormalizer} and the line (0 when unknown).
 */
public record Site(String path, int line) {

    /**
     * How every report and log line names an allocation site: {@code path:line}, or the path alone when the
     * line is unknown (0), as the folded-stacks format writes a frame without a line.
     */
    public String label() {
        return label(path, line);
    }

    /** {@link #label()} of a site given by its parts; the one place a site's name is put together. */
    public static String label(String path, int line) {
        return line == 0 ? path : path + ":" + line;
    }

    /**
     * How a site is shown beside the function enclosing it, {@code client/battle.py:37 BattleController.spawn_wave}:
     * the one place this text is put together.
     *
     * @param siteLabel the site's {@link #label()}
     * @param function the qualified name, or {@code null} when unknown: then the label alone
     */
    public static String withFunction(String siteLabel, String function) {
        return function == null ? siteLabel : siteLabel + " " + function;
    }

    /** Spreads the lines of one file over many buckets, as {@link io.github.memflame.read.Frame} does. */
    @Override
    public int hashCode() {
        int hash = path.hashCode() * 0x9E3779B1 + line;
        return hash ^ (hash >>> 16);
    }
}
