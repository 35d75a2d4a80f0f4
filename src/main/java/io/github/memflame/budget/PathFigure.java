package io.github.memflame.budget;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes a path holds in one snapshot, counted as a budget counts them, with the bytes and function of every
 * allocation site (line) counted. A trace without frames counts as {@value FlameTree#UNKNOWN}.
 *
 * @param snapshot the snapshot's name
 * @param bytes the bytes counted
 * @param matched whether any trace counted
 * @param bytesBySite the bytes of each allocating line counted, by {@code path:line}
 * @param functionBySite the function of each line counted, by {@code path:line}; {@code null} values when unknown
 * @param wasLines the line a counted line was on in the sources of the snapshot it is compared with, by
 *                 {@code path:line}, for the lines that moved (frames matched across edits)
 */
public record PathFigure(String snapshot, long bytes, boolean matched, Map<String, Long> bytesBySite,
                         Map<String, String> functionBySite, Map<String, Integer> wasLines) {

    /**
     * The figure of {@code path} (a budget's path: a prefix, a glob, or empty or {@code /} for all) counted with
     * {@code scope} in {@code snapshot}.
     */
    public static PathFigure of(FoldedSnapshot snapshot, String path, Scope scope) {
        return of(snapshot, BudgetPath.of(path), scope);
    }

    static PathFigure of(FoldedSnapshot snapshot, BudgetPath path, Scope scope) {
        Map<String, Boolean> coveredByPath = new HashMap<>();
        Map<String, Long> bytesBySite = new HashMap<>();
        Map<String, String> functionBySite = new HashMap<>();
        Map<String, Integer> wasLines = new HashMap<>();
        long bytes = 0;
        boolean matched = false;
        for (StackTotal stack : snapshot.stacks()) {
            if (counts(stack, path, scope, coveredByPath)) {
                matched = true;
                bytes = Math.addExact(bytes, stack.bytes());
                Site site = stack.allocatingSite();
                String label = site == null ? FlameTree.UNKNOWN : site.label();
                if (!bytesBySite.containsKey(label)) {
                    functionBySite.put(label, snapshot.functionAt(site));
                    Integer wasLine = snapshot.formerLine(site);
                    if (wasLine != null) {
                        wasLines.put(label, wasLine);
                    }
                }
                bytesBySite.merge(label, stack.bytes(), Math::addExact);
            }
        }
        return new PathFigure(snapshot.name(), bytes, matched, bytesBySite, functionBySite, wasLines);
    }

    private static boolean counts(StackTotal stack, BudgetPath path, Scope scope, Map<String, Boolean> covered) {
        if (path.isWholeSnapshot()) {
            return true;
        }
        if (scope == Scope.SELF) {
            Site site = stack.allocatingSite();
            return site != null && covered.computeIfAbsent(site.path(), path::covers);
        }
        for (Site site : stack.rootFirst()) {
            if (covered.computeIfAbsent(site.path(), path::covers)) {
                return true;
            }
        }
        return false;
    }
}
