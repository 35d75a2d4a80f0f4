package io.github.memflame.budget;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathGlob;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a budget matched nothing, and what would make it match, from what the snapshots hold: the paths nearest to
 * the budget's, the {@code stripPrefix} that would bring a path found further down in the recorded names to the
 * front, or the snapshot names its {@code <snapshots>} glob missed. Every list is capped, so that a dump of a
 * million files gives a message of a few lines.
 *
 * @param budget the budget
 * @param snapshotsRead how many snapshots were read in all
 * @param appliedTo how many of them the budget applies to (its {@code snapshots} glob)
 * @param snapshotNames the names of the snapshots read, at most {@value #LISTED}, when it applies to none
 * @param nearest the existing paths nearest to the budget's path by component-wise edit distance, nearest first,
 *                at most {@value #NEAREST}; empty for a glob or when none is near
 * @param onlyCallers true when a {@code self} budget's path holds frames of the stacks, but none that allocated
 * @param stripPrefix the install root that, stripped, would make the path match, spelled as the dump records it;
 *                    {@code null} when the path occurs nowhere further down in the recorded names
 * @param stripPrefixExample a recorded name (after {@code normpath}) that shows it
 * @param topLevelPaths the top-level paths that hold memory, in text order, at most {@value #LISTED}
 * @param topLevelPathCount how many there are in all
 */
public record UnmatchedBudget(Budget budget, int snapshotsRead, int appliedTo, List<String> snapshotNames,
                              List<String> nearest, boolean onlyCallers, String stripPrefix,
                              String stripPrefixExample, List<String> topLevelPaths, int topLevelPathCount) {
    /** The most paths or snapshot names one message lists; the rest are counted. */
    public static final int LISTED = 20;
    /** The most nearest paths suggested. */
    public static final int NEAREST = 3;
    /** How many of the roots names lost, the most frequent, are tried for a {@code stripPrefix}. */
    private static final int ROOTS_TRIED = 8;

    public UnmatchedBudget {
        snapshotNames = List.copyOf(snapshotNames);
        nearest = List.copyOf(nearest);
        topLevelPaths = List.copyOf(topLevelPaths);
    }

    /**
     * Explains a budget that matched nothing.
     *
     * @param snapshots every snapshot read, in report order
     * @param strippedRoots what the recorded names lost in front ({@link PathNormalizer#strippedRoots()}), most
     *                      frequent first
     */
    public static UnmatchedBudget explain(Budget budget, List<FoldedSnapshot> snapshots,
                                          List<PathNormalizer.StrippedRoot> strippedRoots) {
        PathGlob snapshotGlob = budget.snapshotGlob();
        List<FoldedSnapshot> applied = new ArrayList<>();
        for (FoldedSnapshot snapshot : snapshots) {
            if (snapshotGlob == null || snapshotGlob.matches(snapshot.name())) {
                applied.add(snapshot);
            }
        }
        TreeSet<String> topLevel = topLevelPaths(applied.isEmpty() ? snapshots : applied);
        List<String> names = new ArrayList<>();
        for (FoldedSnapshot snapshot : snapshots.subList(0, Math.min(LISTED, snapshots.size()))) {
            names.add(snapshot.name());
        }
        List<String> nearest = List.of();
        boolean onlyCallers = false;
        String stripPrefix = null;
        String example = null;
        String configured = BudgetPath.normalized(budget.path());
        if (!applied.isEmpty() && !configured.isEmpty() && !PathGlob.isGlob(configured)) {
            List<String> wanted = PathNormalizer.components(configured);
            Set<String> everyFrame = paths(applied, false);
            nearest = nearest(wanted, budget.scope() == Scope.SELF ? paths(applied, true) : everyFrame);
            if (budget.scope() == Scope.SELF) {
                BudgetPath path = BudgetPath.of(budget.path());
                onlyCallers = everyFrame.stream().anyMatch(path::covers);
            }
            String[] found = stripPrefix(wanted, everyFrame, strippedRoots);
            if (found != null) {
                stripPrefix = found[0];
                example = found[1];
            }
        }
        return new UnmatchedBudget(budget, snapshots.size(), applied.size(), applied.isEmpty() ? names : List.of(),
                nearest, onlyCallers, stripPrefix, example,
                topLevel.stream().limit(LISTED).toList(), topLevel.size());
    }

    /** The top-level paths that hold memory in these snapshots: the first component of each allocating site. */
    static TreeSet<String> topLevelPaths(List<FoldedSnapshot> snapshots) {
        TreeSet<String> paths = new TreeSet<>();
        for (FoldedSnapshot snapshot : snapshots) {
            for (StackTotal stack : snapshot.stacks()) {
                Site site = stack.allocatingSite();
                paths.add(site == null ? FlameTree.UNKNOWN : PathNormalizer.components(site.path()).get(0));
            }
        }
        return paths;
    }

    /** The distinct paths of the allocating sites, or of every frame. */
    private static Set<String> paths(List<FoldedSnapshot> snapshots, boolean allocatingOnly) {
        Set<String> paths = new HashSet<>();
        for (FoldedSnapshot snapshot : snapshots) {
            for (StackTotal stack : snapshot.stacks()) {
                if (allocatingOnly) {
                    Site site = stack.allocatingSite();
                    if (site != null) {
                        paths.add(site.path());
                    }
                } else {
                    for (Site site : stack.rootFirst()) {
                        paths.add(site.path());
                    }
                }
            }
        }
        return paths;
    }

    /**
     * The directories and files, with one component more or fewer than the budget's path or as many, nearest to
     * it: components are compared as strings by edit distance (a swap of two neighbours is one edit, a change of
     * case is one), a component more or fewer costs its length and its separator. Only those within a quarter of
     * the path's length (at least 2) are near.
     */
    static List<String> nearest(List<String> wanted, Set<String> paths) {
        int wantedLength = String.join("/", wanted).length();
        int limit = Math.max(2, (wantedLength + 3) / 4);
        Set<String> candidates = new HashSet<>();
        for (String path : paths) {
            List<String> components = PathNormalizer.components(path);
            for (int depth = Math.max(1, wanted.size() - 1); depth <= Math.min(components.size(), wanted.size() + 1);
                 depth++) {
                candidates.add(String.join("/", components.subList(0, depth)));
            }
        }
        record Scored(String path, int distance) {
        }
        List<Scored> near = new ArrayList<>();
        for (String candidate : candidates) {
            int distance = componentDistance(wanted, PathNormalizer.components(candidate), limit);
            if (distance > 0 && distance <= limit) {
                near.add(new Scored(candidate, distance));
            }
        }
        near.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::path));
        return near.stream().limit(NEAREST).map(Scored::path).toList();
    }

    /**
     * Edit distance over components, a substitution costing the distance of the two strings, an insertion or a
     * deletion the component's length and one for its separator; at most {@code limit + 1}.
     */
    static int componentDistance(List<String> a, List<String> b, int limit) {
        int[][] cost = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            cost[i][0] = cost[i - 1][0] + a.get(i - 1).length() + 1;
        }
        for (int j = 1; j <= b.size(); j++) {
            cost[0][j] = cost[0][j - 1] + b.get(j - 1).length() + 1;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                cost[i][j] = Math.min(Math.min(cost[i - 1][j] + a.get(i - 1).length() + 1,
                                cost[i][j - 1] + b.get(j - 1).length() + 1),
                        cost[i - 1][j - 1] + stringDistance(a.get(i - 1), b.get(j - 1), limit + 1));
            }
        }
        return Math.min(cost[a.size()][b.size()], limit + 1);
    }

    /**
     * The optimal-string-alignment distance of two components, letters compared without case and one more edit
     * when they differ only in case; {@code cap} once it is reached (the strings are then far anyway).
     */
    static int stringDistance(String a, String b, int cap) {
        if (a.equals(b)) {
            return 0;
        }
        if (Math.abs(a.length() - b.length()) >= cap) {
            return cap;
        }
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[x.length() + 1][y.length() + 1];
        for (int i = 0; i <= x.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            for (int j = 1; j <= y.length(); j++) {
                int substitution = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + substitution);
                if (i > 1 && j > 1 && x.charAt(i - 1) == y.charAt(j - 2) && x.charAt(i - 2) == y.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        int distance = d[x.length()][y.length()] + (x.equals(y) ? 1 : 0);
        return Math.min(distance, cap);
    }

    /**
     * The install root whose stripping would bring the budget's path to the front of recorded names, spelled as
     * the dump records them, with an example name; {@code null} when the path occurs in no recorded name after its
     * first component. Each path is put back together with each root names lost (as normalization removed it);
     * of the roots found, the one most names would lose wins (then the first in text order), so the answer does not
     * depend on the order the snapshots were read in.
     */
    private static String[] stripPrefix(List<String> wanted, Set<String> paths,
                                        List<PathNormalizer.StrippedRoot> roots) {
        Map<String, Integer> namesByPrefix = new HashMap<>();
        Map<String, String> exampleByPrefix = new HashMap<>();
        String first = wanted.get(0);
        for (PathNormalizer.StrippedRoot root : roots.subList(0, Math.min(ROOTS_TRIED, roots.size()))) {
            String slashed = root.root().replace('\\', '/');
            int leading = 0;
            while (leading < slashed.length() && slashed.charAt(leading) == '/') {
                leading++;
            }
            String front = slashed.substring(0, leading);
            char separator = root.windows() ? '\\' : '/';
            for (String path : paths) {
                if (PathNormalizer.isPseudoFile(path) || (!path.contains(first) && !slashed.contains(first))) {
                    continue;
                }
                List<String> components = PathNormalizer.components(slashed + path);
                int at = indexOf(components, wanted);
                if (at <= 0) {
                    continue;
                }
                String prefix = spelled(front, components.subList(0, at), separator);
                if (prefix.equals(trimmed(root.root()))) {
                    continue;  // already stripped: the path would have matched
                }
                namesByPrefix.merge(prefix, 1, Integer::sum);
                String example = spelled(front, components, separator);
                exampleByPrefix.merge(prefix, example, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        String best = null;
        for (Map.Entry<String, Integer> candidate : namesByPrefix.entrySet()) {
            if (best == null || candidate.getValue() > namesByPrefix.get(best)
                    || (candidate.getValue().equals(namesByPrefix.get(best)) && candidate.getKey().compareTo(best) < 0)) {
                best = candidate.getKey();
            }
        }
        return best == null ? null : new String[] {best, exampleByPrefix.get(best)};
    }

    private static String spelled(String front, List<String> components, char separator) {
        return front.replace('/', separator) + String.join(String.valueOf(separator), components);
    }

    private static String trimmed(String root) {
        String trimmed = root;
        while (trimmed.length() > 1 && (trimmed.endsWith("/") || trimmed.endsWith("\\"))) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** Where {@code wanted} occurs in {@code components} as consecutive components, or -1. */
    private static int indexOf(List<String> components, List<String> wanted) {
        for (int start = 0; start + wanted.size() <= components.size(); start++) {
            if (components.subList(start, start + wanted.size()).equals(wanted)) {
                return start;
            }
        }
        return -1;
    }
}
