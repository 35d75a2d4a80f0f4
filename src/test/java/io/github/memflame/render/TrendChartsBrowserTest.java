package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.check.CheckSettingsBuilder;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.check.RecordingListener;
import io.github.memflame.format.Numbers;
import io.github.memflame.history.HistorySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trend charts as a reader sees them in Chromium: the report of the last of the twelve builds of
 * {@code src/test/resources/history/sequence} (see {@code make_history_fixtures.py}), each checked with the
 * previous build's history. Skipped without Chromium unless {@code CI=true}, as {@link BrowserReportTest} is.
 */
class TrendChartsBrowserTest {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SCREENSHOTS = TARGET.resolve("browser-screenshots");
    private static final Path REPORTS = TARGET.resolve("browser-reports/trends");
    private static final Path FIXTURES = Path.of("src/test/resources/history/sequence");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Chromium browser;
    private static JsonNode oracle;
    private static Path lastReport;

    @BeforeAll
    static void twelveBuildsAndABrowser() throws Exception {
        Optional<Path> chromium = Chromium.find();
        if (chromium.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so the browser tests must run, but Chromium is not installed");
            }
            return;
        }
        oracle = JSON.readTree(FIXTURES.resolve("oracle.json").toFile());
        String path = oracle.get("budgetPath").asText();
        List<Budget> budgets = List.of(Budget.parse("budget 1", path, "3 MiB", "5%", "20%", null, null, null));
        Path previous = null;
        for (JsonNode build : oracle.get("builds")) {
            String label = build.get("label").asText();
            Path report = REPORTS.resolve(label);
            new MemflameCheck(CheckSettingsBuilder.snapshots(FIXTURES.resolve(label)).output(report)
                    .stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/")).budgets(budgets).baseline(previous)
                    .history(new HistorySettings(previous == null ? REPORTS.resolve("no-history")
                            : previous.resolve("history"), 100, label,
                            null)).build(), new RecordingListener()).run();
            previous = report;
        }
        lastReport = previous;
        Files.createDirectories(SCREENSHOTS);
        browser = Chromium.launch(chromium.get(), SCREENSHOTS.resolve("chromium-trends.log"));
        browser.send("Page.enable");
        browser.send("Runtime.enable");
        browser.send("Emulation.setDeviceMetricsOverride", Chromium.params().put("width", 1280).put("height", 900)
                .put("deviceScaleFactor", 1).put("mobile", false));
        browser.navigate(lastReport.resolve("index.html").toUri().toString());
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private static void needsBrowser() {
        Assumptions.assumeTrue(browser != null, "Chromium is not installed");
    }

    @Test
    void everyChartHasTwelvePointsInBuildOrder() {
        needsBrowser();
        JsonNode charts = browser.evaluate("Array.from(document.querySelectorAll('#trends svg.trend-chart'))"
                + ".map(svg => ({points: svg.querySelectorAll('.point').length, data: svg.dataset.points, "
                + "builds: Array.from(svg.querySelectorAll('.point')).map(p => p.dataset.build)}))");
        assertEquals(2, charts.size(), charts.toString());
        for (JsonNode chart : charts) {
            assertEquals(12, chart.get("points").asInt());
            assertEquals("12", chart.get("data").asText());
            for (int i = 0; i < 12; i++) {
                assertEquals(oracle.get("builds").get(i).get("label").asText(), chart.get("builds").get(i).asText());
            }
        }
    }

    @Test
    void theStepIsMarkedAtTheBuildThatAddedFifteenPercentAndNowhereElse() {
        needsBrowser();
        String jump = oracle.get("expected").get("jumpBuild").asText();
        JsonNode steps = browser.evaluate("Array.from(document.querySelectorAll('#trends .step'))"
                + ".map(g => ({build: g.dataset.build, text: g.textContent, "
                + "snapshot: g.closest('figure').classList.contains('snapshot-trend'), "
                + "shown: g.getBoundingClientRect().width > 0}))");
        assertEquals(1, steps.size(), steps.toString());
        assertEquals(jump, steps.get(0).get("build").asText());
        assertTrue(steps.get(0).get("snapshot").asBoolean());
        assertTrue(steps.get(0).get("shown").asBoolean());
        int index = Integer.parseInt(jump.substring("build-".length())) - 1;
        long added = total(index) - total(index - 1);
        assertEquals("step " + Numbers.signedBytes(added) + " at " + jump, steps.get(0).get("text").asText());
    }

    @Test
    void hoveringAPointNamesTheBuildAndItsFigures() throws Exception {
        needsBrowser();
        // The failing build's point of the budget chart: where the mouse goes, and what the browser says it is over.
        String failing = oracle.get("expected").get("firstDriftFailure").asText();
        JsonNode box = browser.evaluate("(function () { var p = document.querySelector("
                + "'.budget-trend .point[data-build=\"" + failing + "\"]'); p.scrollIntoView({block: 'center'});"
                + " var r = p.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        browser.send("Input.dispatchMouseEvent", Chromium.params().put("type", "mouseMoved")
                .put("x", box.get("x").asDouble()).put("y", box.get("y").asDouble()));
        JsonNode hovered = browser.evaluate("(function () { var h = document.querySelectorAll('.point:hover');"
                + " return Array.from(h).map(p => p.querySelector('title').textContent); })()");
        int index = Integer.parseInt(failing.substring("build-".length())) - 1;
        long bytes = budget(index);
        assertEquals(1, hovered.size(), hovered.toString());
        assertEquals(failing + " (failed): " + Numbers.bytes(bytes) + " (" + Numbers.grouped(bytes) + " bytes), "
                + Numbers.signedBytes(bytes - budget(index - 1)) + " since build-0" + index, hovered.get(0).asText());
        JsonNode hollow = browser.evaluate("document.querySelector('.budget-trend .point[data-build=\"" + failing
                + "\"]').getAttribute('fill')");
        assertEquals("#fff", hollow.asText());
        JsonNode limits = browser.evaluate("Array.from(document.querySelectorAll('.budget-trend .limit title'))"
                + ".map(t => t.textContent)");
        assertEquals("limit 3 MiB: 3.0 MiB (3,145,728 bytes)", limits.get(0).asText());
        long driftLimit = budget(0) + budget(0) * 20 / 100;
        assertEquals("drift limit 20% over build-01: " + Numbers.bytes(driftLimit) + " ("
                + Numbers.grouped(driftLimit) + " bytes)", limits.get(1).asText());
        Files.write(SCREENSHOTS.resolve("trends.png"), browser.screenshot(1280, 1400));
    }

    private static long total(int index) {
        return oracle.get("builds").get(index).get("totalBytes").asLong();
    }

    private static long budget(int index) {
        return oracle.get("builds").get(index).get("budgetBytes").asLong();
    }
}
