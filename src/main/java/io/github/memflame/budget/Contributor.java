package io.github.memflame.budget;

/**
 * One of the biggest allocation sites behind a budget's figure.
 *
 * @param site {@code path:line} of the allocating frame
 * @param bytes the bytes allocated there that the budget counted
 */
public record Contributor(String site, long bytes) {
}
