package io.github.memflame.fold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One view of a snapshot as folded stacks: every distinct label sequence (root first) with its bytes and traces,
 * in lexicographic label order, a prefix before its extensions. That is the pre-order of a flame tree whose
 * children are sorted by label, so a tree can be built from it in one pass, closing each frame for good when the
 * next sequence leaves it, and the folded export is written from it without any tree.
 */
public final class FoldedView {
    /** Pairs of a path and a line numbered by a table rather than by sorting when there are at most this many. */
    private static final long MAX_PAIR_TABLE = 1 << 20;
    private final FlameTree.View view;
    private final String snapshotName;
    private final long totalBytes;
    /**
     * The labels by id, the rank of each label in label order but in the stack view of a fold's sites each of which
     * is a label of its own, where a label's id is its site's; in the stack view each is made from its site when
     * first asked for.
     */
    private final String[] labels;
    /**
     * Stack view: the path of each label's site, by id, {@code null} (or beyond the array) for
     * {@link FlameTree#UNKNOWN}; and its line. Parts rather than {@link Site}s: a view of millions of distinct lines
     * would otherwise hold an object for each.
     */
    private final String[] pathOfLabel;
    private final int[] lineOfLabel;
    private final int[][] sequences;
    private final long[] bytes;
    private final long[] traces;
    private final BitSet endsInLine;
    /** Stack view: the function of each label (a site), by id; {@code null} when no function is named. */
    private final String[] functionOfLabel;
    /** Path view: the function of each sequence's line; {@code null} when no function is named. */
    private final String[] functionOfSequence;

    private FoldedView(FlameTree.View view, String snapshotName, long totalBytes, String[] labels,
                       String[] pathOfLabel, int[] lineOfLabel, int[][] sequences, long[] bytes, long[] traces,
                       BitSet endsInLine, String[] functionOfLabel, String[] functionOfSequence) {
        this.view = view;
        this.snapshotName = snapshotName;
        this.totalBytes = totalBytes;
        this.labels = labels;
        this.pathOfLabel = pathOfLabel;
        this.lineOfLabel = lineOfLabel;
        this.sequences = sequences;
        this.bytes = bytes;
        this.traces = traces;
        this.endsInLine = endsInLine;
        this.functionOfLabel = functionOfLabel;
        this.functionOfSequence = functionOfSequence;
    }

    public static FoldedView of(FoldedSnapshot snapshot, FlameTree.View view) {
        // Each distinct site is labelled once and each distinct label ranked once, however many stacks use them;
        // stacks are then compared as arrays of ranks. A stack of the fold is already an array of site ids, which
        // index the local numbering directly; other sites are looked up by value.
        boolean pathView = view == FlameTree.View.PATH;
        List<StackTotal> stacks = snapshot.stacks();
        // The stack view of a fold's stacks indexes its sites by their ids in the fold's table: millions of
        // distinct sites then need no numbering of their own, a cache miss each. A site of the table that no stack
        // uses is ranked too, and never written.
        FoldedStacks fold = !pathView && stacks instanceof FoldedStacks folded ? folded : null;
        SiteIndex sites = fold != null ? SiteIndex.of(fold.table()) : new SiteIndex();
        // Each stack as label ranks; in the stack view first as site indexes, null for a stack without frames.
        int[][] unsorted = new int[stacks.size()][];
        // Path view: the index of each stack's allocating site; -1 for a stack without frames.
        int[] allocatingSiteOf = pathView ? new int[stacks.size()] : null;
        for (int e = 0; e < unsorted.length; e++) {
            if (fold != null) {
                int[] ids = fold.siteIds(e);
                unsorted[e] = ids.length == 0 ? null : ids;
                continue;
            }
            List<Site> stackSites = stacks.get(e).rootFirst();
            if (pathView) {
                allocatingSiteOf[e] = stackSites.isEmpty() ? -1 : sites.index(stackSites, stackSites.size() - 1);
            } else if (!stackSites.isEmpty()) {
                unsorted[e] = sites.indexes(stackSites);
            }
        }
        boolean named = !snapshot.functionNames().isEmpty();
        String[] labels;
        String[] pathOfLabel = null;
        int[] lineOfLabel = null;
        String[] functionOfLabel = null;
        // The rank of each label id in label order, when the ids are not the ranks themselves.
        int[] rankOfLabel = null;
        int[] unknown;
        if (pathView) {
            List<String> distinct = new ArrayList<>();
            int[][] ranksOfSite = rankPathLabels(sites, distinct);
            labels = distinct.toArray(String[]::new);
            unknown = ranksOfSite[sites.count()];
            for (int e = 0; e < unsorted.length; e++) {
                unsorted[e] = allocatingSiteOf[e] < 0 ? unknown : ranksOfSite[allocatingSiteOf[e]];
            }
        } else if ((rankOfLabel = fold != null && fold.table().eachSiteOnce() ? siteLabelKeys(sites) : null) != null) {
            // Each site of the fold is a label of its own: the stacks keep their site ids as label ids, ordered by
            // the sites' keys, and the labels' paths and lines are the table's. Millions of distinct sites then need
            // neither a rank looked up for each of their tens of millions of frames (a cache miss each) nor their
            // paths and lines copied in rank order.
            unknown = new int[] {sites.count()};
            labels = new String[sites.count() + 1];
            pathOfLabel = fold.table().paths();
            lineOfLabel = fold.table().lines();
            for (int e = 0; e < unsorted.length; e++) {
                if (unsorted[e] == null) {
                    unsorted[e] = unknown;
                }
            }
            if (named) {
                functionOfLabel = new String[labels.length];
                for (int i = 0; i < sites.count(); i++) {
                    functionOfLabel[i] = snapshot.functionAt(sites.site(i));
                }
            }
        } else {
            // Hundreds of thousands of path:line labels, most of them only ever written as bytes (see FoldedText):
            // each is made a string only when asked for.
            int[] rankOfSite = rankStackLabels(sites);
            unknown = new int[] {rankOfSite[sites.count()]};
            labels = new String[Arrays.stream(rankOfSite).max().orElseThrow() + 1];
            pathOfLabel = new String[labels.length];
            lineOfLabel = new int[labels.length];
            for (int i = 0; i < sites.count(); i++) {
                pathOfLabel[rankOfSite[i]] = sites.path(i);
                lineOfLabel[rankOfSite[i]] = sites.line(i);
            }
            for (int e = 0; e < unsorted.length; e++) {
                if (unsorted[e] == null) {
                    unsorted[e] = unknown;
                    continue;
                }
                for (int i = 0; i < unsorted[e].length; i++) {
                    unsorted[e][i] = rankOfSite[unsorted[e][i]];
                }
            }
            if (named) {
                functionOfLabel = new String[labels.length];
                for (int i = 0; i < sites.count(); i++) {
                    functionOfLabel[rankOfSite[i]] = snapshot.functionAt(sites.site(i));
                }
            }
        }
        int[] order = SequenceOrder.of(unsorted, rankOfLabel);

        // The stacks are summed in their own order, each into its sequence's slot: reading them in sorted order
        // would jump across the heap, a cache miss each on a million stacks.
        int[] sequenceOfStack = new int[order.length];
        int distinctSequences = 0;
        for (int i = 0; i < order.length; i++) {
            if (i == 0 || !Arrays.equals(unsorted[order[i - 1]], unsorted[order[i]])) {
                distinctSequences++;
            }
            sequenceOfStack[order[i]] = distinctSequences - 1;
        }
        int[][] sequences = new int[distinctSequences][];
        long[] bytes = new long[distinctSequences];
        long[] traces = new long[distinctSequences];
        BitSet endsInLine = new BitSet(pathView ? distinctSequences : 0);
        String[] functionOfSequence = named && pathView ? new String[distinctSequences] : null;
        BitSet siteHasLine = new BitSet();
        for (int i = 0; pathView && i < sites.count(); i++) {
            siteHasLine.set(i, sites.line(i) != 0);
        }
        for (int e = 0; e < unsorted.length; e++) {
            int at = sequenceOfStack[e];
            sequences[at] = unsorted[e];
            StackTotal stack = stacks.get(e);
            bytes[at] = Math.addExact(bytes[at], stack.bytes());
            traces[at] += stack.traces();
            int allocating = pathView ? allocatingSiteOf[e] : -1;
            if (allocating >= 0 && siteHasLine.get(allocating)) {
                endsInLine.set(at);
                String function = functionOfSequence != null ? snapshot.functionAt(sites.site(allocating)) : null;
                if (function != null) {
                    functionOfSequence[at] = function;
                }
            }
        }
        return new FoldedView(view, snapshot.name(), snapshot.totalBytes(), labels, pathOfLabel, lineOfLabel,
                sequences, bytes, traces, endsInLine, functionOfLabel, functionOfSequence);
    }

    /**
     * The path view's label ranks of each site, {@code dir;dir;file.py;line}, and last those of
     * {@link FlameTree#UNKNOWN}; sites of one path share its components' ranks. The sites share a few hundred
     * paths and a few thousand lines: each path is split and each line written once, not once per site.
     *
     * @param distinct receives the distinct labels in rank order
     */
    private static int[][] rankPathLabels(SiteIndex sites, List<String> distinct) {
        List<String> slotLabels = new ArrayList<>();
        int[][] slotsOfSite = new int[sites.count() + 1][];
        DistinctLines lines = new DistinctLines(sites);
        int[] slotOfLine = new int[lines.count()];
        for (int i = 0; i < slotOfLine.length; i++) {
            slotOfLine[i] = newSlots(List.of(Integer.toString(lines.line(i))), slotLabels)[0];
        }
        Map<String, int[]> componentSlots = new HashMap<>();
        for (int i = 0; i < sites.count(); i++) {
            int line = sites.line(i);
            int[] components = componentSlots.computeIfAbsent(sites.path(i),
                    path -> newSlots(PathNormalizer.components(path), slotLabels));
            if (line == 0) {
                slotsOfSite[i] = components;
            } else {
                slotsOfSite[i] = Arrays.copyOf(components, components.length + 1);
                slotsOfSite[i][components.length] = slotOfLine[lines.indexOf(line)];
            }
        }
        slotsOfSite[sites.count()] = newSlots(List.of(FlameTree.UNKNOWN), slotLabels);
        int[] rankOfSlot = rankBySorting(slotLabels, distinct);
        int[][] ranksOfSite = new int[slotsOfSite.length][];
        for (int i = 0; i < ranksOfSite.length; i++) {
            ranksOfSite[i] = new int[slotsOfSite[i].length];
            for (int level = 0; level < ranksOfSite[i].length; level++) {
                ranksOfSite[i][level] = rankOfSlot[slotsOfSite[i][level]];
            }
        }
        return ranksOfSite;
    }

    /**
     * The stack view's label rank of each site ({@code path:line}), and last that of {@link FlameTree#UNKNOWN};
     * sites of equal labels share one rank.
     */
    private static int[] rankStackLabels(SiteIndex sites) {
        int[] rankOfSlot = rankByPathThenLine(sites);
        if (rankOfSlot == null) {
            List<String> slotLabels = new ArrayList<>(sites.count() + 1);
            for (int i = 0; i < sites.count(); i++) {
                slotLabels.add(Site.label(sites.path(i), sites.line(i)));
            }
            slotLabels.add(FlameTree.UNKNOWN);
            rankOfSlot = rankBySorting(slotLabels, new ArrayList<>());
        }
        return rankOfSlot;
    }

    public FlameTree.View view() {
        return view;
    }

    public String snapshotName() {
        return snapshotName;
    }

    /** The bytes of every sequence together: the snapshot's total. */
    public long totalBytes() {
        return totalBytes;
    }

    /** How many distinct label sequences. */
    public int size() {
        return sequences.length;
    }

    /** How many labels sequence {@code index} has. */
    public int depth(int index) {
        return sequences[index].length;
    }

    /** Label {@code level} (0 at the root end) of sequence {@code index}. */
    public String label(int index, int level) {
        return labelOfId(sequences[index][level]);
    }

    /**
     * The id of label {@code level} of sequence {@code index}: an index into the view's distinct labels, equal for
     * equal labels.
     */
    int labelId(int index, int level) {
        return sequences[index][level];
    }

    /** How many label ids the view has, from 0. */
    int labelCount() {
        return labels.length;
    }

    /** The label of id {@code id}. */
    String labelOfId(int id) {
        // Made at most once each in practice; two threads making one at once would store equal strings.
        if (labels[id] == null) {
            String path = pathOfLabel(id);
            labels[id] = path == null ? FlameTree.UNKNOWN : Site.label(path, lineOfLabel[id]);
        }
        return labels[id];
    }

    /**
     * The path of the site whose label has id {@code id}, in the stack view; {@code null} in the path view or for
     * none.
     */
    String pathOfLabel(int id) {
        return pathOfLabel == null || id >= pathOfLabel.length ? null : pathOfLabel[id];
    }

    /** The line of the site whose label has id {@code id}, when {@link #pathOfLabel} is not {@code null}. */
    int lineOfLabel(int id) {
        return lineOfLabel[id];
    }

    /** The bytes allocated with exactly sequence {@code index}. */
    public long bytes(int index) {
        return bytes[index];
    }

    /** The traces with exactly sequence {@code index}. */
    public long traces(int index) {
        return traces[index];
    }

    /** True when the last label of sequence {@code index} is a path-view line number, not a path component. */
    public boolean endsInLine(int index) {
        return endsInLine.get(index);
    }

    /**
     * The function enclosing the site of label {@code level} of sequence {@code index}: in the stack view any
     * level, in the path view the line; {@code null} when unknown or not a site.
     */
    public String function(int index, int level) {
        if (functionOfLabel != null) {
            return functionOfLabel[sequences[index][level]];
        }
        boolean line = level == sequences[index].length - 1 && endsInLine.get(index);
        return functionOfSequence != null && line ? functionOfSequence[index] : null;
    }

    /** How many leading labels sequences {@code index} and {@code index - 1} share; 0 for the first. */
    int sharedLevels(int index) {
        if (index == 0) {
            return 0;
        }
        int[] previous = sequences[index - 1];
        int[] current = sequences[index];
        int mismatch = Arrays.mismatch(previous, current);
        return mismatch < 0 ? current.length : mismatch;
    }

    /**
     * The rank of each label, by sorting them all; equal labels get one rank.
     *
     * @param distinct receives the distinct labels in rank order
     */
    private static int[] rankBySorting(List<String> slotLabels, List<String> distinct) {
        List<LabelAt> all = new ArrayList<>(slotLabels.size());
        for (int slot = 0; slot < slotLabels.size(); slot++) {
            all.add(new LabelAt(slotLabels.get(slot), slot));
        }
        all.sort((a, b) -> a.label.compareTo(b.label));
        int[] rankOfSlot = new int[slotLabels.size()];
        for (LabelAt at : all) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(at.label)) {
                distinct.add(at.label);
            }
            rankOfSlot[at.slot] = distinct.size() - 1;
        }
        return rankOfSlot;
    }

    /**
     * The ranks of the stack view's labels ({@code path} or {@code path:line}; slot i is site i, the last slot
     * {@link FlameTree#UNKNOWN}) without comparing hundreds of thousands of labels: when no path is a prefix of
     * another, two labels of different paths compare as their paths do, and two of one path as their lines'
     * digits do (no line first). The few hundred paths and few thousand lines are sorted, and the slots are put in
     * order by line rank, then by path rank, each by counting (or, for few enough pairs of the two, numbered in a
     * table of the pairs). {@code null} when a path is a prefix of another.
     */
    private static int[] rankByPathThenLine(SiteIndex sites) {
        PathAndLineRanks ranks = PathAndLineRanks.of(sites);
        if (ranks == null) {
            return null;
        }
        int slots = sites.count() + 1;
        int[] pathRank = ranks.pathRank;
        int[] lineRank = ranks.lineRank;
        long lineRanks = ranks.lineRanks;
        long pairs = ranks.pairs();
        int[] rankOfSlot = new int[slots];
        if (pairs <= Math.max(MAX_PAIR_TABLE, 4L * slots) && pairs <= Integer.MAX_VALUE - 8) {
            // Few paths times few lines, as on a dump of millions of distinct lines over a few thousand files: each
            // pair a slot of a table in pair order, marked, numbered in order, then read back. Two passes over the
            // sites instead of two sorts of them.
            int[] rankOfPair = new int[(int) pairs];
            for (int slot = 0; slot < slots; slot++) {
                rankOfPair[(int) (pathRank[slot] * lineRanks + lineRank[slot])] = 1;
            }
            int rank = 0;
            for (int pair = 0; pair < rankOfPair.length; pair++) {
                if (rankOfPair[pair] != 0) {
                    rankOfPair[pair] = rank++;
                }
            }
            for (int slot = 0; slot < slots; slot++) {
                rankOfSlot[slot] = rankOfPair[(int) (pathRank[slot] * lineRanks + lineRank[slot])];
            }
            return rankOfSlot;
        }
        int[] order = new int[slots];
        for (int slot = 0; slot < slots; slot++) {
            order[slot] = slot;
        }
        order = sortedByKey(sortedByKey(order, lineRank), pathRank);
        int rank = -1;
        for (int i = 0; i < slots; i++) {
            int slot = order[i];
            int previous = i == 0 ? -1 : order[i - 1];
            if (previous < 0 || pathRank[slot] != pathRank[previous] || lineRank[slot] != lineRank[previous]) {
                rank++;
            }
            rankOfSlot[slot] = rank;
        }
        return rankOfSlot;
    }

    /**
     * The key of each site's stack-view label ({@code path} or {@code path:line}), and last that of
     * {@link FlameTree#UNKNOWN}, when no two of them are equal: keys order as the labels do (see
     * {@link #rankByPathThenLine}), from the ranks of the label's path and line, without numbering the pairs met.
     * {@code null} when a path is a prefix of another, when the keys would not fit an {@code int}, or when a site's
     * label is {@link FlameTree#UNKNOWN}'s.
     *
     * @param sites sites of distinct paths and lines
     */
    private static int[] siteLabelKeys(SiteIndex sites) {
        PathAndLineRanks ranks = PathAndLineRanks.of(sites);
        if (ranks == null || ranks.pairs() > Integer.MAX_VALUE - 8) {
            return null;
        }
        // In place of the path ranks, which are no longer needed.
        int[] keys = ranks.pathRank;
        for (int slot = 0; slot < keys.length; slot++) {
            keys[slot] = (int) (keys[slot] * ranks.lineRanks + ranks.lineRank[slot]);
        }
        int unknown = keys[sites.count()];
        for (int slot = 0; slot < sites.count(); slot++) {
            if (keys[slot] == unknown) {
                return null;
            }
        }
        return keys;
    }

    /**
     * The rank of each slot's path among the distinct paths and of its line among the distinct lines (0 for none),
     * slot i being site i and the last slot {@link FlameTree#UNKNOWN} (its line rank 0).
     *
     * @param lineRanks how many line ranks there are
     */
    private record PathAndLineRanks(int[] pathRank, int[] lineRank, long lineRanks) {
        /** {@code null} when a path is a prefix of another. */
        static PathAndLineRanks of(SiteIndex sites) {
            int[] pathRank = rankPaths(sites);
            if (pathRank == null) {
                return null;
            }
            DistinctLines lines = new DistinctLines(sites);
            int[] textRankOfLine = lines.textRanks();
            int[] lineRank = new int[sites.count() + 1];
            for (int slot = 0; slot < sites.count(); slot++) {
                lineRank[slot] = textRankOfLine[lines.indexOf(sites.line(slot))];
            }
            return new PathAndLineRanks(pathRank, lineRank, lines.count() + 1L);
        }

        /** How many pairs of a path rank and a line rank there are. */
        long pairs() {
            return (Arrays.stream(pathRank).max().orElseThrow() + 1L) * lineRanks;
        }
    }

    /**
     * The rank of each site's path among the distinct paths, and last that of {@link FlameTree#UNKNOWN}; {@code null}
     * when a path is a prefix of another. The sites of one file share their path's string: each string is looked up
     * by identity, and only the distinct ones are sorted.
     */
    private static int[] rankPaths(SiteIndex sites) {
        Map<String, Integer> numberOfString = new IdentityHashMap<>();
        List<String> strings = new ArrayList<>();
        int[] stringOfSlot = new int[sites.count() + 1];
        for (int slot = 0; slot < stringOfSlot.length; slot++) {
            String path = slot < sites.count() ? sites.path(slot) : FlameTree.UNKNOWN;
            Integer number = numberOfString.get(path);
            if (number == null) {
                number = strings.size();
                numberOfString.put(path, number);
                strings.add(path);
            }
            stringOfSlot[slot] = number;
        }
        String[] paths = strings.toArray(String[]::new);
        Arrays.sort(paths);
        int count = 0;
        for (String path : paths) {
            if (count > 0 && path.startsWith(paths[count - 1])) {
                if (!path.equals(paths[count - 1])) {
                    return null;
                }
            } else {
                paths[count++] = path;
            }
        }
        int[] rankOfString = new int[strings.size()];
        for (int number = 0; number < rankOfString.length; number++) {
            rankOfString[number] = Arrays.binarySearch(paths, 0, count, strings.get(number));
        }
        int[] pathRank = new int[stringOfSlot.length];
        for (int slot = 0; slot < pathRank.length; slot++) {
            pathRank[slot] = rankOfString[stringOfSlot[slot]];
        }
        return pathRank;
    }

    /** {@code order} stably sorted by {@code key[order[i]]}, keys from 0 to fewer than {@code order.length}. */
    private static int[] sortedByKey(int[] order, int[] key) {
        int[] start = new int[order.length + 1];
        for (int slot : order) {
            start[key[slot] + 1]++;
        }
        for (int k = 0; k < order.length; k++) {
            start[k + 1] += start[k];
        }
        int[] sorted = new int[order.length];
        for (int slot : order) {
            sorted[start[key[slot]]++] = slot;
        }
        return sorted;
    }

    /** New slots for {@code labels}, in order: indexes into {@code slotLabels}, which receives them. */
    private static int[] newSlots(List<String> labels, List<String> slotLabels) {
        int[] slots = new int[labels.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = slotLabels.size();
            slotLabels.add(labels.get(i));
        }
        return slots;
    }

    /**
     * Numbers the distinct sites of a snapshot's stacks from 0, in the order they are met, and keeps each as its
     * path and line: a view of millions of distinct lines would otherwise hold a {@link Site} object for each. Or,
     * made by {@link #of(SiteTable)}, every site of a fold's table by its id.
     */
    private static final class SiteIndex {
        private String[] paths = new String[1024];
        private int[] lines = new int[1024];
        private int count;
        private final Map<Site, Integer> byValue = new HashMap<>();
        /** The fold's table whose ids {@link #localOfTableId} translates, once a stack of the fold was met. */
        private SiteTable table;
        /** The local index of each site id of {@link #table} plus one; 0 for a site not met yet. */
        private int[] localOfTableId;

        /** Every site of {@code table}, its index its id; it takes no further sites. */
        static SiteIndex of(SiteTable table) {
            SiteIndex whole = new SiteIndex();
            whole.paths = table.paths();
            whole.lines = table.lines();
            whole.count = table.size();
            return whole;
        }

        /**
         * The index of every site of a stack. The sites of a stack of the fold are first looked up together, then
         * numbered in order when new: among millions of distinct sites each lookup is a cache miss, and lookups
         * that do not wait for each other overlap.
         */
        int[] indexes(List<Site> stack) {
            int[] indexes = new int[stack.size()];
            if (stack instanceof SiteStack ids && (table == null || ids.table() == table)) {
                index(stack, 0);  // takes the table from the first stack
                for (int i = 0; i < indexes.length; i++) {
                    indexes[i] = localOfTableId[ids.id(i)] - 1;
                }
                for (int i = 0; i < indexes.length; i++) {
                    if (indexes[i] < 0) {
                        indexes[i] = index(stack, i);
                    }
                }
                return indexes;
            }
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = index(stack, i);
            }
            return indexes;
        }

        int index(List<Site> stack, int level) {
            if (stack instanceof SiteStack ids) {
                if (table == null) {
                    table = ids.table();
                    localOfTableId = new int[table.size()];
                }
                if (ids.table() == table) {
                    int id = ids.id(level);
                    if (localOfTableId[id] == 0) {
                        localOfTableId[id] = add(table.path(id), table.line(id)) + 1;
                    }
                    return localOfTableId[id] - 1;
                }
            }
            Site site = stack.get(level);
            Integer index = byValue.get(site);
            if (index == null) {
                index = add(site.path(), site.line());
                byValue.put(site, index);
            }
            return index;
        }

        private int add(String path, int line) {
            if (count == paths.length) {
                paths = Arrays.copyOf(paths, 2 * count);
                lines = Arrays.copyOf(lines, 2 * count);
            }
            paths[count] = path;
            lines[count] = line;
            return count++;
        }

        /** How many distinct sites. */
        int count() {
            return count;
        }

        String path(int index) {
            return paths[index];
        }

        int line(int index) {
            return lines[index];
        }

        /** Site {@code index} as an object, for the few callers that take one. */
        Site site(int index) {
            return new Site(paths[index], lines[index]);
        }
    }

    /** A label and the slot it was given; slots of equal labels get one rank. */
    private record LabelAt(String label, int slot) {
    }

    /**
     * The distinct line numbers of some sites, found by marking them in a table of their span, or by sorting them
     * when they spread wider, rather than by boxing each in a map.
     */
    private static final class DistinctLines {
        /** Line spans up to this are indexed by a table rather than searched: 4 MiB at most. */
        private static final int MAX_TABLE_SPAN = 1 << 20;
        /** Ascending. */
        private final int[] lines;
        /** The index of each line less the first, when the lines span at most {@link #MAX_TABLE_SPAN}; else null. */
        private final int[] indexByLine;

        DistinctLines(SiteIndex sites) {
            int lowest = Integer.MAX_VALUE;
            int highest = Integer.MIN_VALUE;
            for (int i = 0; i < sites.count(); i++) {
                lowest = Math.min(lowest, sites.line(i));
                highest = Math.max(highest, sites.line(i));
            }
            // Millions of sites look their line up: a search each among thousands of lines was a tenth of the stack
            // view's sort on a dump of 6M distinct lines.
            if (sites.count() > 0 && (long) highest - lowest < MAX_TABLE_SPAN) {
                // Lines over a small span are found by marking them in the table, not by sorting every site's.
                int[] table = new int[highest - lowest + 1];
                for (int i = 0; i < sites.count(); i++) {
                    table[sites.line(i) - lowest] = 1;
                }
                int count = 0;
                for (int marked : table) {
                    count += marked;
                }
                lines = new int[count];
                for (int offset = 0, index = 0; offset < table.length; offset++) {
                    if (table[offset] != 0) {
                        lines[index] = lowest + offset;
                        table[offset] = index++;
                    }
                }
                indexByLine = table;
                return;
            }
            // Each line less the lowest, at most 2^32 - 1, in the high half of a key, as RadixSort takes it.
            long[] keys = new long[sites.count()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = ((long) sites.line(i) - lowest) << 32;
            }
            RadixSort.byHighInt(keys, 0, keys.length);
            int[] distinct = new int[keys.length];
            int count = 0;
            for (long key : keys) {
                int line = (int) ((key >>> 32) + lowest);
                if (count == 0 || line != distinct[count - 1]) {
                    distinct[count++] = line;
                }
            }
            lines = Arrays.copyOf(distinct, count);
            indexByLine = null;
        }

        int count() {
            return lines.length;
        }

        int line(int index) {
            return lines[index];
        }

        /** The index of a line of the sites. */
        int indexOf(int line) {
            return indexByLine != null ? indexByLine[line - lines[0]] : Arrays.binarySearch(lines, line);
        }

        /**
         * By index, the rank of each line's digits in text order from 1, and 0 for line 0: in a label, no line
         * (the path alone) comes before every {@code path:line}.
         */
        int[] textRanks() {
            String[] texts = Arrays.stream(lines).filter(line -> line != 0).mapToObj(Integer::toString)
                    .sorted().toArray(String[]::new);
            int[] ranks = new int[lines.length];
            for (int i = 0; i < texts.length; i++) {
                ranks[indexOf(Integer.parseInt(texts[i]))] = i + 1;
            }
            return ranks;
        }
    }
}
