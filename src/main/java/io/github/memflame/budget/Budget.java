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
 * @param level whether exceeding it fails the build or only warns
 */
public record Budget(String path, long maxBytes, String maxText, Scope scope, String snapshots, BudgetLevel level) {

    /** A budget that fails the build when exceeded. */
    public Budget(String path, long maxBytes, String maxText, Scope scope, String snapshots) {
        this(path, maxBytes, maxText, scope, snapshots, BudgetLevel.FAIL);
    }

    /** True when exceeding this budget only warns. */
    public boolean onlyWarns() {
        return level == BudgetLevel.WARN;
    }
}
