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
    private final FlameTree.View view;
    private final String snapshotName;
    private final long totalBytes;
    private final String[] labels;
    private final int[][] sequences;
    private final long[] bytes;
    private final long[] traces;
    private final BitSet endsInLine;
    /** Stack view: the function of each label (a site), by rank; {@code null} when no function is named. */
    private final String[] functionOfLabel;
    /** Path view: the function of each sequence's line; {@code null} when no function is named. */
    private final String[] functionOfSequence;

    private FoldedView(FlameTree.View view, String snapshotName, long totalBytes, String[] labels,
                       int[][] sequences, long[] bytes, long[] traces, BitSet endsInLine, String[] functionOfLabel,
                       String[] functionOfSequence) {
        this.view = view;
        this.snapshotName = snapshotName;
        this.totalBytes = totalBytes;
        this.labels = labels;
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
        // index the local numbering directly; other sites are found by identity (equal sites that are not shared
        // only cost an entry more).
        SiteIndex siteIndex = new SiteIndex();
        List<Entry> entries = new ArrayList<>(snapshot.stacks().size());
        for (StackTotal stack : snapshot.stacks()) {
            List<Site> stackSites = stack.rootFirst();
            int[] sequence;
            if (stackSites.isEmpty()) {
                sequence = null;
            } else if (view == FlameTree.View.PATH) {
                sequence = new int[] {siteIndex.index(stackSites, stackSites.size() - 1)};
            } else {
                sequence = new int[stackSites.size()];
                for (int i = 0; i < sequence.length; i++) {
                    sequence[i] = siteIndex.index(stackSites, i);
                }
            }
            boolean line = view == FlameTree.View.PATH && sequence != null && stack.allocatingSite().line() != 0;
            entries.add(new Entry(sequence, stack.bytes(), stack.traces(), line,
                    line ? snapshot.functionAt(stack.allocatingSite()) : null));
        }
        List<Site> sites = siteIndex.sites;

        // Rank every label by sorting them once; equal labels share a rank. A path view's sites share a few hundred
        // paths and a few thousand lines: each path is split and each line written once, not once per site.
        List<String> slotLabels = new ArrayList<>();
        int[][] slotsOfSite = new int[sites.size()][];
        if (view == FlameTree.View.PATH) {
            Map<String, int[]> componentSlots = new HashMap<>();
            Map<Integer, Integer> lineSlots = new HashMap<>();
            for (int i = 0; i < slotsOfSite.length; i++) {
                Site site = sites.get(i);
                int[] components = componentSlots.computeIfAbsent(site.path(),
                        path -> newSlots(PathNormalizer.components(path), slotLabels));
                if (site.line() == 0) {
                    slotsOfSite[i] = components;
                } else {
                    slotsOfSite[i] = Arrays.copyOf(components, components.length + 1);
                    slotsOfSite[i][components.length] = lineSlots.computeIfAbsent(site.line(),
                            line -> newSlots(List.of(Integer.toString(line)), slotLabels)[0]);
                }
            }
        } else {
            for (int i = 0; i < slotsOfSite.length; i++) {
                slotsOfSite[i] = newSlots(List.of(sites.get(i).label()), slotLabels);
            }
        }
        int unknownSlot = newSlots(List.of(FlameTree.UNKNOWN), slotLabels)[0];
        List<String> distinct = new ArrayList<>();
        int[] rankOfSlot = view == FlameTree.View.STACK ? rankByPathThenLine(sites, slotLabels, distinct) : null;
        if (rankOfSlot == null) {
            rankOfSlot = rankBySorting(slotLabels, distinct);
        }
        int unknownRank = rankOfSlot[unknownSlot];
        int[][] ranksOfSite = new int[sites.size()][];
        for (int i = 0; i < ranksOfSite.length; i++) {
            ranksOfSite[i] = new int[slotsOfSite[i].length];
            for (int level = 0; level < ranksOfSite[i].length; level++) {
                ranksOfSite[i][level] = rankOfSlot[slotsOfSite[i][level]];
            }
        }
        String[] labels = distinct.toArray(String[]::new);
        boolean named = !snapshot.functionNames().isEmpty();
        String[] functionOfLabel = named && view == FlameTree.View.STACK ? new String[labels.length] : null;
        if (functionOfLabel != null) {
            for (int i = 0; i < ranksOfSite.length; i++) {
                functionOfLabel[ranksOfSite[i][0]] = snapshot.functionAt(sites.get(i));
            }
        }
        int[] unknown = {unknownRank};
        for (int e = 0; e < entries.size(); e++) {
            Entry entry = entries.get(e);
            if (entry.sequence == null) {
                entries.set(e, new Entry(unknown, entry.bytes, entry.traces, false, null));
            } else if (view == FlameTree.View.PATH) {
                entries.set(e, new Entry(ranksOfSite[entry.sequence[0]], entry.bytes, entry.traces, entry.line,
                        entry.function));
            } else {
                for (int i = 0; i < entry.sequence.length; i++) {
                    entry.sequence[i] = ranksOfSite[entry.sequence[i]][0];
                }
            }
        }
        int[][] unsorted = new int[entries.size()][];
        for (int e = 0; e < unsorted.length; e++) {
            unsorted[e] = entries.get(e).sequence;
        }
        int[] order = SequenceOrder.of(unsorted);

        int distinctSequences = 0;
        for (int i = 0; i < order.length; i++) {
            if (i == 0 || !Arrays.equals(unsorted[order[i - 1]], unsorted[order[i]])) {
                distinctSequences++;
            }
        }
        int[][] sequences = new int[distinctSequences][];
        long[] bytes = new long[distinctSequences];
        long[] traces = new long[distinctSequences];
        BitSet endsInLine = new BitSet(view == FlameTree.View.PATH ? distinctSequences : 0);
        String[] functionOfSequence = named && view == FlameTree.View.PATH ? new String[distinctSequences] : null;
        int at = -1;
        for (int index : order) {
            Entry entry = entries.get(index);
            if (at < 0 || !Arrays.equals(sequences[at], entry.sequence)) {
                sequences[++at] = entry.sequence;
            }
            bytes[at] = Math.addExact(bytes[at], entry.bytes);
            traces[at] += entry.traces;
            if (entry.line) {
                endsInLine.set(at);
            }
            if (functionOfSequence != null && entry.function != null) {
                functionOfSequence[at] = entry.function;
            }
        }
        return new FoldedView(view, snapshot.name(), snapshot.totalBytes(), labels, sequences, bytes, traces,
                endsInLine, functionOfLabel, functionOfSequence);
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
        return labels[sequences[index][level]];
    }

    /** The rank of label {@code level} of sequence {@code index}: an index into the view's sorted distinct labels. */
    int labelRank(int index, int level) {
        return sequences[index][level];
    }

    /** How many distinct labels the view has. */
    int labelCount() {
        return labels.length;
    }

    /** The label of rank {@code rank}. */
    String labelOfRank(int rank) {
        return labels[rank];
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
     * digits do (no line first). The few hundred paths and few thousand lines are sorted, and each label is a
     * {@code long} of its path's rank and its line's. {@code null} when a path is a prefix of another.
     *
     * @param distinct receives the distinct labels in rank order
     */
    private static int[] rankByPathThenLine(List<Site> sites, List<String> slotLabels, List<String> distinct) {
        Map<String, Integer> pathRanks = new HashMap<>();
        Map<Integer, Integer> lineRanks = new HashMap<>();
        for (int slot = 0; slot < slotLabels.size(); slot++) {
            pathRanks.put(slot < sites.size() ? sites.get(slot).path() : FlameTree.UNKNOWN, 0);
            lineRanks.put(slot < sites.size() ? sites.get(slot).line() : 0, 0);
        }
        String[] paths = pathRanks.keySet().toArray(String[]::new);
        Arrays.sort(paths);
        for (int i = 0; i < paths.length; i++) {
            if (i + 1 < paths.length && paths[i + 1].startsWith(paths[i])) {
                return null;
            }
            pathRanks.put(paths[i], i);
        }
        // The label of line 0 is the path alone, before every path:line.
        String[] lines = lineRanks.keySet().stream().filter(line -> line != 0).map(String::valueOf)
                .sorted().toArray(String[]::new);
        for (int i = 0; i < lines.length; i++) {
            lineRanks.put(Integer.valueOf(lines[i]), i + 1);
        }
        long[] keys = new long[slotLabels.size()];
        for (int slot = 0; slot < keys.length; slot++) {
            String path = slot < sites.size() ? sites.get(slot).path() : FlameTree.UNKNOWN;
            int line = slot < sites.size() ? sites.get(slot).line() : 0;
            keys[slot] = (long) pathRanks.get(path) << 32 | lineRanks.get(line);
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        int count = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[count - 1]) {
                sorted[count++] = sorted[i];
            }
        }
        String[] labels = new String[count];
        int[] rankOfSlot = new int[keys.length];
        for (int slot = 0; slot < keys.length; slot++) {
            rankOfSlot[slot] = Arrays.binarySearch(sorted, 0, count, keys[slot]);
            labels[rankOfSlot[slot]] = slotLabels.get(slot);
        }
        distinct.addAll(Arrays.asList(labels));
        return rankOfSlot;
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

    /** Numbers the distinct sites of a snapshot's stacks from 0, in the order they are met. */
    private static final class SiteIndex {
        final List<Site> sites = new ArrayList<>();
        private final Map<Site, Integer> byIdentity = new IdentityHashMap<>();
        /** The fold's table whose ids {@link #localOfTableId} translates, once a stack of the fold was met. */
        private SiteTable table;
        /** The local index of each site id of {@link #table} plus one; 0 for a site not met yet. */
        private int[] localOfTableId;

        int index(List<Site> stack, int level) {
            if (stack instanceof SiteStack ids) {
                if (table == null) {
                    table = ids.table();
                    localOfTableId = new int[table.size()];
                }
                if (ids.table() == table) {
                    int id = ids.id(level);
                    if (localOfTableId[id] == 0) {
                        localOfTableId[id] = add(table.site(id)) + 1;
                    }
                    return localOfTableId[id] - 1;
                }
            }
            Site site = stack.get(level);
            Integer index = byIdentity.get(site);
            if (index == null) {
                index = add(site);
                byIdentity.put(site, index);
            }
            return index;
        }

        private int add(Site site) {
            sites.add(site);
            return sites.size() - 1;
        }
    }

    /** A label and the slot it was given; slots of equal labels get one rank. */
    private record LabelAt(String label, int slot) {
    }

    /** A stack as site indexes, then as label ranks; {@code null} for a stack without frames. */
    private record Entry(int[] sequence, long bytes, long traces, boolean line, String function) {
    }
}
