package io.github.memflame.budget;

import io.github.memflame.format.Numbers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines a person reads in a CI log about a budget: what grew, by how much, and where.
 */
public final class BudgetMessages {
    private BudgetMessages() {
    }

    /**
     * For an exceeded or warning result, e.g.
     * {@code Memory budget exceeded: client/controller (self) in scene-2-battle.pickle: 21.3 MiB > 20.0 MiB
     * (+1.3 MiB, +6.5%)}, followed by the exact figures, the largest sites and the report to open.
     */
    public static List<String> describe(BudgetResult result, String reportToOpen) {
        Budget budget = result.budget();
        long over = result.actualBytes() - budget.maxBytes();
        List<String> lines = new ArrayList<>();
        String where = displayPath(budget) + " (" + budget.scope().configName() + ") in " + result.snapshot() + ": ";
        if (result.status() == BudgetStatus.EXCEEDED) {
            lines.add("Memory budget exceeded" + (budget.onlyWarns() ? " (level warn, the build goes on)" : "")
                    + ": " + where + Numbers.bytes(result.actualBytes()) + " > "
                    + Numbers.bytes(budget.maxBytes()) + " (+" + Numbers.bytes(over) + ", "
                    + Numbers.signedPercent(over, budget.maxBytes()) + ")");
        } else {
            lines.add("Memory budget nearly used: " + where + Numbers.bytes(result.actualBytes()) + " of "
                    + Numbers.bytes(budget.maxBytes()) + " ("
                    + Numbers.percent(result.actualBytes(), budget.maxBytes(), 1)
                    + " of the limit)");
        }
        lines.add("  actual " + Numbers.grouped(result.actualBytes()) + " bytes, limit "
                + Numbers.grouped(budget.maxBytes()) + " bytes (configured as '" + budget.maxText() + "')");
        if (!result.topSites().isEmpty()) {
            lines.add("  largest allocation sites counted:");
            for (Contributor site : result.topSites()) {
                lines.add(String.format(Locale.ROOT, "    %10s  %s", Numbers.bytes(site.bytes()), site.siteWithFunction()));
            }
        }
        if (reportToOpen != null) {
            lines.add("  flame graph: " + reportToOpen);
        }
        return lines;
    }

    /** For a budget within its limit: {@code Memory budget client/ui (self) in town.pickle: 183.8 KiB of 512.0 KiB (35.9%)}. */
    public static String within(BudgetResult result) {
        Budget budget = result.budget();
        return "Memory budget " + displayPath(budget) + " (" + budget.scope().configName() + ") in "
                + result.snapshot() + ": " + Numbers.bytes(result.actualBytes()) + " of "
                + Numbers.bytes(budget.maxBytes()) + " ("
                + Numbers.percent(result.actualBytes(), budget.maxBytes(), 1) + ")";
    }

    /**
     * One line that closes the budget report: {@code Memory budgets: 13 checks, 1 exceeded, 0 warnings,
     * 0 unmatched}; exceeded budgets of {@code level warn} are counted apart: {@code 2 exceeded (1 of them level
     * warn, not failing the build)}.
     */
    public static String summary(List<BudgetResult> results) {
        Map<BudgetStatus, Integer> counts = new EnumMap<>(BudgetStatus.class);
        long onlyWarned = 0;
        for (BudgetResult result : results) {
            counts.merge(result.status(), 1, Integer::sum);
            onlyWarned += result.onlyWarned() ? 1 : 0;
        }
        return String.format(Locale.ROOT, "Memory budgets: %d %s, %d exceeded%s, %d %s, %d unmatched",
                results.size(), results.size() == 1 ? "check" : "checks",
                counts.getOrDefault(BudgetStatus.EXCEEDED, 0),
                onlyWarned == 0 ? "" : " (" + onlyWarned + " of them level warn, not failing the build)",
                counts.getOrDefault(BudgetStatus.WARNING, 0),
                counts.getOrDefault(BudgetStatus.WARNING, 0) == 1 ? "warning" : "warnings",
                counts.getOrDefault(BudgetStatus.UNMATCHED, 0));
    }

    /** For a budget whose path matched no allocation in any snapshot. */
    public static String unmatched(Budget budget, List<String> topLevelPaths) {
        return "Memory budget " + displayPath(budget) + " (" + budget.scope().configName() + ") matched no "
                + "allocation in any snapshot it applies to. Check the path and stripPrefixes; top-level paths "
                + "present: " + (topLevelPaths.isEmpty() ? "none" : String.join(", ", topLevelPaths));
    }

    /** The budget's path as people read it; the whole snapshot when it is empty or {@code /}. */
    public static String displayPath(Budget budget) {
        String path = budget.path() == null ? "" : budget.path().trim();
        return path.isEmpty() || path.equals("/") ? "(whole snapshot)" : path;
    }
}
