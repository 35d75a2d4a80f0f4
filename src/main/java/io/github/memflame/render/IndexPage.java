package io.github.memflame.render;

import io.github.memflame.summary.UnreadableSnapshot;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Drift;
import io.github.memflame.budget.Contributor;
import io.github.memflame.budget.Growth;
import io.github.memflame.fold.FlameNode;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.LargestSites;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.fold.SiteChanges;
import io.github.memflame.format.Numbers;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The report's {@code index.html}: the page an engineer opens first. One self-contained file (inline style and a
 * small inline script, no font, script or style from elsewhere) that answers "did we pass, and what is biggest":
 *
 * <ul>
 *   <li>a PASSED / FAILED banner ({@code id="result"}) with the count of exceeded, warning and unmatched budgets;</li>
 *   <li>the run's timeline ({@code id="timeline"}, see {@link RunTimeline});</li>
 *   <li>the budgets table ({@code id="budgets"}): path, scope, snapshot, actual, limit, headroom (with a bar of the
 *       share of the limit used, and of the growth allowed beside it), status and the
 *       top sites (with their function names when known), exceeded rows first; when a budget has a baseline
 *       figure, also the figure before, the change and the growth allowed, as {@code memflame.md} has them;</li>
 *   <li>the snapshots table ({@code id="snapshots"}), in the run's order: name, format, traces, total, excluded,
 *       change of the total since the snapshot before, biggest top-level
 *       paths and links to both flame graphs and folded stacks;</li>
 *   <li>the largest {@value #LARGEST} files/lines across all snapshots ({@code id="largest"}), from the path
 *       views;</li>
 *   <li>when snapshots have a baseline, "Since baseline" ({@code id="since-baseline"}): per snapshot
 *       ({@code class="baseline-snapshot"}), the largest change of total first, the total before and after, the
 *       {@value #CHANGES} lines that grew
 *       most and the {@value #CHANGES} that shrank most ({@code class="growing"}, {@code class="shrinking"}) and
 *       links to both differential graphs.</li>
 * </ul>
 *
 * <p>The page is also well-formed XML (a polyglot document), so tools and tests can parse it as such.
 *
 * <p>Tables sort by clicking a header (numbers by the exact byte counts in {@code data-value}); the page prints
 * cleanly. Links are relative to the output directory, so the report can be moved, zipped or opened offline.
 */
public final class IndexPage {
    /** How many of the largest lines the page lists. */
    public static final int LARGEST = 20;
    /** How many top-level paths the snapshots table names per snapshot. */
    static final int TOP_PATHS = 3;
    /** How many growing and how many shrinking lines "Since baseline" lists per snapshot. */
    public static final int CHANGES = 10;

    private IndexPage() {
    }

    /** Writes the page to {@code out}, which must encode UTF-8; {@code out} is flushed, not closed. */
    public static void write(CheckReport report, Writer out) throws IOException {
        Objects.requireNonNull(report, "report");
        Markup html = new Markup(16_384);
        new Page(report, html).build();
        html.flushTo(out);
        out.flush();
    }

    /**
     * The sites of the snapshots' path views holding the most ({@link LargestSites}); a snapshot without a path view
     * has none.
     */
    static List<LargestSites.Entry> largestSites(List<SnapshotReport> snapshots, int limit) {
        return LargestSites.of(snapshots.stream().map(SnapshotReport::pathView).filter(Objects::nonNull).toList(),
                limit);
    }

    /** Headroom of a budget as a share of its limit: positive when under, negative when over. */
    static BigDecimal headroomPercent(long limitBytes, long actualBytes) {
        if (limitBytes <= 0) {
            return actualBytes <= 0 ? BigDecimal.ZERO.setScale(1) : BigDecimal.valueOf(-100).setScale(1);
        }
        return BigDecimal.valueOf(limitBytes).subtract(BigDecimal.valueOf(actualBytes))
                .multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(limitBytes), 1, RoundingMode.HALF_UP);
    }

    private static final class Page {
        private final CheckReport report;
        private final Markup html;
        private final Map<String, SnapshotReport> byName = new HashMap<>();

        Page(CheckReport report, Markup html) {
            this.report = report;
            this.html = html;
            for (SnapshotReport snapshot : report.snapshots()) {
                byName.putIfAbsent(snapshot.snapshot().name(), snapshot);
            }
        }

        void build() {
            String result = report.passed() ? "PASSED" : "FAILED";
            html.constant("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                    .constant("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                    .constant("<title>memflame: ").text(result).constant("</title>\n<style>\n")
                    .constant(Assets.INDEX_STYLE).constant("</style>\n</head>\n<body>\n");
            banner(result);
            RunTimeline.write(html, report.snapshots(), report.budgets());
            budgets();
            TrendCharts.section(report, html);
            snapshots();
            largest();
            sinceBaseline();
            html.constant("</main>\n<footer>Generated by memflame. Flame graphs: click a frame to zoom, Ctrl-F to ")
                    .constant("search. Machine-readable summary: <a href=\"memflame.json\">memflame.json</a>.")
                    .constant("</footer>\n<script>//<![CDATA[\n").constant(Assets.INDEX_SCRIPT)
                    .constant(RunTimeline.HOVER_SCRIPT)
                    .constant("//]]></script>\n</body>\n</html>\n");
        }

        private void banner(String result) {
            Map<BudgetStatus, Integer> counts = new HashMap<>();
            for (BudgetResult budget : report.budgets()) {
                counts.merge(budget.status(), 1, Integer::sum);
            }
            String verdict = report.passed() ? "passed" : "failed";
            html.constant("<header id=\"result\"").attribute("class", "banner " + verdict)
                    .attribute("data-result", verdict).constant(">\n<div class=\"verdict\">").text(result)
                    .constant("</div>\n<div class=\"facts\">");
            int budgets = report.budgets().size();
            html.text(PageParts.count(budgets, "budget check"));
            fact(counts, BudgetStatus.EXCEEDED, "exceeded");
            fact(counts, BudgetStatus.WARNING, budgetsWord(counts.get(BudgetStatus.WARNING), "warning"));
            fact(counts, BudgetStatus.UNMATCHED, "unmatched");
            html.text(" \u00b7 " + PageParts.count(report.snapshots().size(), "snapshot"));
            if (!report.unreadable().isEmpty()) {
                html.constant(" \u00b7 <span class=\"badge exceeded\">")
                        .text(report.unreadable().size() + " unreadable, left out of every total").constant("</span>");
            }
            if (!report.snapshots().isEmpty()) {
                html.text(", " + Numbers.bytes(report.tracedBytes()) + " traced");
            }
            html.constant("</div>\n</header>\n<main>\n");
        }

        private static String budgetsWord(Integer count, String word) {
            return count != null && count == 1 ? word : word + "s";
        }

        private void fact(Map<BudgetStatus, Integer> counts, BudgetStatus status, String word) {
            Integer count = counts.get(status);
            if (count != null && count > 0) {
                html.constant(" \u00b7 <span").attribute("class", "badge " + status.summaryName()).constant(">")
                        .text(count + " " + word).constant("</span>");
            }
        }

        private void budgets() {
            html.constant("<section>\n<h2>Budgets</h2>\n");
            if (report.budgets().isEmpty()) {
                html.constant("<p class=\"empty\">No budgets are configured: add <code>&lt;budgets&gt;</code> to ")
                        .constant("the plugin configuration to fail the build when a path holds too much memory.")
                        .constant("</p>\n</section>\n");
                return;
            }
            List<BudgetResult> rows = new ArrayList<>(report.budgets());
            rows.sort(Comparator.comparingInt((BudgetResult r) -> r.status().severity())
                    .thenComparing(r -> r.budget().hasMax() ? headroomPercent(r.budget().maxBytes(), r.actualBytes())
                            : BigDecimal.valueOf(1000)));
            // As in memflame.md: the growth columns only when some budget has a baseline figure to compare with.
            boolean growthColumns = rows.stream().anyMatch(row -> row.growth() != null);
            html.constant("<table id=\"budgets\"").attribute("class", growthColumns ? "sortable with-growth" : "sortable")
                    .constant(">\n<thead><tr>");
            PageParts.header(html, "Path", false);
            PageParts.header(html, "Scope", false);
            PageParts.header(html, "Snapshot", false);
            if (growthColumns) {
                PageParts.header(html, "Before", true);
            }
            PageParts.header(html, "Actual", true);
            if (growthColumns) {
                PageParts.header(html, "Change", true);
            }
            PageParts.header(html, "Limit", true);
            PageParts.header(html, "Headroom", true);
            if (growthColumns) {
                PageParts.header(html, "Allowed growth", true);
            }
            boolean driftColumn = rows.stream().anyMatch(row -> row.drift() != null);
            if (driftColumn) {
                PageParts.header(html, "Drift", true);
            }
            PageParts.header(html, "Status", true);
            html.constant("<th>Top sites</th></tr></thead>\n<tbody>\n");
            for (BudgetResult row : rows) {
                long limit = row.budget().maxBytes();
                String status = row.status().summaryName();
                String path = row.budget().path();
                boolean whole = path == null || path.isEmpty() || path.equals("/");
                html.constant("<tr").attribute("class", "budget " + status).attribute("data-status", status)
                        .constant("><td class=\"path\">");
                if (whole) {
                    html.constant("<em>whole snapshot</em>");
                } else {
                    html.constant("<code>").text(path).constant("</code>");
                }
                html.constant("</td><td>").text(row.budget().scope() == null ? "" : row.budget().scope().configName())
                        .constant("</td><td>");
                if (row.snapshot() == null) {
                    html.constant("<em>").text(row.budget().snapshots() == null ? "none read"
                            : "none matches " + row.budget().snapshots()).constant("</em>");
                } else {
                    snapshotLink(row.snapshot());
                }
                html.constant("</td>");
                if (growthColumns) {
                    beforeCell(row.growth());
                }
                PageParts.bytesCell(html, row.actualBytes(), null);
                if (growthColumns) {
                    changeCell(row.growth());
                }
                if (row.budget().hasMax()) {
                    PageParts.bytesCell(html, limit, row.budget().maxText());
                    BigDecimal headroom = headroomPercent(limit, row.actualBytes());
                    html.constant("<td class=\"num\"").attribute("data-value", headroom.toPlainString())
                            .attribute("title", Numbers.grouped(limit - row.actualBytes()) + " bytes").constant(">");
                    if (row.status() == BudgetStatus.UNMATCHED) {
                        html.constant("\u2014");
                    } else {
                        html.text(headroom.toPlainString() + "% ").constant("<span class=\"sub\">")
                                .text("(" + Numbers.bytes(limit - row.actualBytes()) + ")").constant("</span>");
                        UsageBar.write(html, row.actualBytes(), limit, "the limit");
                    }
                } else {
                    html.constant("<td class=\"num\" data-value=\"-1\"").attribute("title", row.budget().maxGrowth() != null
                            ? "growth limit only: " + row.budget().maxGrowth().text()
                            : "drift limit only: " + row.budget().maxDrift().text())
                            .constant(">\u2014</td><td class=\"num\" ")
                            .constant("data-value=\"1000\">\u2014");
                }
                html.constant("</td>");
                if (growthColumns) {
                    allowedGrowthCell(row);
                }
                if (driftColumn) {
                    driftCell(row.drift());
                }
                html.constant("<td").attribute("data-value", BudgetStatus.OK.severity() - row.status().severity())
                        .constant("><span")
                        .attribute("class", "badge " + status);
                if (row.status() == BudgetStatus.UNMATCHED && row.snapshot() == null) {
                    html.constant(" title=\"The budget applies to no snapshot: check its snapshots glob\"");
                } else if (row.status() == BudgetStatus.UNMATCHED) {
                    html.constant(" title=\"The path matched no allocation: check it and stripPrefixes\"");
                } else if (row.status() == BudgetStatus.NOT_CHECKED) {
                    html.constant(row.budget().maxGrowth() != null
                            ? " title=\"Only a growth limit, and the baseline has no figure for this snapshot\""
                            : " title=\"No green build in the history has a figure for this snapshot\"");
                }
                html.constant(">").text(status.toUpperCase(Locale.ROOT)).constant("</span>");
                if (row.onlyWarned()) {
                    html.constant(" <span class=\"sub level-warn\" title=\"level warn: exceeding this budget does ")
                            .constant("not fail the build\">level warn</span>");
                }
                html.constant("</td><td class=\"sites\">");
                topSites(row.topSites());
                html.constant("</td></tr>\n");
            }
            html.constant("</tbody>\n</table>\n</section>\n");
        }

        /**
         * {@code +24.0 KiB (+21.3%) since build-3}: the change since the history's drift reference build, against the
         * drift {@code maxDrift} allows; a dash for a budget without {@code maxDrift} or a figure to measure from.
         */
        private void driftCell(Drift drift) {
            if (drift == null) {
                html.constant("<td class=\"num\" title=\"no drift limit, or no earlier green build with this figure\">")
                        .constant("\u2014</td>");
                return;
            }
            long delta = drift.deltaBytes();
            html.constant("<td").attribute("class", "num drift " + direction(delta)).attribute("data-value", delta)
                    .attribute("title", Numbers.signedGrouped(delta) + " bytes since " + drift.referenceBuild() + " ("
                            + Numbers.grouped(drift.referenceBytes()) + " bytes); allowed "
                            + Numbers.signedGrouped(drift.allowedBytes()) + " bytes (maxDrift " + drift.limit().text()
                            + ")")
                    .constant(">").text(Numbers.signedBytes(delta));
            UsageBar.write(html, delta, drift.allowedBytes(), "the drift allowed");
            // On a line of its own, the label cut: a commit hash beside the figure squeezed the columns after it.
            html.constant("<span class=\"sub since\">")
                    .text("(" + Numbers.changePercent(delta, drift.referenceBytes()) + ") since ")
                    .constant("<code>").text(ShortBuildLabel.of(drift.referenceBuild())).constant("</code></span>");
            html.constant("</td>");
        }

        /** The baseline's figure, or a dash when the snapshot has none (new, or no baseline). */
        private void beforeCell(Growth growth) {
            if (growth == null) {
                html.constant("<td class=\"num\" title=\"no baseline figure for this snapshot\">\u2014</td>");
            } else {
                PageParts.bytesCell(html, growth.baselineBytes(), null);
            }
        }

        /** {@code +57.6 KiB (+48.0%)}: the change since the baseline, sorted by its bytes. */
        private void changeCell(Growth growth) {
            if (growth == null) {
                html.constant("<td class=\"num\">\u2014</td>");
                return;
            }
            long delta = growth.deltaBytes();
            html.constant("<td").attribute("class", "num change " + direction(delta)).attribute("data-value", delta)
                    .attribute("title", (delta > 0 ? "+" : "") + Numbers.grouped(delta) + " bytes").constant(">")
                    .text(Numbers.signedBytes(delta)).constant(" <span class=\"sub\">")
                    .text("(" + Numbers.changePercent(delta, growth.baselineBytes()) + ")").constant("</span></td>");
        }

        /**
         * The growth {@code maxGrowth} allows over the baseline's figure, {@code 10% (175.1 KiB)} or {@code 2 MiB}
         * as {@code memflame.md} writes it (the bytes of a percentage under it); a dash without {@code maxGrowth} or
         * without a baseline figure.
         */
        private void allowedGrowthCell(BudgetResult row) {
            Growth growth = row.growth();
            if (growth == null || growth.limit() == null) {
                html.constant("<td class=\"num\"").attribute("title", row.budget().maxGrowth() == null
                        ? "no maxGrowth" : "no baseline figure for this snapshot").constant(">\u2014</td>");
                return;
            }
            String status = growth.status() == BudgetStatus.OK ? "num" : "num growth-" + growth.status().summaryName();
            html.constant("<td").attribute("class", status).attribute("data-value", growth.allowedBytes())
                    .attribute("title", Numbers.grouped(growth.allowedBytes()) + " bytes allowed (configured as "
                            + growth.limit().text() + ")").constant(">").text(growth.limit().text());
            if (growth.limit().isPercent()) {
                html.constant(" <span class=\"sub\">").text("(" + Numbers.bytes(growth.allowedBytes()) + ")")
                        .constant("</span>");
            }
            UsageBar.write(html, growth.deltaBytes(), growth.allowedBytes(), "the growth allowed");
            html.constant("</td>");
        }

        private void topSites(List<Contributor> sites) {
            if (sites == null || sites.isEmpty()) {
                return;
            }
            html.constant("<ol>");
            for (Contributor site : sites) {
                html.constant("<li><code>").text(site.siteWithFunction()).constant("</code> <span class=\"sub\"")
                        .attribute("title", Numbers.grouped(site.bytes()) + " bytes").constant(">")
                        .text(Numbers.bytes(site.bytes())).constant("</span></li>");
            }
            html.constant("</ol>");
        }

        private void snapshotLink(String name) {
            SnapshotReport snapshot = name == null ? null : byName.get(name);
            if (snapshot == null) {
                html.text(name);
                return;
            }
            link(snapshot.svgFile(FlameTree.View.PATH), name, null);
        }

        private void link(String file, String text, String cssClass) {
            PageParts.link(html, PageParts.href(file), text, cssClass);
        }

        private void snapshots() {
            html.constant("<section>\n<h2>Snapshots</h2>\n");
            unreadable();
            if (report.snapshots().isEmpty()) {
                html.constant("<p class=\"empty\">No snapshot was read.</p>\n</section>\n");
                return;
            }
            html.constant("<table id=\"snapshots\" class=\"sortable\">\n<thead><tr>");
            PageParts.header(html, "Snapshot", false);
            PageParts.header(html, "Format", false);
            PageParts.header(html, "Traces", true);
            PageParts.header(html, "Total", true);
            PageParts.header(html, "Excluded", true);
            PageParts.header(html, "Since previous", true);
            html.constant("<th>Biggest top-level paths</th><th>Flame graphs</th></tr></thead>\n<tbody>\n");
            FoldedSnapshot previous = null;
            for (SnapshotReport snapshot : report.snapshots()) {
                FoldedSnapshot folded = snapshot.snapshot();
                html.constant("<tr><td class=\"path\">");
                link(snapshot.svgFile(FlameTree.View.PATH), folded.name(), null);
                html.constant("</td><td>").text(folded.format() == null ? "" : folded.format().summaryName())
                        .constant("</td>");
                PageParts.numberCell(html, folded.traces());
                PageParts.bytesCell(html, folded.totalBytes(), null);
                html.constant("<td class=\"num\"").attribute("data-value", folded.excludedBytes())
                        .attribute("title", Numbers.grouped(folded.excludedTraces()) + " traces, "
                                + Numbers.grouped(folded.excludedBytes()) + " bytes").constant(">");
                if (folded.excludedTraces() > 0) {
                    html.text(Numbers.bytes(folded.excludedBytes()));
                } else {
                    html.constant("\u2014");
                }
                html.constant("</td>");
                sincePrevious(previous, folded);
                previous = folded;
                html.constant("<td class=\"sites\">");
                topPaths(snapshot);
                html.constant("</td><td class=\"links\">");
                for (FlameTree.View view : FlameTree.View.values()) {
                    link(snapshot.svgFile(view), view.fileSuffix() + " graph", "graph");
                    html.constant(" ");
                }
                html.constant("<span class=\"sub\">folded: ");
                for (FlameTree.View view : FlameTree.View.values()) {
                    link(snapshot.foldedFile(view), view.fileSuffix(), null);
                    html.constant(" ");
                }
                html.constant("</span></td></tr>\n");
            }
            html.constant("</tbody>\n</table>\n</section>\n");
        }

        /**
         * The change of the total from the snapshot before in the run's order; a dash for the first. The sort
         * value of the first is 0, so that sorting by change keeps it among the unchanged.
         */
        private void sincePrevious(FoldedSnapshot previous, FoldedSnapshot snapshot) {
            if (previous == null) {
                html.constant("<td class=\"num\" data-value=\"0\" title=\"the first snapshot of the run\">\u2014</td>");
                return;
            }
            long change = snapshot.totalBytes() - previous.totalBytes();
            html.constant("<td class=\"num\"").attribute("data-value", change)
                    .attribute("title", Numbers.signedGrouped(change) + " bytes since " + previous.name())
                    .constant(">").text(Numbers.signedBytes(change)).constant("</td>");
        }

        private void unreadable() {
            if (report.unreadable().isEmpty()) {
                return;
            }
            html.constant("<table id=\"unreadable\">\n<thead><tr><th>Unreadable snapshot</th><th>Status</th>")
                    .constant("<th>Why</th></tr></thead>\n<tbody>\n");
            for (UnreadableSnapshot unreadable : report.unreadable()) {
                html.constant("<tr><td class=\"path\">").text(unreadable.name()).constant("</td>")
                        .constant("<td><span class=\"badge exceeded\">unreadable</span></td><td class=\"path\">")
                        .text(unreadable.error()).constant("</td></tr>\n");
            }
            html.constant("</tbody>\n</table>\n<p class=\"empty\">These dumps were left out because ")
                    .constant("failOnUnreadable is false: no total and no budget on this page includes them.</p>\n");
        }

        private void topPaths(SnapshotReport snapshot) {
            if (snapshot.pathView() == null) {
                return;
            }
            List<FlameNode> children = new ArrayList<>(snapshot.pathView().root().children());
            children.sort(Comparator.comparingLong(FlameNode::totalBytes).reversed()
                    .thenComparing(FlameNode::label));
            long total = snapshot.pathView().root().totalBytes();
            html.constant("<ol>");
            for (FlameNode child : children.subList(0, Math.min(TOP_PATHS, children.size()))) {
                html.constant("<li><code>").text(child.label()).constant("</code> <span class=\"sub\"")
                        .attribute("title", Numbers.grouped(child.totalBytes()) + " bytes").constant(">")
                        .text(Numbers.bytes(child.totalBytes()) + ", " + Numbers.percent(child.totalBytes(), total, 1))
                        .constant("</span></li>");
            }
            html.constant("</ol>");
        }

        private void largest() {
            List<LargestSites.Entry> sites = largestSites(report.snapshots(), LARGEST);
            html.constant("<section>\n<h2>").text("Largest " + LARGEST + " lines").constant("</h2>\n");
            if (sites.isEmpty()) {
                html.constant("<p class=\"empty\">No allocation was traced.</p>\n</section>\n");
                return;
            }
            html.constant("<p class=\"note\">The allocating lines holding the most memory, across all snapshots.")
                    .constant("</p>\n");
            if (report.functionNames() != null) {
                html.constant("<p class=\"note\" id=\"function-names\">").text(report.functionNames().describe())
                        .constant("</p>\n");
            }
            html.constant("<table id=\"largest\" class=\"sortable\">\n<thead><tr>");
            PageParts.header(html, "#", true);
            PageParts.header(html, "File and line", false);
            PageParts.header(html, "Snapshot", false);
            PageParts.header(html, "Bytes", true);
            PageParts.header(html, "Share", true);
            PageParts.header(html, "Traces", true);
            html.constant("</tr></thead>\n<tbody>\n");
            int rank = 0;
            for (LargestSites.Entry site : sites) {
                rank++;
                long total = byName.get(site.snapshot()).snapshot().totalBytes();
                html.constant("<tr><td class=\"num\"").attribute("data-value", rank).constant(">").number(rank)
                        .constant("</td><td class=\"path\"><code>").text(site.path()).constant("</code></td><td>");
                snapshotLink(site.snapshot());
                html.constant("</td>");
                PageParts.bytesCell(html, site.bytes(), null);
                String share = Numbers.percent(site.bytes(), total, 1);
                html.constant("<td class=\"num\"").attribute("data-value", share.replace("%", "").replace("n/a", "0"))
                        .constant(">").text(share).constant("</td>");
                PageParts.numberCell(html, site.traces());
                html.constant("</tr>\n");
            }
            html.constant("</tbody>\n</table>\n</section>\n");
        }

        private void sinceBaseline() {
            // The largest change first, growth or shrink; equal changes in report order (the sort is stable).
            List<SnapshotReport> compared = report.snapshots().stream().filter(s -> s.baseline() != null)
                    .sorted(Comparator.comparingLong((SnapshotReport s) -> Math.abs(totalChange(s))).reversed())
                    .toList();
            if (compared.isEmpty()) {
                return;
            }
            html.constant("<section id=\"since-baseline\">\n<h2>Since baseline</h2>\n")
                    .constant("<p class=\"note\">Each snapshot against the snapshot of the same name in the baseline, ")
                    .constant("the largest change of its total first. ")
                    .constant("In the differential graphs red frames grew, blue ones shrank.</p>\n");
            for (SnapshotReport snapshot : compared) {
                String name = snapshot.snapshot().name();
                long before = snapshot.baseline().totalBytes();
                long after = snapshot.snapshot().totalBytes();
                html.constant("<div class=\"baseline-snapshot\"").attribute("data-snapshot", name)
                        .constant(">\n<h3><code>").text(name).constant("</code></h3>\n<p class=\"baseline-total\"")
                        .attribute("data-before", before).attribute("data-after", after).constant(">Total: ")
                        .constant("<span").attribute("title", Numbers.grouped(before) + " bytes").constant(">")
                        .text(Numbers.bytes(before)).constant("</span> \u2192 <span")
                        .attribute("title", Numbers.grouped(after) + " bytes").constant(">").text(Numbers.bytes(after))
                        .constant("</span> <span").attribute("class", "change " + direction(after - before))
                        .constant(">").text(Numbers.signedBytes(after - before) + " ("
                                + Numbers.changePercent(after - before, before) + ")")
                        .constant("</span> \u00b7 differential graphs: ");
                for (FlameTree.View view : FlameTree.View.values()) {
                    link(snapshot.diffSvgFile(view), view.fileSuffix() + " diff", "graph diff");
                    html.constant(" ");
                }
                html.constant("</p>\n");
                List<SiteChange> changes = SiteChanges.of(snapshot.snapshot(), snapshot.baseline());
                changesTable("growing", "Top " + CHANGES + " growing lines", SiteChanges.growing(changes, CHANGES),
                        "No line grew.");
                changesTable("shrinking", "Top " + CHANGES + " shrinking lines",
                        SiteChanges.shrinking(changes, CHANGES), "No line shrank.");
                html.constant("</div>\n");
            }
            html.constant("</section>\n");
        }

        private void changesTable(String cssClass, String caption, List<SiteChange> changes, String none) {
            if (changes.isEmpty()) {
                html.constant("<p").attribute("class", "empty " + cssClass).constant(">").text(none)
                        .constant("</p>\n");
                return;
            }
            html.constant("<table").attribute("class", "sortable changes " + cssClass).constant(">\n<caption>")
                    .text(caption).constant("</caption>\n<thead><tr>");
            PageParts.header(html, "Line", false);
            PageParts.header(html, "Baseline", true);
            PageParts.header(html, "This run", true);
            PageParts.header(html, "Change", true);
            PageParts.header(html, "Change %", true);
            html.constant("</tr></thead>\n<tbody>\n");
            for (SiteChange change : changes) {
                long delta = change.deltaBytes();
                html.constant("<tr").attribute("data-site", change.site()).constant("><td class=\"path\"><code>")
                        .text(change.siteWithFunction()).constant("</code>").text(change.wasLineNote())
                        .constant("</td>");
                PageParts.bytesCell(html, change.beforeBytes(), null);
                PageParts.bytesCell(html, change.afterBytes(), null);
                html.constant("<td").attribute("class", "num change " + direction(delta))
                        .attribute("data-value", delta).attribute("title", Numbers.grouped(delta) + " bytes")
                        .constant(">").text(Numbers.signedBytes(delta)).constant("</td>");
                String percent = Numbers.changePercent(delta, change.beforeBytes());
                html.constant("<td class=\"num\"").attribute("data-value", change.beforeBytes() == 0
                                ? (delta > 0 ? "Infinity" : "0") : percent.replace("%", "").replace("+", ""))
                        .constant(">").text(percent).constant("</td></tr>\n");
            }
            html.constant("</tbody>\n</table>\n");
        }

        private static long totalChange(SnapshotReport snapshot) {
            return snapshot.snapshot().totalBytes() - snapshot.baseline().totalBytes();
        }

        private static String direction(long delta) {
            return delta > 0 ? "grew" : delta < 0 ? "shrank" : "same";
        }

    }
}
