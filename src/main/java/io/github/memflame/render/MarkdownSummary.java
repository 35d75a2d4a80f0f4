package io.github.memflame.render;

import io.github.memflame.summary.UnreadableSnapshot;
import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Growth;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.fold.SiteChanges;
import io.github.memflame.format.BidiControls;
import io.github.memflame.format.Numbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code memflame.md}: the check in GitHub-flavoured Markdown, for a job summary ({@code GITHUB_STEP_SUMMARY}), a
 * merge-request comment or a chat message: the result, the budgets table (with the figures before and after and
 * the change when there is a baseline) and the lines that grew since the baseline. Every name is a code span: a
 * dump's file and frame names are untrusted, and none of them may open a link (autolinks included), an image, a
 * table cell or a line.
 */
public final class MarkdownSummary {
    private static final String NONE = "\u2014";
    /** How many growing, and how many shrinking, lines each snapshot lists. */
    private static final int CHANGES = 5;

    private MarkdownSummary() {
    }

    /** The summary of a check. */
    public static String text(CheckReport report) {
        StringBuilder md = new StringBuilder(2048);
        md.append("## ").append(report.passed() ? "\u2705 memflame: PASSED" : "\u274c memflame: FAILED").append("\n\n");
        facts(report, md);
        budgets(report, md);
        RunMarkdown.append(report.run(), md);
        md.append(TrendCharts.markdown(report));
        sinceBaseline(report, md);
        unreadable(report, md);
        return md.toString();
    }

    /**
     * Appends the summary to {@code file} (the file {@code GITHUB_STEP_SUMMARY} names), after what other steps
     * wrote there, separated from it by a blank line; creates the file if there is none.
     */
    public static void appendTo(Path file, CheckReport report) throws IOException {
        append(file, text(report));
    }

    private static void append(Path file, String markdown) throws IOException {
        boolean follows = Files.exists(file) && Files.size(file) > 0;
        Files.writeString(file, (follows ? "\n" : "") + markdown, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Appends the summary of a check that stopped without a verdict (no dump, an unreadable one): why. */
    public static void appendError(Path file, String message) throws IOException {
        append(file, "## \u274c memflame: no verdict\n\n" + code(message, false) + "\n");
    }

    private static void facts(CheckReport report, StringBuilder md) {
        Map<CiVerdict, Integer> counts = new EnumMap<>(CiVerdict.class);
        report.budgets().forEach(result -> counts.merge(CiVerdict.of(result), 1, Integer::sum));
        StringJoiner facts = new StringJoiner(" \u00b7 ", "", "\n\n");
        facts.add(count(report.budgets().size(), "budget check") + ": " + counts.getOrDefault(CiVerdict.FAILS, 0)
                + " failed, " + counts.getOrDefault(CiVerdict.WARNS, 0) + " with a warning, "
                + counts.getOrDefault(CiVerdict.UNMATCHED, 0) + " unmatched, "
                + counts.getOrDefault(CiVerdict.PASSES, 0) + " passed");
        facts.add(count(report.snapshots().size(), "snapshot") + ", " + Numbers.bytes(report.tracedBytes()) + " traced");
        if (!report.unreadable().isEmpty()) {
            facts.add(count(report.unreadable().size(), "unreadable dump") + " left out");
        }
        md.append(facts);
    }

    private static void budgets(CheckReport report, StringBuilder md) {
        if (report.budgets().isEmpty()) {
            md.append("No budgets are configured.\n");
            return;
        }
        boolean baseline = report.budgets().stream().anyMatch(result -> result.growth() != null);
        md.append(baseline
                ? "| Path | Scope | Snapshot | Before | After | Delta | Limit | Max growth | Status |\n"
                        + "|---|---|---|--:|--:|--:|--:|--:|---|\n"
                : "| Path | Scope | Snapshot | Actual | Limit | Status |\n|---|---|---|--:|--:|---|\n");
        List<BudgetResult> rows = new ArrayList<>(report.budgets());
        rows.sort(Comparator.comparing(CiVerdict::of));
        for (BudgetResult row : rows) {
            Growth growth = row.growth();
            md.append("| ").append(code(BudgetMessages.displayPath(row.budget()), true)).append(" | ")
                    .append(row.budget().scope().configName()).append(" | ").append(snapshot(row))
                    .append(" | ");
            if (baseline) {
                md.append(growth == null ? NONE : Numbers.bytes(growth.baselineBytes())).append(" | ")
                        .append(Numbers.bytes(row.actualBytes())).append(" | ")
                        .append(growth == null ? NONE : GrowthText.delta(growth)).append(" | ")
                        .append(limit(row)).append(" | ")
                        .append(growth == null || growth.limit() == null ? NONE : escape(GrowthText.limit(growth)));
            } else {
                md.append(Numbers.bytes(row.actualBytes())).append(" | ").append(limit(row));
            }
            md.append(" | ").append(status(row)).append(" |\n");
        }
    }

    /** The snapshot's name, or for a budget that applies to none, its glob that matched none. */
    private static String snapshot(BudgetResult result) {
        if (result.snapshot() != null) {
            return code(result.snapshot(), true);
        }
        return result.budget().snapshots() == null ? "none read"
                : "none matches " + code(result.budget().snapshots(), true);
    }

    /** The budget's {@code max}, or a dash for a budget with only {@code maxGrowth}. */
    private static String limit(BudgetResult result) {
        return result.budget().hasMax() ? Numbers.bytes(result.budget().maxBytes()) : NONE;
    }

    /**
     * {@code ❌ **exceeded, growth exceeded**}, {@code ⚠️ nearly used}, {@code ✅ ok}; {@code ❌ **unmatched**} when
     * matching nothing fails the build, {@code ❔ unmatched} when it does not.
     */
    private static String status(BudgetResult result) {
        CiVerdict verdict = CiVerdict.of(result);
        if (verdict == CiVerdict.UNMATCHED) {
            return result.failsBuild() ? "\u274c **unmatched**" : "\u2754 unmatched";
        }
        if (verdict == CiVerdict.PASSES) {
            return "\u2705 ok";
        }
        StringJoiner words = new StringJoiner(", ");
        BudgetStatus growth = result.growth() == null ? BudgetStatus.OK : result.growth().status();
        // The limit's own outcome: status() is already the worse of the limit and the growth limit.
        BudgetStatus limit = result.limitStatus() == null ? BudgetStatus.OK : result.limitStatus();
        BudgetStatus drift = result.drift() == null ? BudgetStatus.OK : result.drift().status();
        describe(limit, "", words);
        describe(growth, "growth ", words);
        describe(drift, "drift ", words);
        String text = words + (result.budget().onlyWarns() && (limit == BudgetStatus.EXCEEDED
                || growth == BudgetStatus.EXCEEDED || drift == BudgetStatus.EXCEEDED) ? " (level warn)" : "");
        return verdict == CiVerdict.FAILS ? "\u274c **" + text + "**" : "\u26a0\ufe0f " + text;
    }

    private static void describe(BudgetStatus status, String prefix, StringJoiner words) {
        if (status == BudgetStatus.EXCEEDED) {
            words.add(prefix + "exceeded");
        } else if (status == BudgetStatus.WARNING) {
            words.add(prefix + "nearly used");
        }
    }

    /**
     * Per snapshot compared with the baseline: its total before and after, and the lines (allocation sites) that
     * grew and shrank most, {@value #CHANGES} of each, as the index page's "Since baseline" section lists them.
     */
    private static void sinceBaseline(CheckReport report, StringBuilder md) {
        List<SnapshotReport> compared = report.snapshots().stream().filter(s -> s.baseline() != null).toList();
        if (compared.isEmpty()) {
            return;
        }
        md.append("\n### Since baseline\n");
        for (SnapshotReport snapshot : compared) {
            long before = snapshot.baseline().totalBytes();
            long after = snapshot.snapshot().totalBytes();
            md.append("\n**").append(code(snapshot.snapshot().name(), false)).append("**: ").append(Numbers.bytes(before))
                    .append(" \u2192 ").append(Numbers.bytes(after)).append(" (")
                    .append(Numbers.signedBytes(after - before)).append(", ")
                    .append(Numbers.signedPercent(after - before, before)).append(")\n\n");
            List<SiteChange> changes = SiteChanges.of(snapshot.snapshot(), snapshot.baseline());
            List<SiteChange> shown = new ArrayList<>(SiteChanges.growing(changes, CHANGES));
            shown.addAll(SiteChanges.shrinking(changes, CHANGES));
            if (shown.isEmpty()) {
                md.append("No line changed.\n");
                continue;
            }
            md.append("| Line | Before | After | Delta |\n|---|--:|--:|--:|\n");
            for (SiteChange change : shown) {
                md.append("| ").append(code(change.siteWithFunction(), true)).append(change.wasLineNote()).append(" | ")
                        .append(Numbers.bytes(change.beforeBytes())).append(" | ")
                        .append(Numbers.bytes(change.afterBytes())).append(" | ")
                        .append(Numbers.signedBytes(change.deltaBytes())).append(" |\n");
            }
        }
    }

    private static void unreadable(CheckReport report, StringBuilder md) {
        if (report.unreadable().isEmpty()) {
            return;
        }
        md.append("\n### Unreadable dumps\n\nLeft out of every total and budget (failOnUnreadable is false):\n\n");
        for (UnreadableSnapshot dump : report.unreadable()) {
            md.append("- **").append(code(dump.name(), false)).append("**: ").append(code(dump.error(), false))
                    .append('\n');
        }
    }

    private static String count(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * Untrusted text as a code span, which shows as it is on GitHub and in every GFM renderer: no emphasis, HTML,
     * entity, link, image, mention or emoji, and none of the autolinks a plain-text name would become
     * ({@code https://evil.example/login.py:9}, {@code www.evil.example.folded}, {@code x@evil.example.py}; a
     * backslash before {@code :} breaks the first but not the last, and {@code www.} followed by a zero-width joiner
     * still links). On one line, with control characters as U+FFFD and bidirectional formatting characters as
     * escapes. The fence is one backtick longer than the longest run of backticks in the text, with a space inside
     * when the text starts or ends with one; in a table cell each {@code |} is escaped, which the table, not the
     * code span, takes off again.
     */
    static String code(String text, boolean tableCell) {
        String clean = BidiControls.visible(Markup.sanitize(Markup.oneLine(text)));
        StringBuilder content = new StringBuilder(clean.length() + 8);
        int longestRun = 0;
        int run = 0;
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
            if (c == '|' && tableCell) {
                content.append('\\');
            }
            content.append(c >= 0x7f && c <= 0x9f ? Markup.REPLACEMENT : c);
        }
        if (content.length() == 0) {
            return "";
        }
        // CommonMark strips one space from each end when both ends have one; a padding space keeps the text whole.
        boolean pad = clean.startsWith("`") || clean.endsWith("`")
                || clean.startsWith(" ") && clean.endsWith(" ") && !clean.isBlank();
        String fence = "`".repeat(longestRun + 1);
        return fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
    }

    /**
     * Text of the configuration (a growth limit such as {@code 10%}) as inline Markdown that shows as it is: on
     * one line, with control characters as U+FFFD, and every character that could start markup escaped with a
     * backslash.
     */
    static String escape(String text) {
        String clean = BidiControls.visible(Markup.sanitize(Markup.oneLine(text)));
        StringBuilder out = new StringBuilder(clean.length() + 8);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            if ("\\`*_[]<>|&~$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c >= 0x7f && c <= 0x9f ? Markup.REPLACEMENT : c);
        }
        return out.toString();
    }
}
