package io.github.memflame.fold;

/**
 * An allocation site's bytes in the baseline and in this run.
 *
 * @param site {@code path:line} of the allocating frame
 * @param function the qualified name of the function enclosing it, or {@code null} when unknown
 * @param beforeBytes the baseline's bytes there (0 when the site is new)
 * @param afterBytes this run's bytes there (0 when the site is gone)
 * @param wasLine the line the baseline had this frame on, when {@link FrameMatcher} matched it to a line of
 *                another number; {@code null} otherwise
 */
public record SiteChange(String site, String function, long beforeBytes, long afterBytes, Integer wasLine) {

    /** A change of a site that did not move. */
    public SiteChange(String site, String function, long beforeBytes, long afterBytes) {
        this(site, function, beforeBytes, afterBytes, null);
    }

    /** This run's bytes minus the baseline's. */
    public long deltaBytes() {
        return afterBytes - beforeBytes;
    }

    /** {@code path:line Class.method}, or {@code path:line} when the function is unknown. */
    public String siteWithFunction() {
        return Site.withFunction(site, function);
    }

    /** {@code " (was line 24)"} for a moved line, else empty: what follows the site where it is shown. */
    public String wasLineNote() {
        return wasLine == null ? "" : " (was line " + wasLine + ")";
    }
}
