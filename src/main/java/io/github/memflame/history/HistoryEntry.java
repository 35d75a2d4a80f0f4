package io.github.memflame.history;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the history remembers of one build: its figures, without a folded stack. A few KiB for a typical build; see
 * {@link HistoryFormat} for the file.
 *
 * @param build the build's label (a commit, a CI build number, or the time); see {@link BuildLabel}
 * @param time when the build checked its snapshots
 * @param passed whether the check passed; a failed build's entry is kept, charted, and never a drift reference
 * @param snapshots each snapshot's totals, in report order
 * @param budgets each budget's figures in the snapshots it applied to, in report order
 */
public record HistoryEntry(String build, Instant time, boolean passed, List<SnapshotFigures> snapshots,
                           List<BudgetFigures> budgets) {
    /** The longest build label an entry holds: a commit hash, a tag or a build number fits easily. */
    public static final int MAX_LABEL_LENGTH = 200;

    /**
     * @throws IllegalArgumentException when the label is empty, too long or holds control characters, or a figure
     *                                  names a snapshot the entry does not hold
     */
    public HistoryEntry {
        build = checkedText("build", build, MAX_LABEL_LENGTH);
        Objects.requireNonNull(time, "time");
        snapshots = List.copyOf(snapshots);
        budgets = List.copyOf(budgets);
        for (BudgetFigures budget : budgets) {
            for (Figure figure : budget.figures()) {
                if (figure.snapshot() >= snapshots.size()) {
                    throw new IllegalArgumentException("a figure of the budget '" + budget.path() + "' names snapshot "
                            + figure.snapshot() + " (from 0), and the entry holds " + snapshots.size());
                }
            }
        }
    }

    /**
     * One snapshot's totals.
     *
     * @param name the snapshot's name
     * @param totalBytes the bytes traced
     * @param traces the traces counted
     * @param directories the bytes allocated under each top-level directory (first component of the allocating
     *                    file), largest first; see {@link HistoryFormat#DIRECTORIES}
     */
    public record SnapshotFigures(String name, long totalBytes, long traces, Map<String, Long> directories) {
        public SnapshotFigures {
            name = checkedText("snapshot name", name, Integer.MAX_VALUE);
            nonNegative("totalBytes", totalBytes);
            nonNegative("traces", traces);
            if (directories.size() > HistoryFormat.DIRECTORIES + 1) {
                throw new IllegalArgumentException("a snapshot has at most " + (HistoryFormat.DIRECTORIES + 1)
                        + " directories (the " + HistoryFormat.DIRECTORIES + " largest and " + HistoryFormat.OTHER
                        + "), found " + directories.size());
            }
            Map<String, Long> copy = new LinkedHashMap<>();
            directories.forEach((directory, bytes) -> copy.put(checkedText("directory", directory, Integer.MAX_VALUE),
                    nonNegative("directory bytes", bytes)));
            directories = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * One budget's figures: its path and scope, and its figure in each snapshot it applied to.
     *
     * @param path the budget's path as normalized ({@code ""} for the whole snapshot)
     * @param scope {@code self} or {@code inclusive}
     * @param figures its figure in each snapshot, in report order
     */
    public record BudgetFigures(String path, String scope, List<Figure> figures) {
        public BudgetFigures {
            Objects.requireNonNull(path, "path");
            scope = checkedText("scope", scope, Integer.MAX_VALUE);
            figures = List.copyOf(figures);
        }
    }

    /**
     * A budget's figure in one snapshot.
     *
     * @param snapshot the snapshot's index in the entry's {@link HistoryEntry#snapshots()}
     * @param bytes the figure
     * @param status its status in that build, as {@code memflame.json} names it ({@code ok}, {@code exceeded}, ...)
     */
    public record Figure(int snapshot, long bytes, String status) {
        public Figure {
            if (snapshot < 0) {
                throw new IllegalArgumentException("a figure's snapshot is an index from 0, was " + snapshot);
            }
            nonNegative("bytes", bytes);
            status = checkedText("status", status, Integer.MAX_VALUE);
        }
    }

    /** A budget's figure across builds: the same path, scope and snapshot. */
    public record FigureKey(String path, String scope, String snapshot) {
        // Written out: a record's own go through method handles, slow until compiled, and a check looks up its
        // 100 builds' figures once, in a fresh JVM.
        @Override
        public boolean equals(Object other) {
            return other instanceof FigureKey key && Objects.equals(path, key.path) && Objects.equals(scope, key.scope)
                    && Objects.equals(snapshot, key.snapshot);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(path) * 31 + Objects.hashCode(scope)) * 31 + Objects.hashCode(snapshot);
        }
    }

    private static String checkedText(String what, String text, int maxLength) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        if (text.length() > maxLength) {
            throw new IllegalArgumentException("the " + what + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException("the " + what + " holds a control character (U+"
                        + String.format("%04X", (int) text.charAt(i)) + ") at position " + (i + 1));
            }
        }
        return text;
    }

    private static long nonNegative(String what, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " cannot be negative, was " + value);
        }
        return value;
    }
}
