package io.github.memflame.render;

import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.format.Numbers;
import io.github.memflame.history.HistoryEntry;
import io.github.memflame.history.HistoryWindow;
import io.github.memflame.history.WindowFigures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history drawn: for each budget figure (budget and snapshot) its value across the window with its limit
 * lines, and for each snapshot its total stacked by top-level directory, as inline SVG for the report's page; and
 * a Unicode sparkline per budget figure for {@code memflame.md}. Every point's {@code <title>} names the build and
 * its figures (a browser shows it on hover); a failed build's point is drawn hollow. A step, a build-to-build change
 * more than {@value #STEP_FACTOR} times the median absolute change of the builds before it and at least 1% of the
 * figure, is marked and labelled with its build.
 */
final class TrendCharts {
    /** How many times the median change a change must be to be a step. */
    static final int STEP_FACTOR = 3;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 170;
    private static final int LEFT = 78;
    private static final int RIGHT = 12;
    /** About half the width of a step's label ("step +5.2 MiB at 4f2a9c1e0b7d", 11 px type). */
    private static final int STEP_LABEL_HALF_WIDTH = 90;
    private static final int TOP = 18;
    private static final int BOTTOM = 22;
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295", "#8cd17d"};
    private static final String SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
    /**
     * How many budget figures are charted (and get a sparkline): the most urgent first, then in report order. A
     * hundred builds of 1,500 figures would be a page of tens of megabytes; all figures stay in the history.
     */
    static final int MAX_BUDGET_CHARTS = 20;
    /** How many snapshots get a stacked chart, in report order. */
    static final int MAX_SNAPSHOT_CHARTS = 10;

    private TrendCharts() {
    }

    /** A figure in one build of the window: the build's index and the bytes. */
    record Point(int build, long bytes) {
    }

    /** A budget figure across the window, with the limits its budgets draw as lines. */
    private record BudgetSeries(HistoryEntry.FigureKey key, String name, List<Point> points,
                                Map<String, Long> limits, int[] severity) {
    }

    /** The section of charts, when the window holds at least two builds; nothing otherwise. */
    static void section(CheckReport report, Markup html) {
        HistoryWindow window = report.history();
        if (window == null || window.recorded().size() < 2) {
            return;
        }
        List<HistoryEntry> builds = window.builds();
        html.constant("<section id=\"trends\">\n<h2>Trends</h2>\n<p class=\"sub\">").text(PageParts.count(builds.size(),
                "build")).constant(" of the history, from ").text(builds.get(0).build()).constant(" to ")
                .text(builds.get(builds.size() - 1).build()).constant(" (this build). Hover a point for its figures; ")
                .constant("a marked step is a change of more than " + STEP_FACTOR + " times the median change before ")
                .constant("it and at least 1% of the figure; hollow points are failed builds.</p>\n");
        List<BudgetSeries> all = budgetSeries(report);
        for (BudgetSeries series : charted(all, window)) {
            html.constant("<figure class=\"trend budget-trend\">\n<figcaption>").text(series.name())
                    .constant("</figcaption>\n");
            lineChart(series, builds, html);
            html.constant("</figure>\n");
        }
        List<HistoryEntry.SnapshotFigures> snapshots = window.current().snapshots();
        if (all.size() > MAX_BUDGET_CHARTS || snapshots.size() > MAX_SNAPSHOT_CHARTS) {
            html.constant("<p class=\"sub trend-more\">").text("Charted: the " + Math.min(all.size(),
                    MAX_BUDGET_CHARTS) + " most urgent of " + all.size() + " budget figures and the first "
                    + Math.min(snapshots.size(), MAX_SNAPSHOT_CHARTS) + " of " + snapshots.size()
                    + " snapshots; every figure is in history/.").constant("</p>\n");
        }
        for (HistoryEntry.SnapshotFigures snapshot : snapshots.subList(0, Math.min(MAX_SNAPSHOT_CHARTS,
                snapshots.size()))) {
            html.constant("<figure class=\"trend snapshot-trend\">\n<figcaption>").text(snapshot.name())
                    .constant(": total by top-level directory</figcaption>\n");
            stackedChart(snapshot.name(), builds, html);
            html.constant("</figure>\n");
        }
        html.constant("</section>\n");
    }

    /**
     * The sparklines for {@code memflame.md}: a table with a row per budget figure, its trend, first and last
     * figure and its largest build-to-build step; empty when the window holds fewer than two builds.
     */
    static String markdown(CheckReport report) {
        HistoryWindow window = report.history();
        if (window == null || window.recorded().size() < 2) {
            return "";
        }
        List<HistoryEntry> builds = window.builds();
        List<BudgetSeries> all = budgetSeries(report);
        if (all.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("### Trends over " + builds.size() + " builds\n\n"
                + "| Budget | Trend | First | Last | Largest step |\n|---|---|--:|--:|---|\n");
        for (BudgetSeries series : charted(all, window)) {
            List<Point> points = series.points();
            Point first = points.get(0);
            Point last = points.get(points.size() - 1);
            int largest = -1;
            long largestChange = 0;
            for (int i = 1; i < points.size(); i++) {
                long change = points.get(i).bytes() - points.get(i - 1).bytes();
                if (followsItsBuild(points, i) && Math.abs(change) > Math.abs(largestChange)) {
                    largest = i;
                    largestChange = change;
                }
            }
            md.append("| ").append(MarkdownSummary.escape(series.name())).append(" | ")
                    .append(sparkline(points, builds.size()))
                    .append(" | ").append(Numbers.bytes(first.bytes())).append(" | ")
                    .append(Numbers.bytes(last.bytes())).append(" | ")
                    .append(largest < 0 ? "\u2014" : Numbers.signedBytes(largestChange) + " at "
                            + MarkdownSummary.code(ShortBuildLabel.of(builds.get(points.get(largest).build()).build()),
                            true))
                    .append(" |\n");
        }
        if (all.size() > MAX_BUDGET_CHARTS) {
            md.append("\nThe ").append(MAX_BUDGET_CHARTS).append(" most urgent of ").append(all.size())
                    .append(" budget figures; every figure is in the report's history.\n");
        }
        return md.append('\n').toString();
    }

    /**
     * The series to chart, the most urgent {@value #MAX_BUDGET_CHARTS} in report order among equals, with their
     * points: each build's figure for the series, as the window looked them up.
     */
    private static List<BudgetSeries> charted(List<BudgetSeries> all, HistoryWindow window) {
        List<BudgetSeries> sorted = new ArrayList<>(all);
        sorted.sort(java.util.Comparator.comparingInt(series -> series.severity()[0]));
        List<BudgetSeries> charted = sorted.subList(0, Math.min(MAX_BUDGET_CHARTS, sorted.size()));
        for (BudgetSeries series : charted) {
            HistoryEntry.Figure[] byBuild = window.byBuild(series.key());
            for (int i = 0; i < byBuild.length; i++) {
                if (byBuild[i] != null) {
                    series.points().add(new Point(i, byBuild[i].bytes()));
                }
            }
        }
        return charted;
    }

    /**
     * One block character per build, from the lowest figure to the highest, and a space for a build without the
     * figure (a snapshot it did not dump), so that the line keeps the window's length and its gaps.
     */
    static String sparkline(List<Point> points, int builds) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Point point : points) {
            min = Math.min(min, point.bytes());
            max = Math.max(max, point.bytes());
        }
        char[] line = new char[builds];
        Arrays.fill(line, ' ');
        for (Point point : points) {
            int level = max == min ? 0 : (int) ((double) (point.bytes() - min) / (max - min) * (SPARKS.length() - 1)
                    + 0.5);
            line[point.build()] = SPARKS.charAt(level);
        }
        return new String(line);
    }

    /**
     * Whether point {@code i} is of the build right after the point before it: only then is their difference a
     * build-to-build change, which one build made.
     */
    private static boolean followsItsBuild(List<Point> points, int i) {
        return points.get(i).build() == points.get(i - 1).build() + 1;
    }

    /**
     * The indices of the points that are steps: a change from the point before more than {@value #STEP_FACTOR}
     * times the median absolute change of the points before it, and at least 1% of the figure before it. The first
     * change has nothing before it to compare with and is never a step. Only build-to-build changes count: across
     * a build without the figure, no one build made the change.
     */
    static List<Integer> steps(List<Point> points) {
        List<Integer> steps = new ArrayList<>();
        List<Long> sortedChanges = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            if (!followsItsBuild(points, i)) {
                continue;
            }
            long before = points.get(i - 1).bytes();
            long change = Math.abs(points.get(i).bytes() - before);
            if (!sortedChanges.isEmpty() && change > STEP_FACTOR * median(sortedChanges)
                    && (double) change * 100 >= before) {
                steps.add(i);
            }
            int at = java.util.Collections.binarySearch(sortedChanges, change);
            sortedChanges.add(at < 0 ? -at - 1 : at, change);
        }
        return steps;
    }

    private static double median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + (double) sorted.get(n / 2)) / 2;
    }

    /**
     * A series per budget figure this build measured, in the report's order, with the limits of its budgets; its
     * points are added when it is charted.
     */
    private static List<BudgetSeries> budgetSeries(CheckReport report) {
        Map<HistoryEntry.FigureKey, BudgetSeries> series = new LinkedHashMap<>();
        for (BudgetResult result : report.budgets()) {
            if (result.snapshot() == null || result.status() == BudgetStatus.UNMATCHED) {
                continue;
            }
            HistoryEntry.FigureKey key = WindowFigures.key(result);
            BudgetSeries entry = series.computeIfAbsent(key, k -> new BudgetSeries(k,
                    BudgetMessages.displayPath(result.budget()) + " (" + k.scope() + ") in " + k.snapshot(),
                    new ArrayList<>(), new LinkedHashMap<>(), new int[] {BudgetStatus.OK.severity()}));
            entry.severity()[0] = Math.min(entry.severity()[0], result.status().severity());
            if (result.budget().hasMax()) {
                entry.limits().put("limit " + result.budget().maxText(), result.budget().maxBytes());
            }
            if (result.drift() != null) {
                entry.limits().put("drift limit " + result.drift().limit().text() + " over "
                        + result.drift().referenceBuild(), result.drift().referenceBytes()
                        + result.drift().allowedBytes());
            }
        }
        return List.copyOf(series.values());
    }

    /** A point's x: on a line chart the first build is at the axis; bars sit in the middle of their slot. */
    private static double x(int build, int builds, boolean bars) {
        if (bars) {
            return LEFT + (build + 0.5) * (WIDTH - LEFT - RIGHT) / builds;
        }
        return LEFT + (builds == 1 ? 0 : (double) build * (WIDTH - LEFT - RIGHT) / (builds - 1));
    }

    private static double y(long bytes, long top) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (top == 0 ? 0 : (double) bytes / top));
    }

    private static void svgStart(Markup html, String cssClass, int points, long top) {
        html.constant("<svg").attribute("class", cssClass).attribute("width", WIDTH).attribute("height", HEIGHT)
                .attribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT).attribute("data-points", points)
                .constant(" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (long tick : new long[] {0, top / 2, top}) {
            double y = y(tick, top);
            html.constant("<line class=\"grid\"").coordinate("x1", LEFT, 1).coordinate("y1", y, 1)
                    .coordinate("x2", WIDTH - RIGHT, 1).coordinate("y2", y, 1)
                    .constant(" stroke=\"#ddd\" stroke-width=\"1\"/><text").coordinate("x", LEFT - 6, 1)
                    .coordinate("y", y + 4, 1).constant(" text-anchor=\"end\" font-size=\"11\">")
                    .text(Numbers.bytes(tick)).constant("</text>\n");
        }
    }

    private static void lineChart(BudgetSeries series, List<HistoryEntry> builds, Markup html) {
        List<Point> points = series.points();
        long top = 1;
        for (Point point : points) {
            top = Math.max(top, point.bytes());
        }
        for (long limit : series.limits().values()) {
            top = Math.max(top, limit);
        }
        top = top + top / 20;
        svgStart(html, "trend-chart", points.size(), top);
        for (Map.Entry<String, Long> limit : series.limits().entrySet()) {
            double y = y(limit.getValue(), top);
            html.constant("<line class=\"limit\"").attribute("data-bytes", limit.getValue())
                    .coordinate("x1", LEFT, 1).coordinate("y1", y, 1).coordinate("x2", WIDTH - RIGHT, 1)
                    .coordinate("y2", y, 1).constant(" stroke=\"#c0392b\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\">")
                    .constant("<title>").text(limit.getKey() + ": " + Numbers.bytes(limit.getValue()) + " ("
                            + Numbers.grouped(limit.getValue()) + " bytes)").constant("</title></line><text")
                    .coordinate("x", LEFT + 4, 1).coordinate("y", y - 3, 1)
                    .constant(" font-size=\"10\" fill=\"#c0392b\">").text(limit.getKey()).constant("</text>\n");
        }
        StringBuilder path = new StringBuilder();
        for (Point point : points) {
            path.append(path.length() == 0 ? "M" : " L");
            appendXY(path, x(point.build(), builds.size(), false), y(point.bytes(), top));
        }
        html.constant("<path class=\"line\"").attribute("d", path.toString())
                .constant(" fill=\"none\" stroke=\"#4e79a7\" stroke-width=\"2\"/>\n");
        stepMarks(points, builds, top, false, html);
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            HistoryEntry build = builds.get(point.build());
            String change = i == 0 ? "" : ", " + Numbers.signedBytes(point.bytes() - points.get(i - 1).bytes())
                    + " since " + builds.get(points.get(i - 1).build()).build();
            html.constant("<circle class=\"point\"").attribute("data-build", build.build())
                    .attribute("data-bytes", point.bytes()).coordinate("cx", x(point.build(), builds.size(), false), 1)
                    .coordinate("cy", y(point.bytes(), top), 1).constant(" r=\"3.5\"")
                    .constant(build.passed() ? " fill=\"#4e79a7\"" : " fill=\"#fff\" stroke=\"#c0392b\"")
                    .constant("><title>").text(build.build() + (build.passed() ? "" : " (failed)") + ": "
                            + Numbers.bytes(point.bytes()) + " (" + Numbers.grouped(point.bytes()) + " bytes)" + change)
                    .constant("</title></circle>\n");
        }
        html.constant("</svg>\n");
    }

    private static void stackedChart(String snapshot, List<HistoryEntry> builds, Markup html) {
        List<Map<String, Long>> directories = new ArrayList<>();
        List<Point> totals = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        long top = 1;
        for (int i = 0; i < builds.size(); i++) {
            for (HistoryEntry.SnapshotFigures figures : builds.get(i).snapshots()) {
                if (figures.name().equals(snapshot)) {
                    directories.add(figures.directories());
                    totals.add(new Point(i, figures.totalBytes()));
                    top = Math.max(top, figures.totalBytes());
                    break;
                }
            }
        }
        // This build's largest directories first, so that the colors follow what is biggest now.
        directories.get(directories.size() - 1).keySet().forEach(names::add);
        directories.forEach(map -> names.addAll(map.keySet()));
        Map<String, String> colors = new HashMap<>();
        int next = 0;
        for (String name : names) {
            colors.put(name, COLORS[next++ % COLORS.length]);
        }
        top = top + top / 20;
        svgStart(html, "trend-chart stacked", totals.size(), top);
        double slot = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, builds.size());
        double barWidth = Math.max(1, slot * 0.7);
        // A directory's segments of every bar are one path (a failed build's in a paler one), and each bar one
        // transparent target with the title: a rect per bar and directory made 13,000 elements and a megabyte of
        // the page for a hundred builds of 13 directories in 10 charts.
        Map<String, StringBuilder> passedSegments = new LinkedHashMap<>();
        Map<String, StringBuilder> failedSegments = new LinkedHashMap<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < totals.size(); i++) {
            Point total = totals.get(i);
            HistoryEntry build = builds.get(total.build());
            StringBuilder title = new StringBuilder(build.build()).append(build.passed() ? "" : " (failed)")
                    .append(": total ").append(Numbers.bytes(total.bytes())).append(" (")
                    .append(Numbers.grouped(total.bytes())).append(" bytes)");
            double left = x(total.build(), builds.size(), true) - barWidth / 2;
            long below = 0;
            for (Map.Entry<String, Long> directory : directories.get(i).entrySet()) {
                long bytes = directory.getValue();
                double yTop = y(below + bytes, top);
                StringBuilder segments = (build.passed() ? passedSegments : failedSegments)
                        .computeIfAbsent(directory.getKey(), name -> new StringBuilder());
                segments.append('M');
                appendXY(segments, left, yTop);
                segments.append('h').append(rounded(barWidth)).append('v').append(rounded(y(below, top) - yTop))
                        .append('h').append(rounded(-barWidth)).append('z');
                below += bytes;
                title.append("; ").append(directory.getKey()).append(' ').append(Numbers.bytes(bytes));
            }
            titles.add(title.toString());
        }
        segmentPaths(passedSegments, colors, "", html);
        segmentPaths(failedSegments, colors, " fill-opacity=\"0.45\"", html);
        for (int i = 0; i < totals.size(); i++) {
            Point total = totals.get(i);
            HistoryEntry build = builds.get(total.build());
            long stacked = directories.get(i).values().stream().mapToLong(Long::longValue).sum();
            double yTop = y(stacked, top);
            html.constant("<g class=\"point\"").attribute("data-build", build.build())
                    .attribute("data-bytes", total.bytes()).constant("><rect")
                    .coordinate("x", x(total.build(), builds.size(), true) - barWidth / 2, 1)
                    .coordinate("y", yTop, 1).coordinate("width", barWidth, 1)
                    .coordinate("height", y(0, top) - yTop, 1).constant(" fill=\"#000\" fill-opacity=\"0\"><title>")
                    .text(titles.get(i)).constant("</title></rect></g>\n");
        }
        stepMarks(totals, builds, top, true, html);
        html.constant("</svg>\n<p class=\"legend\">");
        for (String name : names) {
            html.constant("<span class=\"swatch\"").attribute("style", "display:inline-block;width:10px;height:10px;background:"
                    + colors.get(name))
                    .constant("></span> ").text(name).constant(" ");
        }
        html.constant("</p>\n");
    }

    private static void stepMarks(List<Point> points, List<HistoryEntry> builds, long top, boolean bars,
                                  Markup html) {
        for (int index : steps(points)) {
            Point point = points.get(index);
            String build = builds.get(point.build()).build();
            double x = x(point.build(), builds.size(), bars);
            long change = point.bytes() - points.get(index - 1).bytes();
            html.constant("<g class=\"step\"").attribute("data-build", build).constant("><line")
                    .coordinate("x1", x, 1).coordinate("y1", TOP - 6, 1).coordinate("x2", x, 1)
                    .coordinate("y2", HEIGHT - BOTTOM, 1)
                    .constant(" stroke=\"#e15759\" stroke-width=\"1\" stroke-dasharray=\"2 2\"/><text")
                    // A label centred on a step near the right edge would run out of the chart: it ends there.
                    .coordinate("x", x, 1).coordinate("y", TOP - 8, 1)
                    .constant(x > WIDTH - STEP_LABEL_HALF_WIDTH ? " text-anchor=\"end\"" : " text-anchor=\"middle\"")
                    .constant(" font-size=\"11\" fill=\"#c0392b\">").text("step " + Numbers.signedBytes(change)
                            + " at " + ShortBuildLabel.of(build)).constant("</text></g>\n");
        }
    }

    /** Each directory's segments as one path of its color. */
    private static void segmentPaths(Map<String, StringBuilder> segments, Map<String, String> colors, String style,
                                     Markup html) {
        for (Map.Entry<String, StringBuilder> directory : segments.entrySet()) {
            html.constant("<path class=\"layer\"").attribute("data-directory", directory.getKey())
                    .attribute("fill", colors.get(directory.getKey())).constant(style)
                    .attribute("d", directory.getValue().toString()).constant("/>\n");
        }
    }

    /** A length to a tenth, as a path writes it. */
    private static double rounded(double length) {
        return Math.round(length * 10) / 10.0;
    }

    private static void appendXY(StringBuilder path, double x, double y) {
        path.append(Math.round(x * 10) / 10.0).append(',').append(Math.round(y * 10) / 10.0);
    }
}
