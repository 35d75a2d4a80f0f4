package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.Scope;
import io.github.memflame.check.CheckSettingsBuilder;
import io.github.memflame.check.MemflameAggregate;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.check.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run's timeline at the top of {@code index.html}, in headless Chromium, on the real revisit run
 * ({@code src/test/resources/run/revisit}): one bar per snapshot in run order, stacked by top-level path, the
 * budgets' limits over the snapshots they apply to; hovering a part shows its exact figure, clicking a bar opens
 * that snapshot's flame graph; the budget table's usage bars; the aggregate report's chart of each module's run,
 * stacked by the figures its {@code memflame.json} states. Screenshots go to {@code target/browser-screenshots/}.
 */
class RunTimelineBrowserTest {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SCREENSHOTS = TARGET.resolve("browser-screenshots");
    private static final Path REPORT = TARGET.resolve("browser-reports/timeline");
    private static final Path REVISIT = Path.of("src/test/resources/run/revisit").toAbsolutePath();
    private static final Path ROUNDS = Path.of("src/test/resources/run/rounds").toAbsolutePath();
    private static final Path AGGREGATE = TARGET.resolve("browser-reports/timeline-aggregate");

    private static Chromium browser;
    private static String skipReason;
    private static JsonNode summary;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> chromium = Chromium.find();
        if (chromium.isEmpty()) {
            String message = "Chromium is not installed (chromium, chromium-browser or google-chrome on the PATH, or "
                    + "-Dmemflame.chromium / CHROMIUM); install it with 'apt-get install -y chromium'";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so the browser tests must run, but " + message);
            }
            skipReason = message;
            return;
        }
        new MemflameCheck(CheckSettingsBuilder.snapshots(REVISIT).output(REPORT)
                .stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/"))
                .budgets(List.of(new Budget("client", 700 * 1024, "700 KiB", Scope.SELF, null),
                        new Budget("/", 1024 * 1024, "1 MiB", Scope.INCLUSIVE, "*town*")))
                .build(), new RecordingListener()).run();
        summary = new ObjectMapper().readTree(REPORT.resolve("memflame.json").toFile());
        Path rounds = TARGET.resolve("browser-reports/timeline-rounds");
        new MemflameCheck(CheckSettingsBuilder.snapshots(ROUNDS).output(rounds)
                .stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/"))
                .budgets(List.of(new Budget("client", 1536 * 1024, "1.5 MiB", Scope.SELF, null))).build(),
                new RecordingListener()).run();
        new MemflameAggregate(new RecordingListener()).run(List.of(new MemflameAggregate.Module("town", REPORT),
                new MemflameAggregate.Module("battle", rounds)), AGGREGATE);
        Files.createDirectories(SCREENSHOTS);
        browser = Chromium.launch(chromium.get(), SCREENSHOTS.resolve("chromium-timeline.log"));
        browser.send("Page.enable");
        browser.send("Runtime.enable");
        browser.send("Emulation.setDeviceMetricsOverride", Chromium.params().put("width", 1280).put("height", 900)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private static void open() {
        Assumptions.assumeTrue(browser != null, skipReason);
        browser.navigate(REPORT.resolve("index.html").toUri().toString());
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), browser.screenshot(1280, 900));
    }

    /** The centre of an element in viewport coordinates. */
    private static JsonNode centre(String selector) {
        return browser.evaluate("(function () { var e = document.querySelector(\"" + selector + "\");"
                + " e.scrollIntoView({block: 'center'}); var r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
    }

    @Test
    void barsInRunOrderStackedByTopLevelPathWithTheBudgetsLimits() throws Exception {
        open();
        assertEquals("scene-1-town.pickle,scene-2-battle.pickle,scene-3-town.pickle", browser.evaluate(
                "Array.from(document.querySelectorAll('#timeline .tl-snapshot')).map(function (a) {"
                        + " return a.getAttribute('data-snapshot'); }).join()").asText());
        for (JsonNode snapshot : summary.get("snapshots")) {
            String name = snapshot.get("name").asText();
            long stacked = browser.evaluate("Array.from(document.querySelectorAll('#timeline .tl-snapshot[data-snapshot=\""
                    + name + "\"] .tl-layer')).reduce(function (sum, r) { return sum + Number(r.getAttribute("
                    + "'data-bytes')); }, 0)").asLong();
            assertEquals(snapshot.get("totalBytes").asLong(), stacked, "the layers of " + name + " add up to its total");
        }
        // The client budget applies to all three snapshots, the whole-snapshot one to the two town visits.
        assertEquals(3, browser.evaluate("document.querySelectorAll('#timeline .tl-limit[data-budget=\"client "
                + "(self)\"]').length").asInt());
        assertEquals("scene-1-town.pickle,scene-3-town.pickle", browser.evaluate("Array.from(document"
                + ".querySelectorAll('#timeline .tl-limit[data-budget=\"(whole snapshot) (inclusive)\"]')).map("
                + "function (l) { return l.getAttribute('data-snapshot'); }).join()").asText());
        assertTrue(browser.evaluate("document.querySelector('#timeline').getBoundingClientRect().top < "
                + "document.querySelector('#budgets').getBoundingClientRect().top").asBoolean(),
                "the timeline is at the top, above the budgets");
        assertEquals(0, browser.evaluate("document.querySelectorAll('script[src], link[href]').length").asInt(),
                "nothing is loaded from outside the page");
        screenshot("timeline.png");
    }

    @Test
    void hoveringAPartShowsItsExactFigure() throws Exception {
        open();
        String selector = "#timeline .tl-snapshot[data-snapshot='scene-3-town.pickle'] .tl-layer[data-layer='client']";
        JsonNode at = centre(selector);
        browser.send("Input.dispatchMouseEvent", Chromium.params().put("type", "mouseMoved")
                .put("x", at.get("x").asDouble()).put("y", at.get("y").asDouble()));
        assertEquals("visible", browser.evaluate("document.getElementById('timeline-tip').getAttribute('visibility')")
                .asText());
        String tip = browser.evaluate("document.querySelector('#timeline-tip text').textContent").asText();
        long client = browser.evaluate("Number(document.querySelector(\"" + selector + "\").getAttribute('data-bytes'))")
                .asLong();
        assertTrue(tip.startsWith("scene-3-town.pickle \u00b7 client: "), tip);
        assertTrue(tip.contains(String.format(java.util.Locale.ROOT, "(%,d bytes, ", client)), tip);
        screenshot("timeline-hover.png");

        JsonNode limit = centre("#timeline .tl-limit[data-snapshot='scene-2-battle.pickle']");
        browser.send("Input.dispatchMouseEvent", Chromium.params().put("type", "mouseMoved")
                .put("x", limit.get("x").asDouble()).put("y", limit.get("y").asDouble()));
        assertTrue(browser.evaluate("document.querySelector('#timeline-tip text').textContent").asText()
                .startsWith("budget client (self) in scene-2-battle.pickle: "));
        screenshot("timeline-hover-limit.png");
    }

    @Test
    void clickingABarOpensThatSnapshotsFlameGraph() throws Exception {
        open();
        JsonNode at = centre("#timeline .tl-snapshot[data-snapshot='scene-2-battle.pickle'] .tl-layer");
        java.util.concurrent.CompletableFuture<JsonNode> loaded = browser.next("Page.loadEventFired");
        browser.click(at.get("x").asDouble(), at.get("y").asDouble());
        Chromium.await(loaded, "the flame graph to load");
        assertTrue(browser.evaluate("location.href").asText().endsWith("/scene-2-battle.pickle.path.svg"),
                browser.evaluate("location.href").asText());
        screenshot("timeline-click.png");
    }

    /** Each bar's layers of the chart {@code id}: {@code snapshot layer bytes}, one a line, in drawing order. */
    private static String layers(String id) {
        return browser.evaluate("Array.from(document.querySelectorAll('#" + id + " .tl-layer')).map(function (r) {"
                + " return r.parentNode.getAttribute('data-snapshot') + ' ' + r.getAttribute('data-layer') + ' '"
                + " + r.getAttribute('data-bytes'); }).join('\\n')").asText();
    }

    @Test
    void theAggregateDrawsEachModulesRunStackedAsItsIndexWithItsLimitsHoverAndClick() throws Exception {
        open();
        String town = layers("timeline");
        browser.navigate(AGGREGATE.resolve("index.html").toUri().toString());
        assertEquals(town, layers("timeline-1"), "the town module's run, stacked as its own index.html stacks it");
        // The figures are those the module's memflame.json states, exactly (there in each snapshot's order).
        java.util.Set<String> stated = new java.util.TreeSet<>();
        for (JsonNode snapshot : summary.get("snapshots")) {
            for (JsonNode path : snapshot.get("topLevelPaths")) {
                stated.add(snapshot.get("name").asText() + " " + path.get("path").asText() + " "
                        + path.get("bytes").asLong());
            }
        }
        assertEquals(stated, new java.util.TreeSet<>(List.of(town.split("\n"))));
        assertEquals("scene-1-town.pickle,scene-2-battle.pickle,scene-3-town.pickle", browser.evaluate(
                "Array.from(document.querySelectorAll('#timeline-1 .tl-snapshot')).map(function (a) {"
                        + " return a.getAttribute('data-snapshot'); }).join()").asText());
        assertEquals(5, browser.evaluate("document.querySelectorAll('#timeline-2 .tl-snapshot').length").asInt());
        assertEquals(5, browser.evaluate("document.querySelectorAll('#timeline-2 .tl-limit').length").asInt());
        String selector = "#timeline-2 .tl-snapshot[data-snapshot='battle-round-5.pickle'] .tl-layer[data-layer='client']";
        long client = browser.evaluate("Number(document.querySelector(\"" + selector + "\").getAttribute('data-bytes'))")
                .asLong();
        JsonNode rounds = new ObjectMapper().readTree(TARGET.resolve("browser-reports/timeline-rounds/memflame.json")
                .toFile()).get("snapshots").get(4);
        assertEquals("battle-round-5.pickle", rounds.get("name").asText());
        assertEquals(rounds.get("topLevelPaths").get(0).get("path").asText(), "client");
        assertEquals(rounds.get("topLevelPaths").get(0).get("bytes").asLong(), client);
        JsonNode at = centre(selector);
        browser.send("Input.dispatchMouseEvent", Chromium.params().put("type", "mouseMoved")
                .put("x", at.get("x").asDouble()).put("y", at.get("y").asDouble()));
        assertEquals("visible", browser.evaluate("document.getElementById('timeline-2-tip').getAttribute('visibility')")
                .asText());
        String tip = browser.evaluate("document.querySelector('#timeline-2-tip text').textContent").asText();
        assertTrue(tip.startsWith("battle-round-5.pickle \u00b7 client: "), tip);
        assertTrue(tip.contains(String.format(java.util.Locale.ROOT, "(%,d bytes, ", client)), tip);
        Files.write(SCREENSHOTS.resolve("timeline-aggregate.png"), browser.screenshot(1280, 1400));
        at = centre(selector);
        java.util.concurrent.CompletableFuture<JsonNode> loaded = browser.next("Page.loadEventFired");
        browser.click(at.get("x").asDouble(), at.get("y").asDouble());
        Chromium.await(loaded, "the flame graph to load");
        assertTrue(browser.evaluate("location.href").asText().endsWith("/timeline-rounds/battle-round-5.pickle.path.svg"),
                browser.evaluate("location.href").asText());
    }

    @Test
    void theBudgetTableShowsTheShareOfEachLimitUsedAsABar() throws Exception {
        open();
        JsonNode bars = browser.evaluate("Array.from(document.querySelectorAll('#budgets .usage')).map(function (s) {"
                + " return s.getAttribute('data-share') + ' ' + s.getAttribute('title'); })");
        assertEquals(5, bars.size(), bars.toString());
        for (JsonNode budget : summary.get("budgets")) {
            String share = String.format(java.util.Locale.ROOT, "%.4f",
                    budget.get("actualBytes").asLong() / (double) budget.get("limitBytes").asLong());
            boolean found = false;
            for (JsonNode bar : bars) {
                found |= bar.asText().startsWith(share + " ") && bar.asText().endsWith(" of the limit");
            }
            assertTrue(found, share + " in " + bars);
        }
        browser.evaluate("document.getElementById('budgets').scrollIntoView()");
        Files.write(SCREENSHOTS.resolve("timeline-usage-bars.png"), browser.screenshot(1280, 900));
    }
}
