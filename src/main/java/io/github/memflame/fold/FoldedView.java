package io.github.memflame.fold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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
        // stacks are then compared as arrays of ranks. Sites are shared instances per snapshot, so an identity
        // map finds them without hashing their paths (equal sites that are not shared only cost an entry more).
        Map<Site, Integer> siteIndex = new IdentityHashMap<>();
        List<Site> sites = new ArrayList<>();
        List<Entry> entries = new ArrayList<>(snapshot.stacks().size());
        for (StackTotal stack : snapshot.stacks()) {
            int[] sequence;
            if (stack.rootFirst().isEmpty()) {
                sequence = null;
            } else if (view == FlameTree.View.PATH) {
                sequence = new int[] {index(stack.allocatingSite(), siteIndex, sites)};
            } else {
                List<Site> stackSites = stack.rootFirst();
                sequence = new int[stackSites.size()];
                for (int i = 0; i < sequence.length; i++) {
                    sequence[i] = index(stackSites.get(i), siteIndex, sites);
                }
            }
            boolean line = view == FlameTree.View.PATH && sequence != null && stack.allocatingSite().line() != 0;
            entries.add(new Entry(sequence, stack.bytes(), stack.traces(), line,
                    line ? snapshot.functionAt(stack.allocatingSite()) : null));
        }

        // Rank every label of every site by sorting them once; equal labels share a rank.
        int[][] ranksOfSite = new int[sites.size()][];
        List<LabelAt> all = new ArrayList<>(sites.size() + 1);
        all.add(new LabelAt(FlameTree.UNKNOWN, -1, 0));
        for (int i = 0; i < ranksOfSite.length; i++) {
            Site site = sites.get(i);
            List<String> siteLabels = view == FlameTree.View.PATH ? pathLabels(site) : List.of(site.label());
            ranksOfSite[i] = new int[siteLabels.size()];
            for (int level = 0; level < siteLabels.size(); level++) {
                all.add(new LabelAt(siteLabels.get(level), i, level));
            }
        }
        all.sort((a, b) -> a.label.compareTo(b.label));
        List<String> distinct = new ArrayList<>();
        int unknownRank = -1;
        for (LabelAt at : all) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(at.label)) {
                distinct.add(at.label);
            }
            int rank = distinct.size() - 1;
            if (at.site < 0) {
                unknownRank = rank;
            } else {
                ranksOfSite[at.site][at.level] = rank;
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
        entries.sort((a, b) -> Arrays.compare(a.sequence, b.sequence));

        int distinctSequences = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (i == 0 || !Arrays.equals(entries.get(i - 1).sequence, entries.get(i).sequence)) {
                distinctSequences++;
            }
        }
        int[][] sequences = new int[distinctSequences][];
        long[] bytes = new long[distinctSequences];
        long[] traces = new long[distinctSequences];
        BitSet endsInLine = new BitSet();
        String[] functionOfSequence = named && view == FlameTree.View.PATH ? new String[distinctSequences] : null;
        int at = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
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

    /** The path view's labels of a site: its directories and file, then its line unless the line is unknown. */
    private static List<String> pathLabels(Site site) {
        List<String> pathLabels = new ArrayList<>(PathNormalizer.components(site.path()));
        if (site.line() != 0) {
            pathLabels.add(Integer.toString(site.line()));
        }
        return pathLabels;
    }

    private static int index(Site site, Map<Site, Integer> siteIndex, List<Site> sites) {
        Integer index = siteIndex.get(site);
        if (index == null) {
            index = sites.size();
            siteIndex.put(site, index);
            sites.add(site);
        }
        return index;
    }

    /** Label {@code level} of site {@code site}; site -1 is the label of stacks without frames. */
    private record LabelAt(String label, int site, int level) {
    }

    /** A stack as site indexes, then as label ranks; {@code null} for a stack without frames. */
    private record Entry(int[] sequence, long bytes, long traces, boolean line, String function) {
    }
}
