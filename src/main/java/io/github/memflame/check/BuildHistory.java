package io.github.memflame.check;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.history.DriftCheck;
import io.github.memflame.history.HistoryEntry;
import io.github.memflame.history.HistoryException;
import io.github.memflame.history.HistoryFormat;
import io.github.memflame.history.HistoryReader;
import io.github.memflame.history.HistorySettings;
import io.github.memflame.history.HistoryWindow;
import io.github.memflame.history.WindowFigures;
import io.github.memflame.render.Beside;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The history's part in a check: the earlier builds read before anything is written, drift measured against
 * them, and the window (earlier builds and this one) the report draws and writes.
 */
final class BuildHistory {
    /** How many names a line about several entries lists. */
    private static final int FEW = 5;

    private final HistorySettings settings;
    private final HistoryReader.Read read;
    /** The earlier builds' figures of the budgets, looked up once for the drift and the charts. */
    private final WindowFigures earlierFigures;

    private BuildHistory(HistorySettings settings, Earlier earlier) {
        this.settings = settings;
        this.read = earlier.read();
        this.earlierFigures = earlier.figures();
    }

    /**
     * What the history's thread found: the entries, and their figures of the budgets; {@code read} is {@code null}
     * when there is no history directory.
     */
    record Earlier(HistoryReader.Read read, WindowFigures figures) {
        static Earlier none(List<Budget> budgets) {
            return new Earlier(new HistoryReader.Read(List.of(), List.of(), List.of(), 0),
                    WindowFigures.of(List.of(), WindowFigures.keys(budgets)));
        }
    }

    /**
     * Starts reading the configured history's entries, and looking up the budgets' figures in them, on a thread of
     * their own, so that the check reads its snapshots meanwhile: a full window is some 3 MB, read by code the
     * check has not run yet. Nothing is written or told until {@link #read} takes the result.
     *
     * @return the entries being read, {@code null} when no history directory is configured
     */
    static Future<Earlier> startReading(HistorySettings settings, List<Budget> budgets) {
        if (settings == null || settings.directory() == null) {
            return null;
        }
        FutureTask<Earlier> reading = new FutureTask<>(() -> {
            HistoryReader.Read read = HistoryReader.read(settings.directory(), settings.size() - 1);
            return read == null ? new Earlier(null, null) : new Earlier(read, WindowFigures.of(
                    read.entries().stream().map(HistoryReader.Recorded::entry).toList(), WindowFigures.keys(budgets)));
        });
        Thread thread = new Thread(reading, "memflame-history");
        thread.setDaemon(true);
        thread.start();
        return reading;
    }

    /**
     * The configured history, as {@link #startReading} read it, telling the listener what it found.
     *
     * @param reading what {@link #startReading} returned for these settings
     * @throws CheckFailure when the history cannot be listed, or when an entry cannot be read and a budget has a
     *                      {@code maxDrift}: a drift gate that silently left a build out could check nothing
     */
    static BuildHistory read(HistorySettings settings, Future<Earlier> reading, List<Budget> budgets,
                             CheckListener listener) throws CheckFailure {
        List<String> drifting = new ArrayList<>();
        for (Budget budget : budgets) {
            if (budget.maxDrift() != null) {
                drifting.add(BudgetMessages.displayPath(budget) + " (maxDrift " + budget.maxDrift().text() + ")");
            }
        }
        String driftNote = drifting.isEmpty() ? "" : "; drift is not checked in this build: " + listed(drifting);
        if (settings.directory() == null) {
            if (!drifting.isEmpty()) {
                listener.warning("No history is configured" + driftNote + ". Set history to where CI restores the "
                        + "history directory of the last build's report, e.g. -Dmemflame.history=memflame-history.");
            }
            return new BuildHistory(settings, Earlier.none(budgets));
        }
        Earlier earlier;
        try {
            earlier = reading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailure("Interrupted while reading the history in " + settings.directory());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HistoryException failed) {
                throw new CheckFailure("Cannot read the history: " + failed.getMessage());
            }
            throw new IllegalStateException(Beside.thrown(e));
        }
        HistoryReader.Read read = earlier.read();
        if (read == null) {
            listener.warning("No history at " + settings.directory() + " (not found): this build starts one"
                    + driftNote + ".");
            return new BuildHistory(settings, Earlier.none(budgets));
        }
        if (!read.unreadable().isEmpty() && !drifting.isEmpty()) {
            HistoryReader.Unreadable first = read.unreadable().get(0);
            throw new CheckFailure("Cannot read " + (read.unreadable().size() == 1 ? "a history entry"
                    : read.unreadable().size() + " history entries") + ", and budgets measure drift over the history ("
                    + listed(drifting) + "): " + first.error()
                    + (read.unreadable().size() == 1 ? "" : " (and " + listedFiles(read.unreadable()) + ")")
                    + ". Remove the broken entries from " + settings.directory() + ", or restore the history.");
        }
        for (HistoryReader.Unreadable unreadable : read.unreadable()) {
            listener.warning("History entry left out: " + unreadable.error() + (unreadable.content() == null ? ""
                    : " (its file is carried on unchanged in the history for the next build, until the window "
                    + "leaves it behind)"));
        }
        if (!read.ignored().isEmpty()) {
            listener.info("History: " + read.ignored().size() + (read.ignored().size() == 1 ? " file" : " files")
                    + " of " + settings.directory() + " not read, not named build-NNNNNN" + HistoryFormat.SUFFIX
                    + ": " + listed(read.ignored()));
        }
        listener.info("History: " + read.entries().size() + (read.entries().size() == 1 ? " earlier build" :
                " earlier builds") + " read from " + settings.directory() + " (window of " + settings.size()
                + " builds)");
        return new BuildHistory(settings, earlier);
    }

    /**
     * The results with their drift measured.
     *
     * @throws CheckFailure when {@code driftReference} names no green build of the window
     */
    List<BudgetResult> measureDrift(List<BudgetResult> results, int warnAtPercent) throws CheckFailure {
        try {
            return new DriftCheck(earlier(), earlierFigures, settings.buildLabel(), settings.driftReference(),
                    warnAtPercent).check(results);
        } catch (HistoryException e) {
            throw new CheckFailure(e.getMessage());
        }
    }

    /**
     * The earlier builds and this one, which is labelled, timed and marked passed or failed; {@code null} when no
     * history is configured: a build that does not carry one writes none.
     */
    HistoryWindow window(boolean passed, List<FoldedSnapshot> snapshots, List<BudgetResult> results) {
        if (settings.directory() == null) {
            return null;
        }
        HistoryEntry current = HistoryWindow.entry(settings.buildLabel(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                passed, snapshots, results);
        return HistoryWindow.of(read.entries(), read.lastSequence(), current, earlierFigures, read.unreadable());
    }

    private List<HistoryEntry> earlier() {
        return read.entries().stream().map(HistoryReader.Recorded::entry).toList();
    }

    private static String listed(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(FEW, names.size())))
                + (names.size() > FEW ? " and " + (names.size() - FEW) + " more" : "");
    }

    private static String listedFiles(List<HistoryReader.Unreadable> unreadable) {
        return listed(unreadable.subList(1, unreadable.size()).stream().map(HistoryReader.Unreadable::fileName)
                .toList());
    }
}
