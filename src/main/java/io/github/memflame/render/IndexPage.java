package io.github.memflame.render;

import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.ByteSize;
import io.github.memflame.budget.Contributor;
import io.github.memflame.fold.FlameNode;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The report's {@code index.html}: the page an engineer opens first. One self-contained file (inline style and a
 * small inline script, no font, script or style from elsewhere) that answers "did we pass, and what is biggest":
 *
 * <ul>
 *   <li>a PASSED / FAILED banner ({@code id="result"}) with the count of exceeded, warning and unmatched budgets;</li>
 *   <li>the budgets table ({@code id="budgets"}): path, scope, snapshot, actual, limit, headroom, status and the
 *       top sites, exceeded rows first;</li>
 *   <li>the snapshots table ({@code id="snapshots"}): name, format, traces, excluded, total, biggest top-level
 *       paths and links to both flame graphs and folded stacks;</li>
 *   <li>the largest {@value #LARGEST} files/lines across all snapshots ({@code id="largest"}), from the path views.</li>
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

    private IndexPage() {
    }

    /** Writes the page to {@code out}, which must encode UTF-8; {@code out} is flushed, not closed. */
    public static void write(CheckReport report, Writer out) throws IOException {
        Objects.requireNonNull(report, "report");
        StringBuilder html = new StringBuilder(16_384);
        new Page(report, html).build();
        out.write(html.toString());
        out.flush();
    }

    /** A line-level leaf of a path view: what holds memory, where. */
    record Site(String path, String snapshot, SnapshotReport report, long bytes, long traces) {
    }

    /**
     * The largest line-level leaves of the path views of all snapshots, largest first (ties by path, then
     * snapshot), at most {@code limit}. The trees are walked without recursion.
     */
    static List<Site> largestSites(List<SnapshotReport> snapshots, int limit) {
        Comparator<Site> order = Comparator.comparingLong(Site::bytes).reversed()
                .thenComparing(Site::path).thenComparing(Site::snapshot);
        PriorityQueue<Site> smallestFirst = new PriorityQueue<>(order.reversed());
        for (SnapshotReport snapshot : snapshots) {
            FlameTree tree = snapshot.pathView();
            if (tree == null) {
                continue;
            }
            Deque<FlameNode> nodes = new ArrayDeque<>();
            Deque<String> names = new ArrayDeque<>();
            for (FlameNode child : tree.root().children()) {
                nodes.push(child);
                names.push(child.label());
            }
            while (!nodes.isEmpty()) {
                FlameNode node = nodes.pop();
                String name = names.pop();
                if (node.children().isEmpty()) {
                    Site site = new Site(name, snapshot.snapshot().name(), snapshot, node.totalBytes(), node.traces());
                    smallestFirst.add(site);
                    if (smallestFirst.size() > limit) {
                        smallestFirst.poll();
                    }
                    continue;
                }
                for (FlameNode child : node.children()) {
                    nodes.push(child);
                    boolean line = child.children().isEmpty() && isNumber(child.label());
                    names.push(line ? io.github.memflame.fold.Site.withFunction(name + ":" + child.label(),
                            child.function()) : name + "/" + child.label());
                }
            }
        }
        List<Site> sites = new ArrayList<>(smallestFirst);
        sites.sort(order);
        return sites;
    }

    private static boolean isNumber(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A relative link to a report file: each {@code /}-separated segment percent-encoded as UTF-8. */
    static String href(String relativePath) {
        StringBuilder out = new StringBuilder(relativePath.length() + 16);
        for (byte b : Markup.sanitize(relativePath).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$()*,;=@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        // ':' is encoded too, so a name never reads as a URL scheme such as javascript:.
        return out.toString();
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
        private final StringBuilder html;
        private final Map<String, SnapshotReport> byName = new HashMap<>();

        Page(CheckReport report, StringBuilder html) {
            this.report = report;
            this.html = html;
            for (SnapshotReport snapshot : report.snapshots()) {
                byName.putIfAbsent(snapshot.snapshot().name(), snapshot);
            }
        }

        private Page text(String text) {
            Markup.escape(text == null ? "" : text, html);
            return this;
        }

        private Page raw(String markup) {
            html.append(markup);
            return this;
        }

        void build() {
            String result = report.passed() ? "PASSED" : "FAILED";
            raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                    .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                    .raw("<title>memflame: ").raw(result).raw("</title>\n<style>").raw(STYLE).raw("</style>\n")
                    .raw("</head>\n<body>\n");
            banner(result);
            budgets();
            snapshots();
            largest();
            raw("</main>\n<footer>Generated by memflame. Flame graphs: click a frame to zoom, Ctrl-F to search. ")
                    .raw("Machine-readable summary: <a href=\"memflame.json\">memflame.json</a>.</footer>\n")
                    .raw("<script>//<![CDATA[").raw(SCRIPT).raw("//]]></script>\n</body>\n</html>\n");
        }

        private void banner(String result) {
            Map<BudgetStatus, Integer> counts = new HashMap<>();
            for (BudgetResult budget : report.budgets()) {
                counts.merge(budget.status(), 1, Integer::sum);
            }
            long totalBytes = 0;
            for (SnapshotReport snapshot : report.snapshots()) {
                totalBytes += snapshot.snapshot().totalBytes();
            }
            raw("<header id=\"result\" class=\"banner ").raw(report.passed() ? "passed" : "failed")
                    .raw("\" data-result=\"").raw(report.passed() ? "passed" : "failed").raw("\">\n")
                    .raw("<div class=\"verdict\">").raw(result).raw("</div>\n<div class=\"facts\">");
            int budgets = report.budgets().size();
            raw(Integer.toString(budgets)).raw(budgets == 1 ? " budget check" : " budget checks");
            fact(counts, BudgetStatus.EXCEEDED, "exceeded");
            fact(counts, BudgetStatus.WARNING, budgetsWord(counts.get(BudgetStatus.WARNING), "warning"));
            fact(counts, BudgetStatus.UNMATCHED, "unmatched");
            raw(" \u00b7 ").raw(Integer.toString(report.snapshots().size()))
                    .raw(report.snapshots().size() == 1 ? " snapshot" : " snapshots");
            if (!report.unreadable().isEmpty()) {
                raw(" \u00b7 <span class=\"badge exceeded\">").raw(Integer.toString(report.unreadable().size()))
                        .raw(" unreadable, left out of every total</span>");
            }
            if (!report.snapshots().isEmpty()) {
                raw(", ").text(ByteSize.format(totalBytes)).raw(" traced");
            }
            raw("</div>\n</header>\n<main>\n");
        }

        private static String budgetsWord(Integer count, String word) {
            return count != null && count == 1 ? word : word + "s";
        }

        private void fact(Map<BudgetStatus, Integer> counts, BudgetStatus status, String word) {
            Integer count = counts.get(status);
            if (count != null && count > 0) {
                raw(" \u00b7 <span class=\"badge ").raw(status.summaryName()).raw("\">").raw(count.toString())
                        .raw(" ").raw(word).raw("</span>");
            }
        }

        private void budgets() {
            raw("<section>\n<h2>Budgets</h2>\n");
            if (report.budgets().isEmpty()) {
                raw("<p class=\"empty\">No budgets are configured: add <code>&lt;budgets&gt;</code> to the plugin ")
                        .raw("configuration to fail the build when a path holds too much memory.</p>\n</section>\n");
                return;
            }
            List<BudgetResult> rows = new ArrayList<>(report.budgets());
            rows.sort(Comparator.comparingInt((BudgetResult r) -> severity(r.status()))
                    .thenComparing(r -> headroomPercent(r.budget().maxBytes(), r.actualBytes())));
            raw("<table id=\"budgets\" class=\"sortable\">\n<thead><tr>")
                    .raw(header("Path", false)).raw(header("Scope", false)).raw(header("Snapshot", false))
                    .raw(header("Actual", true)).raw(header("Limit", true)).raw(header("Headroom", true))
                    .raw(header("Status", true)).raw("<th>Top sites</th></tr></thead>\n<tbody>\n");
            for (BudgetResult row : rows) {
                long limit = row.budget().maxBytes();
                String status = row.status().summaryName();
                String path = row.budget().path();
                boolean whole = path == null || path.isEmpty() || path.equals("/");
                raw("<tr class=\"budget ").raw(status).raw("\" data-status=\"").raw(status).raw("\">");
                raw("<td class=\"path\">");
                if (whole) {
                    raw("<em>whole snapshot</em>");
                } else {
                    raw("<code>").text(path).raw("</code>");
                }
                raw("</td><td>").text(row.budget().scope() == null ? "" : row.budget().scope().configName())
                        .raw("</td><td>");
                snapshotLink(row.snapshot());
                raw("</td>");
                bytesCell(row.actualBytes(), null);
                bytesCell(limit, row.budget().maxText());
                BigDecimal headroom = headroomPercent(limit, row.actualBytes());
                raw("<td class=\"num\" data-value=\"").raw(headroom.toPlainString()).raw("\" title=\"")
                        .text(Markup.grouped(limit - row.actualBytes()) + " bytes").raw("\">");
                if (row.status() == BudgetStatus.UNMATCHED) {
                    raw("\u2014");
                } else {
                    raw(headroom.toPlainString()).raw("% <span class=\"sub\">(").text(ByteSize.format(
                            limit - row.actualBytes())).raw(")</span>");
                }
                raw("</td><td data-value=\"").raw(Integer.toString(3 - severity(row.status())))
                        .raw("\"><span class=\"badge ").raw(status).raw("\"");
                if (row.status() == BudgetStatus.UNMATCHED) {
                    raw(" title=\"The path matched no allocation: check it and stripPrefixes\"");
                }
                raw(">").raw(status.toUpperCase(java.util.Locale.ROOT)).raw("</span></td><td class=\"sites\">");
                topSites(row.topSites());
                raw("</td></tr>\n");
            }
            raw("</tbody>\n</table>\n</section>\n");
        }

        private void topSites(List<Contributor> sites) {
            if (sites == null || sites.isEmpty()) {
                return;
            }
            raw("<ol>");
            for (Contributor site : sites) {
                raw("<li><code>").text(site.site()).raw("</code> <span class=\"sub\" title=\"")
                        .text(Markup.grouped(site.bytes()) + " bytes").raw("\">").text(ByteSize.format(site.bytes()))
                        .raw("</span></li>");
            }
            raw("</ol>");
        }

        private static int severity(BudgetStatus status) {
            return switch (status) {
                case EXCEEDED -> 0;
                case WARNING -> 1;
                case UNMATCHED -> 2;
                case OK -> 3;
            };
        }

        private void bytesCell(long bytes, String configured) {
            raw("<td class=\"num\" data-value=\"").raw(Long.toString(bytes)).raw("\" title=\"")
                    .text(Markup.grouped(bytes) + " bytes" + (configured == null || configured.isBlank() ? ""
                            : " (configured as " + configured + ")"))
                    .raw("\">").text(ByteSize.format(bytes)).raw("</td>");
        }

        private void snapshotLink(String name) {
            SnapshotReport snapshot = name == null ? null : byName.get(name);
            if (snapshot == null) {
                text(name);
                return;
            }
            raw("<a href=\"").text(href(snapshot.svgFile(FlameTree.View.PATH))).raw("\">").text(name).raw("</a>");
        }

        private void snapshots() {
            raw("<section>\n<h2>Snapshots</h2>\n");
            unreadable();
            if (report.snapshots().isEmpty()) {
                raw("<p class=\"empty\">No snapshot was read.</p>\n</section>\n");
                return;
            }
            raw("<table id=\"snapshots\" class=\"sortable\">\n<thead><tr>").raw(header("Snapshot", false))
                    .raw(header("Format", false)).raw(header("Traces", true)).raw(header("Total", true))
                    .raw(header("Excluded", true)).raw("<th>Biggest top-level paths</th><th>Flame graphs</th>")
                    .raw("</tr></thead>\n<tbody>\n");
            for (SnapshotReport snapshot : report.snapshots()) {
                FoldedSnapshot folded = snapshot.snapshot();
                raw("<tr><td class=\"path\"><a href=\"").text(href(snapshot.svgFile(FlameTree.View.PATH)))
                        .raw("\">").text(folded.name()).raw("</a></td><td>")
                        .text(folded.format() == null ? "" : folded.format().summaryName()).raw("</td>")
                        .raw("<td class=\"num\" data-value=\"").raw(Long.toString(folded.traces())).raw("\">")
                        .raw(Markup.grouped(folded.traces())).raw("</td>");
                bytesCell(folded.totalBytes(), null);
                raw("<td class=\"num\" data-value=\"").raw(Long.toString(folded.excludedBytes())).raw("\" title=\"")
                        .raw(Markup.grouped(folded.excludedTraces())).raw(" traces, ")
                        .raw(Markup.grouped(folded.excludedBytes())).raw(" bytes\">");
                if (folded.excludedTraces() > 0) {
                    text(ByteSize.format(folded.excludedBytes()));
                } else {
                    raw("\u2014");
                }
                raw("</td><td class=\"sites\">");
                topPaths(snapshot);
                raw("</td><td class=\"links\">");
                for (FlameTree.View view : FlameTree.View.values()) {
                    raw("<a class=\"graph\" href=\"").text(href(snapshot.svgFile(view))).raw("\">")
                            .raw(view.fileSuffix()).raw(" graph</a> ");
                }
                raw("<span class=\"sub\">folded: ");
                for (FlameTree.View view : FlameTree.View.values()) {
                    raw("<a href=\"").text(href(snapshot.foldedFile(view))).raw("\">").raw(view.fileSuffix())
                            .raw("</a> ");
                }
                raw("</span></td></tr>\n");
            }
            raw("</tbody>\n</table>\n</section>\n");
        }

        private void unreadable() {
            if (report.unreadable().isEmpty()) {
                return;
            }
            raw("<table id=\"unreadable\">\n<thead><tr><th>Unreadable snapshot</th><th>Status</th><th>Why</th>")
                    .raw("</tr></thead>\n<tbody>\n");
            for (UnreadableSnapshot unreadable : report.unreadable()) {
                raw("<tr><td class=\"path\">").text(unreadable.name()).raw("</td>")
                        .raw("<td><span class=\"badge exceeded\">unreadable</span></td><td class=\"path\">")
                        .text(unreadable.error()).raw("</td></tr>\n");
            }
            raw("</tbody>\n</table>\n<p class=\"empty\">These dumps were left out because failOnUnreadable is ")
                    .raw("false: no total and no budget on this page includes them.</p>\n");
        }

        private void topPaths(SnapshotReport snapshot) {
            if (snapshot.pathView() == null) {
                return;
            }
            List<FlameNode> children = new ArrayList<>(snapshot.pathView().root().children());
            children.sort(Comparator.comparingLong(FlameNode::totalBytes).reversed()
                    .thenComparing(FlameNode::label));
            long total = snapshot.pathView().root().totalBytes();
            raw("<ol>");
            for (FlameNode child : children.subList(0, Math.min(TOP_PATHS, children.size()))) {
                raw("<li><code>").text(child.label()).raw("</code> <span class=\"sub\" title=\"")
                        .raw(Markup.grouped(child.totalBytes())).raw(" bytes\">").text(ByteSize.format(
                                child.totalBytes())).raw(", ").raw(Markup.percent(child.totalBytes(), total, 1))
                        .raw("</span></li>");
            }
            raw("</ol>");
        }

        private void largest() {
            List<Site> sites = largestSites(report.snapshots(), LARGEST);
            raw("<section>\n<h2>Largest ").raw(Integer.toString(LARGEST)).raw(" lines</h2>\n");
            if (sites.isEmpty()) {
                raw("<p class=\"empty\">No allocation was traced.</p>\n</section>\n");
                return;
            }
            raw("<p class=\"note\">The allocating lines holding the most memory, across all snapshots.</p>\n");
            if (report.functionNames() != null) {
                raw("<p class=\"note\" id=\"function-names\">").text(report.functionNames().describe()).raw("</p>\n");
            }
            raw("")
                    .raw("<table id=\"largest\" class=\"sortable\">\n<thead><tr>").raw(header("#", true))
                    .raw(header("File and line", false)).raw(header("Snapshot", false)).raw(header("Bytes", true))
                    .raw(header("Share", true)).raw(header("Traces", true)).raw("</tr></thead>\n<tbody>\n");
            int rank = 0;
            for (Site site : sites) {
                rank++;
                long total = site.report().snapshot().totalBytes();
                raw("<tr><td class=\"num\" data-value=\"").raw(Integer.toString(rank)).raw("\">")
                        .raw(Integer.toString(rank)).raw("</td><td class=\"path\"><code>").text(site.path())
                        .raw("</code></td><td>");
                snapshotLink(site.snapshot());
                raw("</td>");
                bytesCell(site.bytes(), null);
                String share = Markup.percent(site.bytes(), total, 1);
                raw("<td class=\"num\" data-value=\"").raw(share.replace("%", "").replace("n/a", "0")).raw("\">")
                        .raw(share).raw("</td><td class=\"num\" data-value=\"").raw(Long.toString(site.traces()))
                        .raw("\">").raw(Markup.grouped(site.traces())).raw("</td></tr>\n");
            }
            raw("</tbody>\n</table>\n</section>\n");
        }

        private static String header(String text, boolean numeric) {
            return "<th tabindex=\"0\" data-type=\"" + (numeric ? "number" : "text") + "\">" + text + "</th>";
        }
    }

    private static final String STYLE = """

            :root{color-scheme:light;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--muted:#59636e;--line:#d0d7de}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#fff}
            main,footer{max-width:1400px;margin:0 auto;padding:0 24px}
            .banner{padding:18px 24px;color:#fff;display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 24px}
            .banner.passed{background:var(--ok)}
            .banner.failed{background:var(--bad)}
            .verdict{font-size:40px;font-weight:800;letter-spacing:.04em}
            .facts{font-size:17px}
            .banner .badge{background:rgba(255,255,255,.92)}
            h2{margin:28px 0 8px;font-size:20px}
            table{border-collapse:collapse;width:100%;margin:8px 0 16px}
            th,td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
            th{background:#f6f8fa;cursor:pointer;user-select:none;white-space:nowrap;position:sticky;top:0}
            th[data-type=number],td.num{text-align:right}
            th[aria-sort=ascending]::after{content:" \\25B2"}
            th[aria-sort=descending]::after{content:" \\25BC"}
            td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
            td.path{overflow-wrap:anywhere;max-width:520px}
            code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
            tr.exceeded{background:#ffebe9}
            tr.warning{background:#fff8c5}
            tr.unmatched{background:#f6f8fa}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:700;letter-spacing:.03em}
            .badge.ok{color:var(--ok);border:1px solid var(--ok)}
            .badge.warning{color:var(--warn);border:1px solid var(--warn)}
            .badge.exceeded{color:#fff;background:var(--bad)}
            .banner .badge.exceeded{color:var(--bad);background:#fff}
            .badge.unmatched{color:var(--muted);border:1px solid var(--muted)}
            .sub,.note,.empty,footer{color:var(--muted)}
            .sub{font-size:13px}
            ol{margin:0;padding-left:20px}
            a{color:#0969da}
            a.graph{font-weight:600;margin-right:6px}
            footer{padding-top:12px;padding-bottom:32px;font-size:13px}
            @media print{
              body{font-size:11px}
              .banner,tr.exceeded,tr.warning,.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}
              th{position:static}
              th::after{content:""!important}
              tr{break-inside:avoid}
              a{color:inherit;text-decoration:none}
              main,footer{max-width:none;padding:0}
            }
            """;

    /** Sorts a table by the clicked header: numbers by {@code data-value}, text by its content. */
    private static final String SCRIPT = """

            (function () {
              'use strict';
              function key(cell, numeric) {
                if (!cell) {
                  return numeric ? -Infinity : '';
                }
                if (numeric) {
                  var value = parseFloat(cell.getAttribute('data-value'));
                  return isNaN(value) ? -Infinity : value;
                }
                return (cell.getAttribute('data-value') || cell.textContent || '').trim().toLowerCase();
              }
              function sortBy(th) {
                var table = th.closest('table');
                var body = table && table.tBodies[0];
                if (!body) {
                  return;
                }
                var index = Array.prototype.indexOf.call(th.parentNode.children, th);
                var numeric = th.getAttribute('data-type') === 'number';
                var descending = th.getAttribute('aria-sort') === 'ascending' ||
                    (numeric && th.getAttribute('aria-sort') !== 'descending');
                if (th.getAttribute('aria-sort') === 'descending') {
                  descending = false;
                }
                var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
                  return {row: row, key: key(row.cells[index], numeric), position: position};
                });
                rows.sort(function (a, b) {
                  var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
                  return (descending ? -order : order) || a.position - b.position;
                });
                rows.forEach(function (entry) {
                  body.appendChild(entry.row);
                });
                Array.prototype.forEach.call(th.parentNode.children, function (other) {
                  other.removeAttribute('aria-sort');
                });
                th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
              }
              Array.prototype.forEach.call(document.querySelectorAll('table.sortable th[data-type]'), function (th) {
                th.addEventListener('click', function () {
                  sortBy(th);
                });
                th.addEventListener('keydown', function (event) {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    sortBy(th);
                  }
                });
              });
            })();
            """;
}
