package io.github.memflame.budget;

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
}
