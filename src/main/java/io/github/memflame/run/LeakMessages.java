package io.github.memflame.run;

import io.github.memflame.format.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lines a person reads in a CI log about a leak check: the figure per round, the slope, and the lines that grew
 * in every measured round (the leak suspects) with their figures per round and functions, largest first.
 */
public final class LeakMessages {
    private LeakMessages() {
    }

    /**
     * For an exceeded, nearly used or undecided leak check, e.g. {@code Memory leak check exceeded: client (self)
     * in battle-round-*: +40.0 KiB per round > allowed +32.0 KiB per round}, then the rounds, the slope, the suspects
     * and the differential graph to open.
     *
     * @param diffToOpen the differential graph of the check's view, or {@code null}
     */
    public static List<String> describe(LeakCheckResult result, String diffToOpen) {
        LeakCheck check = result.check();
        List<String> lines = new ArrayList<>();
        String warnNote = result.onlyWarned() ? " (level warn, the build goes on)" : "";
        switch (result.status()) {
            case EXCEEDED -> lines.add("Memory leak check exceeded" + warnNote + ": " + where(result)
                    + perRound(result.slope()) + " > allowed +" + Numbers.bytes(check.maxGrowthPerRound())
                    + " per round");
            case WARNING -> lines.add("Memory leak check nearly at its limit: " + where(result)
                    + perRound(result.slope()) + ", " + String.format(Locale.ROOT, "%.1f%%",
                    result.slope() * 100 / check.maxGrowthPerRound()) + " of the allowed +"
                    + Numbers.bytes(check.maxGrowthPerRound()) + " per round");
            default -> lines.add(undecided(result, warnNote));
        }
        lines.add("  rounds:");
        for (LeakCheckResult.Round round : result.rounds()) {
            lines.add(String.format(Locale.ROOT, "    %15s bytes  %s%s", Numbers.grouped(round.bytes()),
                    round.snapshot(), round.warmup() ? " (warm-up, not measured)" : ""));
        }
        if (result.slope() != null) {
            lines.add("  slope " + slopeText(result.slope()) + " bytes per round (least squares over "
                    + result.measured().size() + " measured rounds), allowed " + Numbers.grouped(check.maxGrowthPerRound())
                    + " bytes per round (configured as '" + check.maxText() + "')");
        }
        if (result.suspects().isEmpty()) {
            lines.add("  no line grew in every measured round");
        } else {
            lines.add("  lines that grew in every measured round (leak suspects):");
            for (LeakCheckResult.Suspect suspect : result.suspects()) {
                lines.add(String.format(Locale.ROOT, "    %10s  %s: %s bytes", Numbers.signedBytes(suspect.growthBytes()),
                        suspect.function() == null ? suspect.site() : suspect.site() + " " + suspect.function(),
                        suspect.bytes().stream().map(Numbers::grouped).collect(Collectors.joining(" -> "))));
            }
        }
        if (diffToOpen != null) {
            lines.add("  differential flame graph: " + diffToOpen);
        }
        return lines;
    }

    /**
     * For a leak check within its limit: {@code Memory leak check client (self) in battle-round-*: +40.0 KiB per
     * round over 4 measured rounds (allowed +64.0 KiB per round), 1 line grew in every round}.
     */
    public static String within(LeakCheckResult result) {
        int suspects = result.suspects().size();
        return "Memory leak check " + where(result) + perRound(result.slope()) + " over " + result.measured().size()
                + " measured rounds (allowed +" + Numbers.bytes(result.check().maxGrowthPerRound()) + " per round), "
                + (suspects == 0 ? "no line" : suspects == 1 ? "1 line" : suspects + " lines")
                + " grew in every round";
    }

    private static String undecided(LeakCheckResult result, String warnNote) {
        int measured = result.measured().size();
        int warmup = result.rounds().size() - measured;
        return "Memory leak check cannot decide" + warnNote + ": " + where(result) + measured
                + (measured == 1 ? " measured round" : " measured rounds") + " (" + result.rounds().size()
                + " matched, " + warmup + " warm-up), it needs at least " + LeakCheck.MIN_MEASURED_ROUNDS
                + ". Let the test run play more rounds, or lower <warmup>";
    }

    /** {@code client (self) in battle-round-*: }, with the run's directory when it is not the snapshot directory. */
    private static String where(LeakCheckResult result) {
        LeakCheck check = result.check();
        return check.displayPath() + " (" + check.scope().configName() + ") in " + result.run() + check.snapshots()
                + ": ";
    }

    /** {@code +40.0 KiB per round}, the slope rounded to whole bytes. */
    private static String perRound(double slope) {
        return Numbers.signedBytes(Math.round(slope)) + " per round";
    }

    /** {@code +41,011.6}: the slope to a tenth of a byte. */
    static String slopeText(double slope) {
        return String.format(Locale.ROOT, "%+,.1f", slope);
    }

    /** How a JUnit case and a table name a leak check: {@code client (self) battle-round-*}. */
    public static String title(LeakCheckResult result) {
        return result.check().displayPath() + " (" + result.check().scope().configName() + ") " + result.run()
                + result.check().snapshots();
    }
}
