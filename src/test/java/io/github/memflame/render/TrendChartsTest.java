package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.run.RunResults;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.history.HistoryEntry;
import io.github.memflame.history.HistoryReader;
import io.github.memflame.history.HistoryWindow;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The step rule and the sparkline, exactly. */
class TrendChartsTest {
    private static List<TrendCharts.Point> points(long... bytes) {
        List<TrendCharts.Point> points = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            points.add(new TrendCharts.Point(i, bytes[i]));
        }
        return points;
    }

    @Test
    void aStepIsMoreThanThreeTimesTheMedianChangeBeforeIt() {
        assertEquals(List.of(4), TrendCharts.steps(points(100, 110, 120, 130, 175, 185)));
        // Exactly three times the median is no step.
        assertEquals(List.of(), TrendCharts.steps(points(100, 110, 120, 130, 160)));
        // The median of an even count is the mean of the middle two: (10 + 20) / 2 * 3 = 45.
        assertEquals(List.of(), TrendCharts.steps(points(100, 110, 130, 175)));
        assertEquals(List.of(3), TrendCharts.steps(points(100, 110, 130, 176)));
        // A shrink counts as a change too.
        assertEquals(List.of(3), TrendCharts.steps(points(100, 110, 120, 60)));
    }

    @Test
    void aStepIsAtLeastOnePercentOfTheFigure() {
        assertEquals(List.of(), TrendCharts.steps(points(100_000, 100_001, 100_002, 100_010)));
        assertEquals(List.of(3), TrendCharts.steps(points(100, 100, 100, 101)));
        assertEquals(List.of(), TrendCharts.steps(points(1000, 1000, 1000, 1009)));
    }

    @Test
    void theFirstChangeHasNothingToCompareWith() {
        assertEquals(List.of(), TrendCharts.steps(points(1, 1000)));
        assertEquals(List.of(), TrendCharts.steps(points(5)));
    }

    @Test
    void aSparklineRunsFromTheLowestFigureToTheHighest() {
        assertEquals("\u2581\u2585\u2588", TrendCharts.sparkline(points(1, 5, 9), 3));
        assertEquals("\u2581\u2581", TrendCharts.sparkline(points(7, 7), 2));
    }

    @Test
    void aBuildWithoutTheFigureIsAGapNotAStep() {
        List<TrendCharts.Point> gap = new ArrayList<>(points(100, 110, 120, 130));
        gap.add(new TrendCharts.Point(5, 400));
        gap.add(new TrendCharts.Point(6, 410));
        assertEquals("\u2581\u2581\u2581\u2582 \u2588\u2588", TrendCharts.sparkline(gap, 7));
        assertEquals(List.of(), TrendCharts.steps(gap));
        gap.add(new TrendCharts.Point(7, 900));
        assertEquals(List.of(6), TrendCharts.steps(gap));
    }

    @Test
    void theMostUrgentTwentyBudgetFiguresAndTheFirstTenSnapshotsAreCharted() throws IOException {
        List<BudgetResult> results = new ArrayList<>();
        List<HistoryEntry.BudgetFigures> figures = new ArrayList<>();
        for (int b = 0; b < 25; b++) {
            Budget budget = Budget.parse("budget " + b, "dir" + b, "1 MiB", null, null, null, null, null);
            BudgetStatus status = b == 24 ? BudgetStatus.EXCEEDED : BudgetStatus.OK;
            results.add(new BudgetResult(budget, "s0.pickle", 100, status, List.of(), null, status));
            figures.add(new HistoryEntry.BudgetFigures("dir" + b, "self", List.of(new HistoryEntry.Figure(0, 100,
                    "ok"))));
        }
        List<HistoryEntry.SnapshotFigures> snapshots = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            snapshots.add(new HistoryEntry.SnapshotFigures("s" + s + ".pickle", 100, 1, Map.of("dir", 100L)));
        }
        HistoryEntry earlier = new HistoryEntry("b1", Instant.EPOCH, true, snapshots, figures);
        HistoryEntry current = new HistoryEntry("b2", Instant.EPOCH, false, snapshots, figures);
        HistoryWindow window = HistoryWindow.of(List.of(new HistoryReader.Recorded(1, "b1", earlier)), 1, current);
        CheckReport report = new CheckReport(false, List.of(), results, List.of(), null, false, null, RunResults.NONE,
                window);
        StringWriter page = new StringWriter();
        IndexPage.write(report, page);
        Matcher captions = Pattern.compile("<figure class=\"trend budget-trend\">\n<figcaption>([^<]*)")
                .matcher(page.toString());
        List<String> charted = new ArrayList<>();
        while (captions.find()) {
            charted.add(captions.group(1));
        }
        assertEquals(20, charted.size());
        assertEquals("dir24 (self) in s0.pickle", charted.get(0));
        assertEquals("dir0 (self) in s0.pickle", charted.get(1));
        assertEquals("dir18 (self) in s0.pickle", charted.get(19));
        assertEquals(10, page.toString().split("<figure class=\"trend snapshot-trend\">", -1).length - 1);
        assertEquals(true, page.toString().contains("Charted: the 20 most urgent of 25 budget figures and the first "
                + "10 of 12 snapshots; every figure is in history/."));
        String markdown = MarkdownSummary.text(report);
        assertEquals(20, markdown.lines().filter(line -> line.startsWith("| dir")).count());
        assertEquals(true, markdown.contains("The 20 most urgent of 25 budget figures; every figure is in the "
                + "report's history."), markdown);
    }

    @Test
    void aCommitHashLabellingAStepIsCutInTheChartAndTheSparklineTable() throws IOException {
        Budget budget = Budget.parse("budget", "client", "1 MiB", null, null, null, null, null);
        List<HistoryReader.Recorded> earlier = new ArrayList<>();
        long[] figures = {1000, 1010, 1020, 1030, 2000};
        String hash = "4f2a9c1e0b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e";
        for (int i = 0; i < figures.length - 1; i++) {
            earlier.add(new HistoryReader.Recorded(i + 1, "b" + i, entry(i == 3 ? hash : "build-" + i, figures[i])));
        }
        HistoryWindow window = HistoryWindow.of(earlier, figures.length - 1, entry("build-4", figures[4]));
        CheckReport report = new CheckReport(true, List.of(), List.of(new BudgetResult(budget, "s0.pickle", 2000,
                BudgetStatus.OK, List.of(), null, BudgetStatus.OK)), List.of(), null, false, null, RunResults.NONE,
                window);
        StringWriter page = new StringWriter();
        IndexPage.write(report, page);
        assertEquals(true, page.toString().contains("data-build=\"build-4\""), "the step is the last build's");
        String markdown = MarkdownSummary.text(report);
        assertEquals(true, markdown.contains("| +970 B at `build-4` |"), markdown);
        HistoryWindow atTheHash = HistoryWindow.of(earlier.subList(0, 3), 3, entry(hash, 2000));
        CheckReport stepAtTheHash = new CheckReport(true, List.of(), report.budgets(), List.of(), null, false, null,
                RunResults.NONE, atTheHash);
        StringWriter pageAtTheHash = new StringWriter();
        IndexPage.write(stepAtTheHash, pageAtTheHash);
        assertEquals(true, pageAtTheHash.toString().contains(">step +980 B at 4f2a9c1e0b7d\u2026</text>"),
                pageAtTheHash.toString());
        assertEquals(true, MarkdownSummary.text(stepAtTheHash).contains("| +980 B at `4f2a9c1e0b7d\u2026` |"),
                MarkdownSummary.text(stepAtTheHash));
    }

    @Test
    void aStackedChartIsAPathPerDirectoryAndATargetPerBuild() throws IOException {
        List<HistoryReader.Recorded> earlier = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Long> directories = new java.util.LinkedHashMap<>();
            directories.put("client", 600L + i);
            directories.put("common", 400L);
            earlier.add(new HistoryReader.Recorded(i + 1, "b" + i, new HistoryEntry("build-" + i, Instant.EPOCH,
                    i != 1, List.of(new HistoryEntry.SnapshotFigures("s0.pickle", 1000 + i, 1, directories)),
                    List.of())));
        }
        HistoryWindow window = HistoryWindow.of(earlier, 3, entry("build-3", 1000));
        StringWriter page = new StringWriter();
        IndexPage.write(new CheckReport(true, List.of(), List.of(), List.of(), null, false, null, RunResults.NONE,
                window), page);
        String chart = page.toString().substring(page.toString().indexOf("<figure class=\"trend snapshot-trend\">"));
        chart = chart.substring(0, chart.indexOf("</figure>"));
        // client: builds 0, 2 and 3 passed, build 1 failed and paler; common only in builds 0 to 2.
        List<String> layers = new ArrayList<>();
        Matcher path = Pattern.compile("<path class=\"layer\" data-directory=\"([^\"]+)\" fill=\"#[0-9a-f]{6}\""
                + "( fill-opacity=\"0.45\")? d=\"([^\"]+)\"/>").matcher(chart);
        while (path.find()) {
            layers.add(path.group(1) + (path.group(2) == null ? "" : " failed") + " x"
                    + path.group(3).split("M", -1).length);
        }
        assertEquals(List.of("client x4", "common x3", "client failed x2", "common failed x2"), layers);
        Matcher targets = Pattern.compile("<g class=\"point\" data-build=\"([^\"]+)\" data-bytes=\"(\\d+)\"><rect[^>]*"
                + "fill-opacity=\"0\"><title>([^<]*)</title></rect></g>").matcher(chart);
        List<String> titles = new ArrayList<>();
        while (targets.find()) {
            titles.add(targets.group(3));
        }
        assertEquals(List.of("build-0: total 1000 B (1,000 bytes); client 600 B; common 400 B",
                "build-1 (failed): total 1001 B (1,001 bytes); client 601 B; common 400 B",
                "build-2: total 1002 B (1,002 bytes); client 602 B; common 400 B",
                "build-3: total 1000 B (1,000 bytes); client 1000 B"), titles);
    }

    @Test
    void aStepOfAStackedChartIsMarkedOnItsBuildsBar() throws IOException {
        List<HistoryReader.Recorded> earlier = new ArrayList<>();
        long[] totals = {1000, 1010, 1020, 1030, 2000};
        for (int i = 0; i < totals.length - 1; i++) {
            earlier.add(new HistoryReader.Recorded(i + 1, "b" + i, entry("build-" + i, totals[i])));
        }
        HistoryWindow window = HistoryWindow.of(earlier, totals.length - 1, entry("build-4", totals[4]));
        StringWriter page = new StringWriter();
        IndexPage.write(new CheckReport(true, List.of(), List.of(), List.of(), null, false, null, RunResults.NONE,
                window), page);
        String chart = page.toString().substring(page.toString().indexOf("<figure class=\"trend snapshot-trend\">"));
        chart = chart.substring(0, chart.indexOf("</figure>"));
        Matcher bar = Pattern.compile("<g class=\"point\" data-build=\"build-4\" data-bytes=\"2000\"><rect "
                + "x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\"").matcher(chart);
        assertEquals(true, bar.find(), chart);
        Matcher step = Pattern.compile("<g class=\"step\" data-build=\"build-4\"><line x1=\"([0-9.]+)\"")
                .matcher(chart);
        assertEquals(true, step.find(), chart);
        // The bars sit in the middle of their slots, not where a line chart's points are: the mark is on the bar.
        double middle = Double.parseDouble(bar.group(1)) + Double.parseDouble(bar.group(2)) / 2;
        assertEquals(middle, Double.parseDouble(step.group(1)), 0.15, chart);
    }

    @Test
    void aStepLabelNearTheRightEdgeEndsAtItsMarkRatherThanRunOutOfTheChart() throws IOException {
        long[] totals = {1000, 1010, 1020, 1030, 2000, 2010, 2020, 2030, 2040, 2050, 2060, 2070, 2080, 2090, 4000};
        List<HistoryReader.Recorded> earlier = new ArrayList<>();
        for (int i = 0; i < totals.length - 1; i++) {
            earlier.add(new HistoryReader.Recorded(i + 1, "b" + i, entry("build-" + i, totals[i])));
        }
        HistoryWindow window = HistoryWindow.of(earlier, totals.length - 1, entry("build-14", totals[14]));
        StringWriter page = new StringWriter();
        IndexPage.write(new CheckReport(true, List.of(), List.of(), List.of(), null, false, null, RunResults.NONE,
                window), page);
        String chart = page.toString().substring(page.toString().indexOf("<figure class=\"trend snapshot-trend\">"));
        chart = chart.substring(0, chart.indexOf("</figure>"));
        assertTrue(Pattern.compile("<g class=\"step\" data-build=\"build-4\">[^\n]* text-anchor=\"middle\"")
                .matcher(chart).find(), chart);
        assertTrue(Pattern.compile("<g class=\"step\" data-build=\"build-14\">[^\n]* text-anchor=\"end\"")
                .matcher(chart).find(), chart);
    }

    private static HistoryEntry entry(String build, long bytes) {
        return new HistoryEntry(build, Instant.EPOCH, true,
                List.of(new HistoryEntry.SnapshotFigures("s0.pickle", bytes, 1, Map.of("client", bytes))),
                List.of(new HistoryEntry.BudgetFigures("client", "self", List.of(new HistoryEntry.Figure(0, bytes,
                        "ok")))));
    }
}
