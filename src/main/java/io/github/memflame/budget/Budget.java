package io.github.memflame.budget;

import java.util.Objects;

/**
 * A limit on the bytes held under one path.
 *
 * @param path a directory or file prefix of normalized paths, matched whole component by component, or a glob
 *             when it contains {@code *} or {@code ?}; empty or {@code /} for the whole snapshot
 * @param maxBytes the limit in bytes
 * @param maxText the limit as configured, e.g. {@code 20 MiB}
 * @param scope what is counted
 * @param snapshots a glob over snapshot names this budget applies to, or {@code null} for all snapshots
 */
public record Budget(String path, long maxBytes, String maxText, Scope scope, String snapshots) {

    /** @throws IllegalArgumentException when the limit is negative or the scope missing */
    public Budget {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("a budget's limit cannot be negative, was " + maxBytes);
        }
        Objects.requireNonNull(scope, "scope");
        path = path == null ? "" : path.trim();
    }

    /**
     * A budget as configured, e.g. {@code <budget><path>client/ui</path><max>20 MiB</max></budget>}: the limit
     * parsed as a {@link ByteSize}, the scope {@link Scope#SELF} when absent.
     *
     * @param name how messages name this budget, e.g. {@code budget 2 (path 'client/ui')}
     * @throws IllegalArgumentException naming the budget and what is wrong: no limit, a size that is not one,
     *                                  an unknown scope
     */
    public static Budget parse(String name, String path, String max, String scope, String snapshots) {
        if (max == null || max.isBlank()) {
            throw new IllegalArgumentException(name + " has no <max>; write e.g. <max>20 MiB</max>");
        }
        try {
            return new Budget(path, ByteSize.parse(max), max.trim(),
                    scope == null || scope.isBlank() ? Scope.SELF : Scope.parse(scope), snapshots);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
