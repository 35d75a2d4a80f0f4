package io.github.memflame.render;

import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Growth;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.format.Numbers;
import io.github.memflame.run.ComparisonMessages;
import io.github.memflame.run.ComparisonResult;
import io.github.memflame.run.LeakCheckResult;
import io.github.memflame.run.RunResults;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The sections of {@code memflame.md} about the checks across the run: each comparison with its figures, the
 * growth allowed, its status, and the line that grew most; each leak check with its slope and leak suspects.
 */
final class RunMarkdown {
    private RunMarkdown() {
    }

    static void append(RunResults run, StringBuilder md) {
        comparisons(run, md);
        leakChecks(run, md);
    }

    private static void comparisons(RunResults run, StringBuilder md) {
        if (run.comparisons().isEmpty()) {
            return;
        }
        md.append("\n### Comparisons within the run\n\n")
                .append("| Path | Scope | From | To | Before | After | Delta | Max growth | Status | Grew most |\n")
                .append("|---|---|---|---|--:|--:|--:|--:|---|---|\n");
        for (ComparisonResult result : run.comparisons()) {
            Growth growth = result.growth();
            String path = result.comparison().path();
            md.append("| ").append(MarkdownSummary.code(path.isEmpty() || path.equals("/") ? "(whole snapshot)" : path,
                            true)).append(" | ").append(result.comparison().scope().configName()).append(" | ")
                    .append(MarkdownSummary.code(result.from(), true)).append(" | ")
                    .append(MarkdownSummary.code(result.to(), true)).append(" | ")
                    .append(Numbers.bytes(growth.baselineBytes())).append(" | ")
                    .append(Numbers.bytes(result.toBytes())).append(" | ")
                    .append(Numbers.signedBytes(growth.deltaBytes())).append(" | ")
                    .append(MarkdownSummary.escape(GrowthText.limit(growth))).append(" | ")
                    .append(status(result)).append(" | ");
            if (growth.topChanges().isEmpty()) {
                md.append("\u2014");
            } else {
                SiteChange top = growth.topChanges().get(0);
                md.append(MarkdownSummary.code(top.siteWithFunction(), true)).append(' ')
                        .append(Numbers.signedBytes(top.deltaBytes()));
            }
            md.append(" |\n");
        }
        for (ComparisonResult result : run.comparisons()) {
            if (result.baselineGrowth() != null) {
                md.append("\n").append(MarkdownSummary.escape(ComparisonMessages.title(result) + ": "
                        + ComparisonMessages.inBaseline(result))).append('\n');
            }
        }
    }

    /**
     * Each leak check: its rounds, the slope per round and the limit, its status, and the leak suspects (the lines
     * that grew in every measured round) with their figure in each.
     */
    private static void leakChecks(RunResults run, StringBuilder md) {
        if (run.leakChecks().isEmpty()) {
            return;
        }
        md.append("\n### Leak checks\n\n")
                .append("| Path | Scope | Rounds | Measured | Per round | Max per round | Status | Leak suspects |\n")
                .append("|---|---|---|--:|--:|--:|---|---|\n");
        for (LeakCheckResult result : run.leakChecks()) {
            md.append("| ").append(MarkdownSummary.code(result.check().displayPath(), true)).append(" | ")
                    .append(result.check().scope().configName()).append(" | ")
                    .append(MarkdownSummary.code(result.run() + result.check().snapshots(), true)).append(" | ")
                    .append(result.measured().size()).append(" | ")
                    .append(result.slope() == null ? "\u2014" : Numbers.signedBytes(Math.round(result.slope())))
                    .append(" | ").append(MarkdownSummary.escape(result.check().maxText())).append(" | ")
                    .append(status(result)).append(" | ");
            if (result.suspects().isEmpty()) {
                md.append("\u2014");
            } else {
                StringJoiner suspects = new StringJoiner("<br>");
                for (LeakCheckResult.Suspect suspect : result.suspects()) {
                    suspects.add(MarkdownSummary.code(Site.withFunction(suspect.site(), suspect.function()), true) + " "
                            + suspect.bytes().stream().map(Numbers::bytes).collect(Collectors.joining(" \u2192 ")));
                }
                md.append(suspects);
            }
            md.append(" |\n");
        }
    }

    private static String status(LeakCheckResult result) {
        String text = switch (result.status()) {
            case EXCEEDED -> "exceeded";
            case UNDECIDED -> "cannot decide";
            case WARNING -> "nearly used";
            case OK -> "ok";
        };
        if (result.failsBuild()) {
            return "\u274c **" + text + "**";
        }
        if (result.onlyWarned()) {
            return "\u26a0\ufe0f " + text + " (level warn)";
        }
        return result.status() == LeakCheckResult.LeakStatus.WARNING ? "\u26a0\ufe0f " + text : "\u2705 " + text;
    }

    /** {@code ❌ **exceeded**}, {@code ⚠️ nearly used}, {@code ⚠️ exceeded (level warn)}, {@code ✅ ok}. */
    private static String status(ComparisonResult result) {
        if (result.failsBuild()) {
            return "\u274c **exceeded**";
        }
        if (result.onlyWarned()) {
            return "\u26a0\ufe0f exceeded (level warn)";
        }
        return result.status() == BudgetStatus.WARNING ? "\u26a0\ufe0f nearly used" : "\u2705 ok";
    }
}
