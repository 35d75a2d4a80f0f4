package io.github.memflame.budget;

import io.github.memflame.fold.PathGlob;

/**
 * The path part of a budget: the whole snapshot, a component-wise prefix, or a glob.
 */
final class BudgetPath {
    private final String prefix;
    private final PathGlob glob;

    private BudgetPath(String prefix, PathGlob glob) {
        this.prefix = prefix;
        this.glob = glob;
    }

    static BudgetPath of(String configured) {
        String path = configured == null ? "" : configured.trim().replace('\\', '/');
        if (PathGlob.isGlob(path)) {
            return new BudgetPath(null, new PathGlob(path));
        }
        while (path.startsWith("/") || path.startsWith("./")) {
            path = path.substring(path.startsWith("/") ? 1 : 2);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new BudgetPath(path, null);
    }

    boolean isWholeSnapshot() {
        return glob == null && prefix.isEmpty();
    }

    /** True when a normalized file path lies under this budget's path. */
    boolean covers(String filePath) {
        if (glob != null) {
            return glob.matchesPathOrParent(filePath);
        }
        return prefix.isEmpty()
                || filePath.equals(prefix)
                || (filePath.startsWith(prefix) && filePath.charAt(prefix.length()) == '/');
    }
}
