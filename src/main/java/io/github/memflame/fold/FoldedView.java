package io.github.memflame.fold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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

    private FoldedView(FlameTree.View view, String snapshotName, long totalBytes, String[] labels,
                       int[][] sequences, long[] bytes, long[] traces) {
        this.view = view;
        this.snapshotName = snapshotName;
        this.totalBytes = totalBytes;
        this.labels = labels;
        this.sequences = sequences;
        this.bytes = bytes;
        this.traces = traces;
    }

    public static FoldedView of(FoldedSnapshot snapshot, FlameTree.View view) {
        // Labels are compared as ranks: each distinct label is made and sorted once, however many stacks use it.
        Map<Site, List<String>> labelsBySite = new HashMap<>();
        for (StackTotal stack : snapshot.stacks()) {
            if (view == FlameTree.View.PATH) {
                Site site = stack.allocatingSite();
                if (site != null) {
                    labelsBySite.computeIfAbsent(site, FoldedView::pathLabels);
                }
            } else {
                for (Site site : stack.rootFirst()) {
                    labelsBySite.computeIfAbsent(site, s -> List.of(s.label()));
                }
            }
        }
        TreeSet<String> distinct = new TreeSet<>();
        distinct.add(FlameTree.UNKNOWN);
        labelsBySite.values().forEach(distinct::addAll);
        String[] labels = distinct.toArray(String[]::new);
        Map<String, Integer> rankByLabel = new HashMap<>(labels.length * 2);
        for (int i = 0; i < labels.length; i++) {
            rankByLabel.put(labels[i], i);
        }
        Map<Site, int[]> ranksBySite = new HashMap<>(labelsBySite.size() * 2);
        labelsBySite.forEach((site, siteLabels) -> ranksBySite.put(site,
                siteLabels.stream().mapToInt(rankByLabel::get).toArray()));
        int[] unknown = {rankByLabel.get(FlameTree.UNKNOWN)};

        List<Entry> entries = new ArrayList<>(snapshot.stacks().size());
        for (StackTotal stack : snapshot.stacks()) {
            int[] sequence;
            if (stack.rootFirst().isEmpty()) {
                sequence = unknown;
            } else if (view == FlameTree.View.PATH) {
                sequence = ranksBySite.get(stack.allocatingSite());
            } else {
                List<Site> sites = stack.rootFirst();
                sequence = new int[sites.size()];
                for (int i = 0; i < sequence.length; i++) {
                    sequence[i] = ranksBySite.get(sites.get(i))[0];
                }
            }
            entries.add(new Entry(sequence, stack.bytes(), stack.traces()));
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
        int at = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (at < 0 || !Arrays.equals(sequences[at], entry.sequence)) {
                sequences[++at] = entry.sequence;
            }
            bytes[at] = Math.addExact(bytes[at], entry.bytes);
            traces[at] += entry.traces;
        }
        return new FoldedView(view, snapshot.name(), snapshot.totalBytes(), labels, sequences, bytes, traces);
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

    private static List<String> pathLabels(Site site) {
        List<String> pathLabels = new ArrayList<>(PathNormalizer.components(site.path()));
        pathLabels.add(Integer.toString(site.line()));
        return List.copyOf(pathLabels);
    }

    private record Entry(int[] sequence, long bytes, long traces) {
    }
}
