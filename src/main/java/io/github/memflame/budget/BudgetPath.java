package io.github.memflame.budget;

import io.github.memflame.fold.PathGlob;
import io.github.memflame.fold.PathNormalizer;

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

    /**
     * The path as configured, normalized as recorded names are ({@link PathNormalizer#lexical}: {@code .},
     * {@code ..} and repeated separators collapse, {@code \} is {@code /}), without leading {@code /}.
     */
    static BudgetPath of(String configured) {
        String path = normalized(configured);
        if (PathGlob.isGlob(path)) {
            return new BudgetPath(null, new PathGlob(path));
        }
        return new BudgetPath(path, null);
    }

    /**
     * The configured path as it is matched: {@code ./client//ui/} is {@code client/ui}; empty for the whole snapshot
     * (empty, {@code /} or {@code .}).
     */
    static String normalized(String configured) {
        String path = PathNormalizer.lexical(configured == null ? "" : configured.trim());
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        path = path.substring(start);
        return path.equals(".") ? "" : path;
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
