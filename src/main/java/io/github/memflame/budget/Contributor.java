package io.github.memflame.budget;

import io.github.memflame.fold.Site;

/**
 * One of the biggest allocation sites behind a budget's figure.
 *
 * @param site {@code path:line} of the allocating frame
 * @param function the qualified name of the function enclosing it, or {@code null} when unknown
 * @param bytes the bytes allocated there that the budget counted
 */
public record Contributor(String site, String function, long bytes) {

    /** A site whose function is not known. */
    public Contributor(String site, long bytes) {
        this(site, null, bytes);
    }

    /** {@code path:line Class.method}, or {@code path:line} when the function is unknown. */
    public String siteWithFunction() {
        return Site.withFunction(site, function);
    }
}
