package io.github.memflame.run;

import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Growth;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.format.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines a person reads in a CI log about a comparison, shaped as those about growth since a baseline: the
 * change and the growth allowed, the exact before, after and delta, the lines that grew most with their functions,
 * the differential graph to open; and, with a baseline, how the same comparison went in the baseline.
 */
public final class ComparisonMessages {
    private ComparisonMessages() {
    }

    /**
     * For an exceeded or nearly used comparison, e.g. {@code Memory comparison exceeded: client (self) from
     * scene-1-town.pickle to scene-3-town.pickle: +112.7 KiB (+20.4%) > allowed +64.0 KiB}, then the figures.
     *
     * @param diffToOpen the differential graph of the comparison's view, or {@code null}
     */
    public static List<String> describe(ComparisonResult result, String diffToOpen) {
        Growth growth = result.growth();
        List<String> lines = new ArrayList<>();
        if (result.status() == BudgetStatus.EXCEEDED) {
            lines.add("Memory comparison exceeded" + (result.onlyWarned() ? " (level warn, the build goes on)" : "")
                    + ": " + where(result) + change(growth) + " > allowed " + allowed(growth));
        } else {
            lines.add("Memory comparison nearly at its limit: " + where(result) + change(growth) + ", "
                    + Numbers.percent(growth.deltaBytes(), growth.allowedBytes(), 1) + " of the allowed "
                    + allowed(growth));
        }
        lines.add("  before " + Numbers.grouped(growth.baselineBytes()) + " bytes, after "
                + Numbers.grouped(result.toBytes()) + " bytes, delta " + Numbers.signedGrouped(growth.deltaBytes())
                + " bytes, allowed " + Numbers.grouped(growth.allowedBytes()) + " bytes (configured as '"
                + growth.limit().text() + "')");
        if (!growth.topChanges().isEmpty()) {
            lines.add("  lines that grew most:");
            for (SiteChange change : growth.topChanges()) {
                lines.add(String.format(Locale.ROOT, "    %10s  %s (%s -> %s)",
                        Numbers.signedBytes(change.deltaBytes()), change.siteWithFunction(),
                        Numbers.bytes(change.beforeBytes()), Numbers.bytes(change.afterBytes())));
            }
        }
        String baseline = inBaseline(result);
        if (baseline != null) {
            lines.add("  " + baseline);
        }
        if (diffToOpen != null) {
            lines.add("  differential flame graph: " + diffToOpen);
        }
        return lines;
    }

    /**
     * For a comparison within its limit: {@code Memory comparison client (self) from scene-1-town.pickle to
     * scene-3-town.pickle: 552.9 KiB -> 665.6 KiB, +112.7 KiB (+20.4%, allowed +256.0 KiB)}, and how the same
     * comparison went in the baseline.
     */
    public static String within(ComparisonResult result) {
        Growth growth = result.growth();
        String baseline = inBaseline(result);
        return "Memory comparison " + where(result) + Numbers.bytes(growth.baselineBytes()) + " -> "
                + Numbers.bytes(result.toBytes()) + ", " + Numbers.signedBytes(growth.deltaBytes()) + " ("
                + percent(growth) + ", allowed " + allowed(growth) + ")" + (baseline == null ? "" : "; " + baseline);
    }

    /**
     * The same comparison in the baseline, and what this build adds to it: {@code in the baseline +12.1 KiB from
     * scene-1-town.pickle to scene-3-town.pickle: this build adds +100.6 KiB between them (+103,014 bytes)};
     * {@code null} without one.
     */
    public static String inBaseline(ComparisonResult result) {
        Growth was = result.baselineGrowth();
        if (was == null) {
            return null;
        }
        long added = result.growth().deltaBytes() - was.deltaBytes();
        return "in the baseline " + Numbers.signedBytes(was.deltaBytes()) + " from " + result.from() + " to "
                + result.to() + ": this build " + (added == 0 ? "adds nothing between them"
                : (added > 0 ? "adds " : "takes back ") + Numbers.signedBytes(added) + " between them ("
                + Numbers.signedGrouped(added) + " bytes)");
    }

    /** {@code client (self) from scene-1-town.pickle to scene-3-town.pickle: }. */
    private static String where(ComparisonResult result) {
        Comparison comparison = result.comparison();
        String path = comparison.path().isEmpty() || comparison.path().equals("/") ? "(whole snapshot)"
                : comparison.path();
        return path + " (" + comparison.scope().configName() + ") from " + result.from() + " to " + result.to() + ": ";
    }

    private static String change(Growth growth) {
        return Numbers.signedBytes(growth.deltaBytes()) + " (" + percent(growth) + ")";
    }

    private static String percent(Growth growth) {
        return growth.baselineBytes() == 0 ? "from 0 B" : Numbers.signedPercent(growth.deltaBytes(),
                growth.baselineBytes());
    }

    /** {@code +64.0 KiB}, or {@code +10% of the earlier figure (55.3 KiB)}. */
    private static String allowed(Growth growth) {
        String bytes = Numbers.bytes(growth.allowedBytes());
        return growth.limit().isPercent()
                ? "+" + growth.limit().percent().toPlainString() + "% of the earlier figure (" + bytes + ")"
                : "+" + bytes;
    }

    /** How a JUnit case and a table name a comparison: {@code client (self) scene-1-town.pickle -> scene-3-town.pickle}. */
    public static String title(ComparisonResult result) {
        return BudgetMessages.displayPath(result.comparison().asBudget()) + " ("
                + result.comparison().scope().configName() + ") " + result.from() + " -> " + result.to();
    }
}
