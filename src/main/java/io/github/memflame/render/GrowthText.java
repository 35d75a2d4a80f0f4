package io.github.memflame.render;

import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Growth;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.format.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the CI outputs write a budget's growth since the baseline, {@code 120.0 KiB -> 177.6 KiB (+57.6 KiB,
 * +48.0%)}, and the lines of a growth result as the JUnit report carries them. The growth lines of the CI log are
 * the baseline work's; until they exist in {@code BudgetMessages} these are the report's own.
 */
final class GrowthText {
    private GrowthText() {
    }

    /** {@code +57.6 KiB}, {@code -3.0 KiB}, {@code 0 B}. */
    static String signedBytes(long bytes) {
        return (bytes > 0 ? "+" : "") + Numbers.bytes(bytes);
    }

    /** {@code +57.6 KiB, +48.0%}: the change and its share of the baseline's figure. */
    static String delta(Growth growth) {
        return signedBytes(growth.deltaBytes()) + ", " + Numbers.signedPercent(growth.deltaBytes(),
                growth.baselineBytes());
    }

    /** {@code 10% (12.0 KiB)} for a share of the baseline, {@code 2 MiB} for bytes; {@code null} without a limit. */
    static String limit(Growth growth) {
        if (growth.limit() == null) {
            return null;
        }
        return growth.limit().isPercent()
                ? growth.limit().text() + " (" + Numbers.bytes(growth.allowedBytes()) + ")"
                : growth.limit().text();
    }

    /**
     * The lines about a result's growth: what grew, by how much against which limit, the sites that grew most with
     * their own before and after, and the graph to open; none when the result has no baseline figure.
     */
    static List<String> lines(BudgetResult result, String reportToOpen) {
        Growth growth = result.growth();
        if (growth == null) {
            return List.of();
        }
        String where = BudgetMessages.displayPath(result.budget()) + " (" + result.budget().scope().configName()
                + ") in " + result.snapshot() + ": " + Numbers.bytes(growth.baselineBytes()) + " -> "
                + Numbers.bytes(result.actualBytes()) + " (" + delta(growth) + ")";
        List<String> lines = new ArrayList<>();
        if (growth.status() == BudgetStatus.EXCEEDED) {
            lines.add("Memory growth exceeded" + (result.budget().onlyWarns() ? " (level warn, the build goes on)" : "")
                    + ": " + where + " > max growth " + limit(growth));
        } else if (growth.status() == BudgetStatus.WARNING) {
            lines.add("Memory growth nearly used: " + where + ", " + Numbers.percent(growth.deltaBytes(),
                    growth.allowedBytes(), 1) + " of max growth " + limit(growth));
        } else {
            return List.of("Memory growth since baseline: " + where
                    + (growth.limit() == null ? "" : ", max growth " + limit(growth)));
        }
        lines.add("  before " + Numbers.grouped(growth.baselineBytes()) + " bytes, after "
                + Numbers.grouped(result.actualBytes()) + " bytes, growth " + Numbers.grouped(growth.deltaBytes())
                + " bytes, allowed " + Numbers.grouped(growth.allowedBytes()) + " bytes (configured as '"
                + growth.limit().text() + "')");
        if (!growth.topChanges().isEmpty()) {
            lines.add("  lines that grew most:");
            for (SiteChange change : growth.topChanges()) {
                lines.add(String.format(Locale.ROOT, "    %11s  %s (%s -> %s)", signedBytes(change.deltaBytes()),
                        change.siteWithFunction(), Numbers.bytes(change.beforeBytes()),
                        Numbers.bytes(change.afterBytes())));
            }
        }
        if (reportToOpen != null) {
            lines.add("  flame graph: " + reportToOpen);
        }
        return lines;
    }
}
