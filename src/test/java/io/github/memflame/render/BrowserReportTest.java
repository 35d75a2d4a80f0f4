package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.memflame.check.CheckFailure;
import io.github.memflame.check.CheckOutcome;
import io.github.memflame.check.CheckSettings;
import io.github.memflame.check.CheckSettingsBuilder;
import io.github.memflame.check.MemflameAggregate;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.check.RecordingListener;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.ByteSize;
import io.github.memflame.format.Numbers;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpFormatException;
import io.github.memflame.read.DumpLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report as a reader sees it: real reports, written by {@link MemflameCheck} from the fixture dumps, opened in
 * a headless Chromium (see {@link Chromium}) and used with real mouse clicks and key presses.
 *
 * <p>Needs {@code chromium} on the PATH ({@code apt-get install chromium}, as {@code .ci/run} does). Without it the tests are skipped, except when {@code CI=true}: then they fail. Each view is saved as a
 * PNG under {@code target/browser-screenshots/} for a reviewer to look at.
 */
class BrowserReportTest {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SCREENSHOTS = TARGET.resolve("browser-screenshots");
    private static final Path REPORTS = TARGET.resolve("browser-reports");
    private static final String STRIP = "I:/G1/trunk/code/Script/Python/";
    private static final String BATTLE = "py311/battle.pickle";
    private static final String MENU = "py312/battle.pickle";
    private static final String XSS_FIXTURE = "edge/xss.pickle";
    private static final String LEAKING = "scene-3-battle.pickle";
    private static final String SYNTHETIC_DIFF = "small.pickle";
    /** The XSS fixture is also read under a hostile snapshot name, which ends up in titles, links and file names. */
    private static final String HOSTILE_NAME = "scene\"<img src=x onerror=alert(2)>&'.pickle";
    private static final double PLOT = SvgOptions.defaults().width() - 2.0 * SvgFlameGraph.XPAD;

    /**
     * Installed before any page script runs: records calls of alert/confirm/print and every script element the
     * document ever gets, and marks the document so tests can tell the detector is there.
     */
    private static final String DETECTOR = """
            (function () {
              var seen = {calls: [], scripts: 0};
              Object.defineProperty(window, '__memflameDetector', {value: seen});
              ['alert', 'confirm', 'print'].forEach(function (name) {
                window[name] = function () {
                  seen.calls.push(name + '(' + Array.prototype.join.call(arguments, ',') + ')');
                };
              });
              new MutationObserver(function (records) {
                records.forEach(function (record) {
                  record.addedNodes.forEach(function (node) {
                    if (node.nodeName && node.nodeName.toLowerCase() === 'script') {
                      seen.scripts++;
                    }
                  });
                });
              }).observe(document, {childList: true, subtree: true});
            })();
            """;

    /** Page-side helpers, prefixed to the expressions that use them. */
    private static final String HELPERS = """
            var frameName = function (g) {
              var t = g.getElementsByTagName('title')[0];
              return t ? t.textContent.split('\\n')[0] : '';
            };
            var findFrame = function (name) {
              var all = document.querySelectorAll('#frames > g');
              for (var i = 0; i < all.length; i++) {
                if (frameName(all[i]) === name) {
                  return all[i];
                }
              }
              throw new Error('no frame named ' + name);
            };
            var box = function (element) {
              element.scrollIntoView({block: 'center', inline: 'center'});
              var r = element.getBoundingClientRect();
              return {x: r.left + r.width / 2, y: r.top + r.height / 2, left: r.left, width: r.width};
            };
            var frameState = function (g) {
              var rect = g.getElementsByTagName('rect')[0];
              var r = rect.getBoundingClientRect();
              return {name: frameName(g), x: Number(rect.getAttribute('x')), w: Number(rect.getAttribute('width')),
                  bytes: g.memflameFrame.bytes, hidden: g.classList.contains('hide'),
                  display: getComputedStyle(g).display, parent: g.classList.contains('parent'),
                  fill: rect.getAttribute('fill'), screenLeft: r.left, screenWidth: r.width};
            };
            """;

    private static Chromium browser;
    private static Path fixtures;
    private static Path battleReport;
    private static Path xssReport;
    private static Path diffReport;
    private static Path growthReport;
    private static Path growthBaseline;
    private static CheckOutcome battleOutcome;
    private static FoldedSnapshot battleFolded;
    private static String xssSnapshotName;
    private static final List<JsonNode> dialogs = new CopyOnWriteArrayList<>();
    private static volatile String promptAnswer;
    private static String skipReason;

    @BeforeAll
    static void startBrowser() throws Exception {
        Optional<Path> chromium = Chromium.find();
        if (chromium.isEmpty()) {
            String message = "Chromium is not installed: no chromium, chromium-browser or google-chrome on the PATH "
                    + "(or -Dmemflame.chromium / CHROMIUM). Install it with "
                    + "'apt-get install -y chromium', as .ci/run does.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so the browser tests must run, but " + message);
            }
            // Skipped test by test (in @BeforeEach), so that every skipped test shows in the test report.
            skipReason = message;
            return;
        }
        fixtures = fixtureDirectory();
        battleReport = REPORTS.resolve("battle");
        battleOutcome = check(fixtures, List.of(BATTLE, MENU), battleBudgets(), battleReport);
        battleFolded = fold(fixtures.resolve(BATTLE), BATTLE);
        xssReport = REPORTS.resolve("xss");
        xssSnapshotName = hostileCopy();
        check(xssSnapshotName == null ? fixtures : REPORTS.resolve("xss-input"),
                List.of(xssSnapshotName == null ? XSS_FIXTURE : "*.pickle"), List.of(), xssReport);
        if (xssSnapshotName == null) {
            xssSnapshotName = XSS_FIXTURE;
        }
        diffReport = REPORTS.resolve("diff");
        writeDiffReport(diffReport);
        growthReport = REPORTS.resolve("growth");
        growthBaseline = REPORTS.resolve("growth-baseline");
        writeGrowthReport(growthReport, growthBaseline);
        Files.createDirectories(SCREENSHOTS);

        browser = Chromium.launch(chromium.get(), SCREENSHOTS.resolve("chromium.log"));
        browser.send("Page.enable");
        browser.send("Runtime.enable");
        browser.send("Log.enable");
        browser.send("Page.addScriptToEvaluateOnNewDocument", Chromium.params().put("source", DETECTOR));
        browser.send("Emulation.setDeviceMetricsOverride", Chromium.params().put("width", 1280).put("height", 900)
                .put("deviceScaleFactor", 1).put("mobile", false));
        browser.on("Page.javascriptDialogOpening", dialog -> {
            dialogs.add(dialog);
            String answer = promptAnswer;
            ObjectNode params = Chromium.params().put("accept", answer != null);
            if (answer != null) {
                params.put("promptText", answer);
            }
            browser.sendAsync("Page.handleJavaScriptDialog", params);
        });
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void cleanSlate() {
        Assumptions.assumeTrue(browser != null, skipReason);
        browser.clearEvents();
        dialogs.clear();
        promptAnswer = null;
    }

    /** Check 6: no page of any test logged an error, threw an uncaught exception or called alert. */
    @AfterEach
    void noPageErrors() {
        if (browser != null) {
            assertNoPageErrors();
        }
    }

    // 1. Zoom

    @Test
    void clickingAFrameZoomsItToTheFullWidth() throws IOException {
        open(battleReport.resolve(BATTLE + ".path.svg"));
        JsonNode before = frame("client/controller");
        assertFalse(before.get("hidden").asBoolean());
        assertTrue(before.get("w").asDouble() < PLOT - 1, "client/controller is narrower than the plot to begin with");

        clickFrame("client/controller");

        JsonNode zoomed = frame("client/controller");
        assertEquals(SvgFlameGraph.XPAD, zoomed.get("x").asDouble(), 1.0, "zoomed frame x");
        assertEquals(svgWidth() - 2.0 * SvgFlameGraph.XPAD, zoomed.get("w").asDouble(), 1.0, "zoomed frame width");
        assertEquals(SvgFlameGraph.XPAD, zoomed.get("screenLeft").asDouble(), 1.0, "zoomed frame on screen");
        assertEquals(PLOT, zoomed.get("screenWidth").asDouble(), 1.0, "zoomed frame width on screen");
        JsonNode sibling = frame("client/ui");
        assertTrue(sibling.get("hidden").asBoolean(), "the sibling client/ui is hidden");
        assertEquals("none", sibling.get("display").asText());
        for (String ancestor : List.of("all", "client")) {
            JsonNode state = frame(ancestor);
            assertFalse(state.get("hidden").asBoolean(), ancestor + " stays visible");
            assertEquals(PLOT, state.get("w").asDouble(), 1.0, ancestor + " spans the width");
            assertTrue(state.get("parent").asBoolean(), ancestor + " is dimmed");
        }
        JsonNode child = frame("client/controller/battle_controller.py");
        double share = child.get("bytes").asDouble() / zoomed.get("bytes").asDouble();
        assertEquals(share * PLOT, child.get("w").asDouble(), 1.0, "a child keeps its share of the zoomed frame");
        assertFalse(browser.evaluate("document.getElementById('unzoom').classList.contains('disabled')").asBoolean());
        screenshot("zoom.png");
    }

    // 2. Search

    @Test
    void searchThroughTheScriptFunctionShowsTheMatchedShareOfTheFoldedData() throws IOException {
        open(battleReport.resolve(BATTLE + ".path.svg"));
        browser.evaluate("window.memflame.search('bag_panel')");
        assertEquals(expectedMatched(Pattern.compile("bag_panel"), null), matchedText());
        assertHighlighted(Pattern.compile("bag_panel"));
        screenshot("search.png");
    }

    @Test
    void searchThroughTheSearchControlAsksForTheRegexAndIgnoresCaseWithTheFlag() throws IOException {
        open(battleReport.resolve(BATTLE + ".path.svg"));
        promptAnswer = "(?i)TABLE";
        clickElement("document.getElementById('search')");
        assertEquals(1, dialogs.size(), "one prompt: " + dialogs);
        assertEquals("prompt", dialogs.get(0).path("type").asText());
        Pattern pattern = Pattern.compile("TABLE", Pattern.CASE_INSENSITIVE);
        assertEquals(expectedMatched(pattern, null), matchedText());
        assertHighlighted(pattern);
        assertTrue(browser.evaluate("document.getElementById('search').textContent").asText().contains("Reset Search"));
        screenshot("search-control.png");

        clickElement("document.getElementById('search')");
        assertEquals(1, dialogs.size(), "a second click resets the search without asking");
        assertEquals("", matchedText().trim());
        assertHighlighted(null);
    }

    @Test
    void ctrlFSearchesTheZoomedView() throws IOException {
        open(battleReport.resolve(BATTLE + ".path.svg"));
        clickFrame("client");
        promptAnswer = "controller";
        browser.key("f", "KeyF", 70, 2);
        assertEquals(1, dialogs.size(), "Ctrl-F asks for the regex: " + dialogs);
        // "controller" matches client/controller and everything below it: those bytes count once.
        assertEquals(expectedMatched(Pattern.compile("controller"), "client"), matchedText());
        screenshot("search-zoomed.png");
    }

    // 3. Reset

    @Test
    void resetZoomShowsEveryFrameAgain() throws IOException {
        open(battleReport.resolve(BATTLE + ".path.svg"));
        JsonNode original = allFrames();
        clickFrame("client/controller");
        browser.evaluate("window.memflame.search('panel')");
        assertTrue(allFrames().findValues("hidden").stream().anyMatch(JsonNode::asBoolean), "zoomed: some hidden");

        clickElement("document.getElementById('unzoom')");

        JsonNode reset = allFrames();
        assertEquals(original.size(), reset.size());
        for (int i = 0; i < reset.size(); i++) {
            JsonNode frame = reset.get(i);
            String name = frame.get("name").asText();
            assertFalse(frame.get("hidden").asBoolean(), name + " is visible again");
            assertFalse(frame.get("parent").asBoolean(), name + " is not dimmed");
            assertEquals(original.get(i).get("x").asDouble(), frame.get("x").asDouble(), 1e-3, name + " x");
            assertEquals(original.get(i).get("w").asDouble(), frame.get("w").asDouble(), 1e-3, name + " width");
        }
        JsonNode root = reset.get(0);
        assertEquals("all", root.get("name").asText());
        assertEquals(SvgFlameGraph.XPAD, root.get("x").asDouble(), 1.0);
        assertEquals(PLOT, root.get("w").asDouble(), 1.0);
        assertTrue(browser.evaluate("document.getElementById('unzoom').classList.contains('disabled')").asBoolean());
        assertEquals(expectedMatched(Pattern.compile("panel"), null), matchedText(), "the share is of the whole again");
        screenshot("reset.png");

        browser.key("Escape", "Escape", 27, 0);
        assertEquals("", matchedText().trim(), "Escape resets the search");
    }

    // Function names from sourceRoots

    @Test
    void functionNamesShowInLabelsTooltipsSearchAndTheIndex() throws Exception {
        Path input = REPORTS.resolve("names-input");
        Files.createDirectories(input);
        // Copied now, so the dump is newer than the sources, as one the test run writes.
        Files.copy(fixtures.resolve(MENU), input.resolve("battle.pickle"), StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(input.resolve("battle.pickle"), FileTime.fromMillis(System.currentTimeMillis()));
        Path report = REPORTS.resolve("names");
        check(input, List.of("battle.pickle"), List.of(), report, List.of(Path.of("examples/game-demo/src/main/python")));
        String tick = "client/controller/battle_controller.py:37 BattleController._tick";

        open(report.resolve("battle.pickle.stack.svg"));
        JsonNode frame = browser.evaluate(HELPERS + "(function () { var g = findFrame('" + tick + "');"
                + " return {text: g.getElementsByTagName('text')[0].textContent, label: g.getAttribute('data-label')}; })()");
        assertEquals("client/controller/battle_controller.py:37", frame.get("label").asText(),
                "the frame's identity stays file:line");
        assertTrue(frame.get("text").asText().endsWith(":37 BattleController._tick"),
                "a long label is cut at its start, so the function stays readable: " + frame);
        browser.evaluate("window.memflame.search('_tick$')");
        assertHighlighted(Pattern.compile("_tick$"));
        assertFalse(matchedText().isBlank(), "a function name is searchable");
        screenshot("names-stack.png");

        open(report.resolve("battle.pickle.path.svg"));
        JsonNode line = browser.evaluate(HELPERS + "(function () { var g = findFrame('" + tick + "');"
                + " return g.getElementsByTagName('text')[0].textContent; })()");
        assertTrue(":37 BattleController._tick".contains(line.asText().replace("..", "")), line.toString());
        screenshot("names-path.png");

        open(report.resolve("index.html"));
        String largest = browser.evaluate("document.getElementById('largest').innerText").asText();
        assertTrue(largest.contains(tick), largest);
        String counts = browser.evaluate("document.getElementById('function-names').innerText").asText();
        assertTrue(counts.matches("Function names: \\d+ of \\d+ frames named from sourceRoots; \\d+ frames in \\d+ files "
                + "keep file:line: .*<string> \\(not a source file\\).*"), counts);
        screenshot("names-index.png");
    }

    // Differential graphs

    @Test
    void theWidthsToggleShowsTheBaselinesWidthsWhereAVanishedFrameCanBeZoomedAndHovered() throws IOException {
        open(diffReport.resolve(SYNTHETIC_DIFF + ".path.diff.svg"));
        String vanished = "client/old_cache.py";
        long baselineTotal = DiffFlameGraphTest.baseline().totalBytes();
        assertEquals("Widths: this run", widthsText());
        assertEquals(0, frame(vanished).get("w").asDouble(), 1e-9, "no bytes in this run, no width");
        assertFalse(frame("client/net/leak.py").get("hidden").asBoolean());
        screenshot("diff-this-run.png");

        clickElement("document.getElementById('diff-widths')");
        assertEquals("Widths: baseline", widthsText());
        assertEquals(64_000.0 / baselineTotal * PLOT, frame(vanished).get("w").asDouble(), 0.01,
                "the baseline's share of the plot");
        assertEquals(PLOT, frame("all").get("w").asDouble(), 0.01);
        assertTrue(frame("client/net/leak.py").get("hidden").asBoolean(), "a new frame has no baseline width");
        screenshot("diff-baseline.png");

        browser.evaluate("(function () {" + HELPERS + " findFrame('" + vanished + "').dispatchEvent("
                + "new MouseEvent('mouseover', {bubbles: true})); })()");
        String tooltip = browser.evaluate("(function () {" + HELPERS + " return findFrame('" + vanished
                + "').getElementsByTagName('title')[0].textContent; })()").asText();
        assertEquals(vanished + "\nthis run: 0 bytes (0 B), 0.00% of snapshot\nbaseline: 64,000 bytes (62.5 KiB)"
                + "\nchange: -64,000 bytes (-62.5 KiB, -100.0%)\n0 traces", tooltip);
        assertEquals(vanished + " (this run 0 B, baseline 62.5 KiB, -62.5 KiB, -100.0%)",
                browser.evaluate("document.getElementById('details').textContent").asText());

        clickFrame(vanished);
        JsonNode zoomed = frame(vanished);
        assertEquals(SvgFlameGraph.XPAD, zoomed.get("x").asDouble(), 0.01, "the vanished frame zooms to the width");
        assertEquals(PLOT, zoomed.get("w").asDouble(), 0.01);
        assertTrue(frame("client/ui").get("hidden").asBoolean(), "its sibling is hidden");
        screenshot("diff-baseline-zoom.png");

        clickElement("document.getElementById('diff-widths')");
        assertEquals("Widths: this run", widthsText());
        assertEquals(PLOT, frame("client").get("w").asDouble(), 0.01,
                "back in this run's widths the zoom falls back to the nearest ancestor with bytes");
        assertTrue(frame(vanished).get("hidden").asBoolean());
        clickElement("document.getElementById('unzoom')");
        JsonNode leak = frame("client/net/leak.py");
        assertFalse(leak.get("hidden").asBoolean());
        assertEquals(250_000.0 / DiffFlameGraphTest.current().totalBytes() * PLOT, leak.get("w").asDouble(), 0.1);
    }

    @Test
    void zoomAndSearchWorkOnTheDiffGraphOfTheLeakInBothWidths() throws IOException {
        JsonNode oracle = new ObjectMapper().readTree(Path.of("src/test/resources/baseline/oracle.json").toFile());
        JsonNode battle = oracle.get("snapshots").get(LEAKING);
        String leak = oracle.get("leak").get("site").asText();
        long after = battle.get("after").get("byLine").get(leak).asLong();
        long before = battle.get("before").get("byLine").get(leak).asLong();
        long afterTotal = battle.get("after").get("totalBytes").asLong();
        long beforeTotal = battle.get("before").get("totalBytes").asLong();
        open(diffReport.resolve(LEAKING + ".path.diff.svg"));
        assertEquals("red", DiffFlameGraphTest.direction(frame(leak).get("fill").asText()), "the leak grew");

        browser.evaluate("window.memflame.search('battle_controller\\\\.py:37$')");
        assertEquals(matched(after, afterTotal), matchedText());
        assertEquals(DiffPalette.HIGHLIGHT, frame(leak).get("fill").asText());
        screenshot("diff-search.png");
        clickElement("document.getElementById('diff-widths')");
        assertEquals(matched(before, beforeTotal), matchedText(), "the share of the baseline's bytes");

        String controller = "client/controller";
        clickFrame(controller);
        long controllerBefore = battle.get("before").get("selfByDirectory").get(controller).asLong();
        long controllerAfter = battle.get("after").get("selfByDirectory").get(controller).asLong();
        assertEquals(PLOT, frame(controller).get("w").asDouble(), 0.01);
        assertEquals((double) before / controllerBefore * PLOT, frame(leak).get("w").asDouble(), 0.01,
                "zoomed in the baseline's widths");
        assertEquals(matched(before, controllerBefore), matchedText(), "the share of the zoomed frame");
        screenshot("diff-zoom-baseline.png");

        clickElement("document.getElementById('diff-widths')");
        assertEquals(PLOT, frame(controller).get("w").asDouble(), 0.01, "still zoomed");
        assertEquals((double) after / controllerAfter * PLOT, frame(leak).get("w").asDouble(), 0.01,
                "zoomed in this run's widths");
        assertEquals(matched(after, controllerAfter), matchedText());
        screenshot("diff-zoom.png");

        browser.key("Escape", "Escape", 27, 0);
        assertEquals("", matchedText().trim(), "Escape resets the search");
        browser.key("Escape", "Escape", 27, 0);
        assertTrue(browser.evaluate("document.getElementById('unzoom').classList.contains('disabled')").asBoolean());

        open(diffReport.resolve("index.html"));
        String since = browser.evaluate("document.getElementById('since-baseline').innerText").asText();
        assertTrue(since.contains(leak), since);
        var loaded = browser.next("Page.loadEventFired");
        clickElement("document.querySelector('#since-baseline a.diff')");
        Chromium.await(loaded, "the diff graph the index links");
        assertEquals("true", browser.evaluate("document.documentElement.getAttribute('data-diff')").asText());
        screenshot("diff-index-link.png");
    }

    // Growth since the baseline in the index, and the links between the graphs

    @Test
    void theBudgetsTableShowsTheFigureBeforeTheChangeAndTheGrowthAllowed() throws IOException {
        JsonNode oracle = new ObjectMapper().readTree(Path.of("src/test/resources/baseline/oracle.json").toFile())
                .get("snapshots");
        open(growthReport.resolve("index.html"));
        assertEquals(List.of("Path", "Scope", "Snapshot", "Before", "Actual", "Change", "Limit", "Headroom",
                "Allowed growth", "Status", "Top sites"), strings(browser.evaluate(
                "Array.prototype.map.call(document.querySelectorAll('#budgets thead th'), function (th) {"
                        + " return th.textContent; })")));
        String row = "document.querySelector('#budgets tbody tr[data-status=exceeded]')";
        JsonNode leak = browser.evaluate("(function () { var r = " + row + "; return {"
                + " text: Array.prototype.map.call(r.cells, function (c) { return c.textContent; }),"
                + " values: Array.prototype.map.call(r.cells, function (c) { return c.getAttribute('data-value'); }),"
                + " allowedColor: getComputedStyle(r.cells[8]).color}; })()");
        List<String> text = strings(leak.get("text"));
        long before = oracle.get(LEAKING).get("before").get("selfByDirectory").get("client/controller").asLong();
        long after = oracle.get(LEAKING).get("after").get("selfByDirectory").get("client/controller").asLong();
        assertEquals(List.of("client/controller", "self", LEAKING), text.subList(0, 3));
        assertEquals(String.valueOf(before), leak.get("values").get(3).asText(), "before: CPython's figure");
        assertEquals(String.valueOf(after), leak.get("values").get(4).asText(), "after: CPython's figure");
        assertEquals(String.valueOf(after - before), leak.get("values").get(5).asText(), "the change");
        assertEquals(Numbers.signedBytes(after - before) + " (+13.8%)", text.get(5));
        assertEquals(String.valueOf(before / 10), leak.get("values").get(8).asText(), "10% allowed, rounded down");
        assertEquals("10% (" + Numbers.bytes(before / 10) + ")", text.get(8));
        assertEquals("rgb(207, 34, 46)", leak.get("allowedColor").asText(), "the exceeded growth limit stands out");
        assertEquals("EXCEEDED", text.get(9));
        assertTrue(text.get(10).startsWith("client/controller/battle_controller.py:37 BattleController._tick "),
                "top sites carry function names: " + text.get(10));
        screenshot("index-growth.png");

        // The largest growth first on the first click of Change, as every number column sorts.
        List<Long> changes = new ArrayList<>(columnValues("budgets", 5));
        changes.sort(Comparator.reverseOrder());
        clickElement(header("budgets", "Change"));
        assertEquals(changes, columnValues("budgets", 5));
        assertEquals(after - before, changes.get(0));

        List<String> order = strings(browser.evaluate("Array.prototype.map.call("
                + "document.querySelectorAll('#since-baseline .baseline-snapshot'), function (d) {"
                + " return d.getAttribute('data-snapshot'); })"));
        assertEquals(List.of(LEAKING, "scene-2-town.pickle", "scene-1-login.pickle"), order,
                "the largest change first: +241.9 KiB, -2 B, -1 B");
        String shrinking = browser.evaluate("document.querySelector('#since-baseline .baseline-snapshot "
                + "table.shrinking').innerText").asText();
        assertTrue(shrinking.contains("client/controller/battle_controller.py:30 BattleController.enter"),
                "the line that vanished is named from the baseline: " + shrinking);
        screenshot("index-growth-sorted.png");
    }

    @Test
    void everyGraphLinksBackToTheIndexAndToItsSiblingViews() throws IOException {
        open(growthReport.resolve(LEAKING + ".path.svg"));
        JsonNode nav = browser.evaluate("(function () { var n = document.getElementById('nav');"
                + " var r = n.getBoundingClientRect();"
                + " var first = document.querySelector('#frames > g rect').getBoundingClientRect();"
                + " return {links: Array.prototype.map.call(n.querySelectorAll('a'), function (a) {"
                + "   return a.textContent; }), current: n.querySelector('.current').textContent,"
                + "   top: r.top, bottom: r.bottom, left: r.left, width: r.width, framesTop: first.top,"
                + "   color: getComputedStyle(n.querySelector('a')).fill}; })()");
        assertEquals(List.of(GraphLinks.INDEX_TEXT, "stack graph", "path diff", "stack diff"), strings(nav.get("links")));
        assertEquals("path graph", nav.get("current").asText(), "the graph shown is named, not linked");
        assertTrue(nav.get("width").asDouble() > 200 && nav.get("left").asDouble() >= SvgFlameGraph.XPAD - 1,
                "visible in the header: " + nav);
        assertTrue(nav.get("bottom").asDouble() < 100, "in the header area: " + nav);
        assertEquals("rgb(9, 105, 218)", nav.get("color").asText(), "drawn as links: " + nav);
        screenshot("graph-links.png");

        followLink("stack graph");
        assertTrue(browser.evaluate("location.href").asText().endsWith(LEAKING + ".stack.svg"));
        assertEquals("stack", browser.evaluate("document.documentElement.getAttribute('data-view')").asText());
        followLink("path diff");
        assertTrue(browser.evaluate("location.href").asText().endsWith(LEAKING + ".path.diff.svg"));
        assertEquals("true", browser.evaluate("document.documentElement.getAttribute('data-diff')").asText());
        assertEquals("path diff", browser.evaluate("document.querySelector('#nav .current').textContent").asText());
        screenshot("graph-links-diff.png");
        followLink("stack diff");
        assertEquals("stack", browser.evaluate("document.documentElement.getAttribute('data-view')").asText());
        followLink("path graph");
        assertTrue(browser.evaluate("location.href").asText().endsWith(LEAKING + ".path.svg"));
        followLink(GraphLinks.INDEX_TEXT);
        assertEquals(growthReport.resolve("index.html").toUri().toString(),
                browser.evaluate("location.href").asText());
        assertTrue(browser.evaluate("!!document.getElementById('budgets')").asBoolean());

        // From a snapshot in a sub-directory (py311/battle.pickle), up to the report's index.
        open(battleReport.resolve(BATTLE + ".stack.svg"));
        followLink("path graph");
        assertTrue(browser.evaluate("location.href").asText().endsWith(BATTLE + ".path.svg"));
        followLink(GraphLinks.INDEX_TEXT);
        assertEquals(battleReport.resolve("index.html").toUri().toString(),
                browser.evaluate("location.href").asText());
    }

    // 4. index.html

    @Test
    void indexShowsTheResultSortsTablesAndLinksToTheFlameGraphs() throws IOException {
        open(battleReport.resolve("index.html"));
        JsonNode banner = browser.evaluate("(function () { var r = document.getElementById('result');"
                + " return {result: r.getAttribute('data-result'), text: r.innerText}; })()");
        List<BudgetResult> budgets = battleOutcome.report().budgets();
        long exceeded = budgets.stream().filter(b -> b.status() == BudgetStatus.EXCEEDED).count();
        long unmatched = budgets.stream().filter(b -> b.status() == BudgetStatus.UNMATCHED).count();
        assertTrue(exceeded > 0 && unmatched > 0, "the budgets are meant to fail: " + budgets);
        String text = banner.get("text").asText().replaceAll("\\s+", " ");
        assertEquals("failed", banner.get("result").asText());
        assertTrue(text.startsWith("FAILED " + budgets.size() + " budget checks"), text);
        assertTrue(text.contains(exceeded + " exceeded"), text);
        assertTrue(text.contains(unmatched + " unmatched"), text);
        assertTrue(text.contains("2 snapshots"), text);
        screenshot("index.png");

        // Numbers sort descending on the first click, ascending on the second, by their exact byte counts.
        List<Long> actual = new ArrayList<>(budgets.stream().map(BudgetResult::actualBytes).toList());
        actual.sort(Comparator.reverseOrder());
        clickElement(header("budgets", "Actual"));
        assertEquals(actual, columnValues("budgets", 3));
        assertEquals("descending", browser.evaluate(header("budgets", "Actual") + ".getAttribute('aria-sort')")
                .asText());
        clickElement(header("budgets", "Actual"));
        actual.sort(Comparator.naturalOrder());
        assertEquals(actual, columnValues("budgets", 3));
        List<Long> totals = new ArrayList<>(battleOutcome.report().snapshots().stream()
                .map(s -> s.snapshot().totalBytes()).toList());
        totals.sort(Comparator.reverseOrder());
        clickElement(header("snapshots", "Total"));
        assertEquals(totals, columnValues("snapshots", 3));
        screenshot("index-sorted.png");

        String snapshot = browser.evaluate("document.querySelector('#snapshots tbody tr td.path').textContent")
                .asText();
        String link = "document.querySelector('#snapshots tbody tr a.graph')";
        assertEquals("path graph", browser.evaluate(link + ".textContent").asText());
        var loaded = browser.next("Page.loadEventFired");
        clickElement(link);
        Chromium.await(loaded, "the flame graph the link opens");
        assertTrue(browser.evaluate("location.href").asText().endsWith(".path.svg"),
                browser.evaluate("location.href").asText());
        assertEquals(snapshot, browser.evaluate("document.documentElement.getAttribute('data-snapshot')").asText());
        assertTrue(browser.evaluate("document.querySelectorAll('#frames > g').length").asInt() > 10);
        screenshot("index-link.png");
    }

    @Test
    void aggregateIndexListsEveryModuleSortsAndLinksIntoTheirGraphs() throws IOException {
        Path aggregate = REPORTS.resolve("aggregate");
        new MemflameAggregate(new RecordingListener()).run(List.of(new MemflameAggregate.Module("client", battleReport),
                new MemflameAggregate.Module("tools", xssReport)), aggregate);
        open(aggregate.resolve("index.html"));
        JsonNode banner = browser.evaluate("(function () { var r = document.getElementById('result');"
                + " return {result: r.getAttribute('data-result'), text: r.innerText}; })()");
        assertEquals("failed", banner.get("result").asText(), "the battle report failed its budgets");
        assertTrue(banner.get("text").asText().replaceAll("\\s+", " ").contains("2 modules"), banner.toString());
        screenshot("aggregate.png");
        assertEquals("exceeded", browser.evaluate("document.querySelector('#budgets tbody tr')"
                + ".getAttribute('data-status')").asText(), "worst budgets first");

        List<Long> totals = new ArrayList<>(columnValues("modules", 3));
        totals.sort(Comparator.reverseOrder());
        clickElement(header("modules", "Total"));
        assertEquals(totals, columnValues("modules", 3));
        String names = browser.evaluate("document.getElementById('snapshots').innerText").asText();
        assertTrue(names.contains("client/" + BATTLE), names);
        assertTrue(names.contains("tools/" + xssSnapshotName), "hostile names stay text: " + names);

        String link = "document.querySelector('#snapshots tbody tr a.graph')";
        var loaded = browser.next("Page.loadEventFired");
        clickElement(link);
        Chromium.await(loaded, "the module's flame graph the aggregate links");
        assertTrue(browser.evaluate("location.href").asText().contains("/battle/"),
                browser.evaluate("location.href").asText());
        assertTrue(browser.evaluate("document.querySelectorAll('#frames > g').length").asInt() > 10);
    }

    // 5. XSS

    @Test
    void hostileFileAndSnapshotNamesStayText() throws IOException {
        String path = xssSnapshotName + ".path.svg";
        String stack = xssSnapshotName + ".stack.svg";
        for (String page : List.of(path, stack, "index.html")) {
            open(xssReport.resolve(page));
            JsonNode seen = browser.evaluate("(function () { var d = window.__memflameDetector;"
                    + " var handlers = [];"
                    + " document.querySelectorAll('*').forEach(function (e) {"
                    + "   Array.prototype.forEach.call(e.attributes, function (a) {"
                    + "     if (/^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value)) {"
                    + "       handlers.push(e.nodeName + ' ' + a.name + '=' + a.value); } }); });"
                    + " return {detector: !!d, calls: d ? d.calls : null, inserted: d ? d.scripts : -1,"
                    + "   scripts: document.querySelectorAll('script').length, handlers: handlers,"
                    + "   titles: Array.prototype.map.call(document.querySelectorAll('#frames > g'), function (g) {"
                    + "     return g.getElementsByTagName('title')[0].textContent.split('\\n')[0]; }),"
                    + "   labels: Array.prototype.map.call(document.querySelectorAll('#frames > g'), function (g) {"
                    + "     return g.hasAttribute('data-label') ? g.getAttribute('data-label')"
                    + "       : g.getElementsByTagName('title')[0].textContent.split('\\n')[0]; }),"
                    + "   text: document.documentElement.textContent}; })()");
            assertTrue(seen.get("detector").asBoolean(), page + ": the detector ran before the page");
            assertEquals(0, seen.get("calls").size(), page + ": alert was called: " + seen.get("calls"));
            assertEquals(1, seen.get("scripts").asInt(), page + ": only the report's own script");
            assertEquals(1, seen.get("inserted").asInt(), page + ": no script element was ever added");
            assertEquals(0, seen.get("handlers").size(), page + ": event handler attributes " + seen.get("handlers"));
            List<String> titles = strings(seen.get("titles"));
            List<String> labels = strings(seen.get("labels"));
            String text = seen.get("text").asText();
            if (page.equals(path)) {
                assertTrue(titles.contains("<script>alert(1)</script>.py"), "path-view titles: " + titles);
                assertTrue(labels.contains("a&b\"c'.py"), "path-view labels: " + labels);
                assertTrue(labels.contains("背包.py"), "path-view labels: " + labels);
                assertTrue(titles.contains("../../etc/passwd.py"), "path-view titles: " + titles);
            } else if (page.equals(stack)) {
                assertTrue(labels.contains("<script>alert(1)</script>.py:1"), "stack-view labels: " + labels);
                assertTrue(labels.contains("a&b\"c'.py:2"), "stack-view labels: " + labels);
            } else {
                assertTrue(text.contains("<script>alert(1)</script>.py:1"), "index text: " + text);
                assertTrue(text.contains(xssSnapshotName), "index names the snapshot " + xssSnapshotName);
            }
            screenshot("xss-" + (page.equals(path) ? "path" : page.equals(stack) ? "stack" : "index") + ".png");
            assertNoPageErrors();
        }
    }

    // 6. One way to write a number, one way to fit a label: the script's copies agree with the Java code

    @Test
    void theScriptFormatsNumbersAndFitsLabelsAsTheJavaCodeDoes() {
        open(battleReport.resolve(BATTLE + ".path.svg"));
        long[] values = {0, 1, 999, 1000, 1023, 1024, 1025, 1536, 10_239, 10_240, 1_048_575, 1_048_576,
            22_334_668, 1_073_741_823L, 5_000_000_000L, 123_456_789_012L, 1L << 50};
        long[][] shares = {{1, 3, 2}, {2, 3, 1}, {300_000, 1_028_403, 2}, {0, 0, 2}, {5, 0, 1}, {1, 8, 2},
            {1, 16, 1}, {1, 200, 1}, {843_440, 1_028_403, 2}, {7, 7, 2}};
        String[] texts = {"anything", "abcd", "客户端/界面/背包.py:42", "client/ui/bag.py:42",
            "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "a"};
        double charWidth = LabelFit.CHAR_WIDTH * SvgOptions.defaults().fontSize();
        double[] widths = {10, 6 + 2 * charWidth, 6 + 3 * charWidth, 6 + 5 * charWidth, 50, 100, 1000};
        StringBuilder calls = new StringBuilder("[");
        List<String> expected = new ArrayList<>();
        for (long value : values) {
            calls.append("m.human(").append(value).append("), m.grouped(").append(value).append("), ");
            expected.add(Numbers.bytes(value));
            expected.add(Numbers.grouped(value));
        }
        for (long[] share : shares) {
            calls.append("m.percent(").append(share[0]).append(", ").append(share[1]).append(", ").append(share[2])
                    .append("), ");
            expected.add(Numbers.percent(share[0], share[1], (int) share[2]));
        }
        for (String text : texts) {
            for (double width : widths) {
                for (boolean keepEnd : new boolean[] {false, true}) {
                    calls.append("m.fit(").append(jsString(text)).append(", ").append(width).append(", ")
                            .append(charWidth).append(", ").append(keepEnd).append("), ");
                    expected.add(LabelFit.fit(text, width, charWidth, keepEnd));
                }
            }
        }
        long[][] changes = {{0, 0}, {0, 10}, {5, 0}, {-5, 5}, {1536, 1024}, {-1536, 3000}, {-4, 10_000},
            {5, 1000}, {-5, 1000}, {-50, 1000}, {1_048_576, 1}, {-1_073_741_823L, 2_000_000_000L}};
        for (long[] change : changes) {
            calls.append("m.signedHuman(").append(change[0]).append("), m.signedPercent(").append(change[0])
                    .append(", ").append(change[1]).append("), ");
            expected.add(Numbers.signedBytes(change[0]));
            expected.add(Numbers.changePercent(change[0], change[1]));
        }
        calls.setLength(calls.length() - 2);
        List<String> actual = strings(browser.evaluate("(function () { var m = window.memflame; return "
                + calls + "]; })()"));
        assertEquals(expected, actual);
    }

    // Helpers

    private static void open(Path file) {
        assertTrue(Files.isRegularFile(file), "the report has " + file);
        browser.navigate(file.toUri().toString());
        assertTrue(browser.evaluate("!!window.__memflameDetector").asBoolean(), "the detector runs in " + file);
    }

    private static JsonNode frame(String name) {
        return browser.evaluate("(function () {" + HELPERS + " return frameState(findFrame("
                + jsString(name) + ")); })()");
    }

    private static JsonNode allFrames() {
        return browser.evaluate("(function () {" + HELPERS + " return Array.prototype.map.call("
                + "document.querySelectorAll('#frames > g'), frameState); })()");
    }

    private static void clickFrame(String name) {
        clickAt(browser.evaluate("(function () {" + HELPERS + " return box(findFrame(" + jsString(name)
                + ").getElementsByTagName('rect')[0]); })()"));
    }

    private static void clickElement(String elementExpression) {
        clickAt(browser.evaluate("(function () {" + HELPERS + " return box(" + elementExpression + "); })()"));
    }

    private static void clickAt(JsonNode box) {
        assertTrue(box.get("width").asDouble() > 1, "the element to click is visible: " + box);
        browser.click(box.get("x").asDouble(), box.get("y").asDouble());
    }

    /** Clicks the header link of a flame graph with the mouse and waits for the page it opens. */
    private static void followLink(String text) {
        var loaded = browser.next("Page.loadEventFired");
        clickElement("Array.prototype.find.call(document.querySelectorAll('#nav a'), function (a) {"
                + " return a.textContent === " + jsString(text) + "; })");
        Chromium.await(loaded, "the page the link '" + text + "' opens");
        assertTrue(browser.evaluate("!!window.__memflameDetector").asBoolean(), "the detector runs after " + text);
    }

    private static String header(String table, String text) {
        return "Array.prototype.find.call(document.querySelectorAll('#" + table + " thead th'), function (th) {"
                + " return th.textContent.trim() === " + jsString(text) + "; })";
    }

    private static List<Long> columnValues(String table, int column) {
        JsonNode values = browser.evaluate("Array.prototype.map.call(document.querySelectorAll('#" + table
                + " tbody tr'), function (row) { return row.cells[" + column + "].getAttribute('data-value'); })");
        List<Long> out = new ArrayList<>();
        values.forEach(value -> out.add(Long.parseLong(value.asText())));
        return out;
    }

    private static String widthsText() {
        return browser.evaluate("document.getElementById('diff-widths').textContent").asText();
    }

    private static String matched(long bytes, long of) {
        return "Matched: " + String.format(Locale.ROOT, "%.1f", bytes * 100.0 / of) + "% (" + Numbers.bytes(bytes)
                + ")";
    }

    private static String matchedText() {
        return browser.evaluate("document.getElementById('matched').textContent").asText();
    }

    private static int svgWidth() {
        return browser.evaluate("Number(document.documentElement.getAttribute('width'))").asInt();
    }

    /** The highlighted frames are exactly those whose full name the regex finds (the root never). */
    private static void assertHighlighted(Pattern pattern) {
        for (JsonNode frame : allFrames()) {
            String name = frame.get("name").asText();
            boolean match = pattern != null && !name.equals("all") && pattern.matcher(name).find();
            assertEquals(match, Palette.MEMORY.highlight().equals(frame.get("fill").asText()),
                    name + (match ? " is highlighted" : " is not highlighted"));
        }
    }

    /**
     * {@code Matched: P% (H)} as the path view must show it, computed from the folded snapshot: the bytes of the
     * stacks under the zoomed frame ({@code null} for the whole graph) with at least one frame on their path whose
     * name the regex finds, so bytes under nested matches count once.
     */
    private static String expectedMatched(Pattern pattern, String zoomedFrame) {
        long matched = 0;
        long whole = 0;
        for (StackTotal stack : battleFolded.stacks()) {
            List<String> names = pathViewNames(stack);
            if (zoomedFrame != null && !names.contains(zoomedFrame)) {
                continue;
            }
            whole += stack.bytes();
            if (names.stream().anyMatch(name -> pattern.matcher(name).find())) {
                matched += stack.bytes();
            }
        }
        assertTrue(matched > 0 && matched < whole, "the regex " + pattern + " should match part of the view");
        return "Matched: " + String.format(Locale.ROOT, "%.1f", matched * 100.0 / whole) + "% ("
                + Numbers.bytes(matched) + ")";
    }

    /**
     * The names of a stack's path-view frames below the root: each directory, the file, then {@code file:line}
     * (none when the line is unknown).
     */
    private static List<String> pathViewNames(StackTotal stack) {
        Site site = stack.allocatingSite();
        if (site == null) {
            return List.of(FlameTree.UNKNOWN);
        }
        List<String> names = new ArrayList<>();
        String name = null;
        for (String component : PathNormalizer.components(site.path())) {
            name = name == null ? component : name + "/" + component;
            names.add(name);
        }
        if (site.line() != 0) {
            names.add(name + ":" + site.line());
        }
        return names;
    }

    private static void screenshot(String name) throws IOException {
        // From the top: a sticky table header would otherwise be drawn where the page was scrolled to.
        JsonNode size = browser.evaluate("(function () { window.scrollTo(0, 0); var e = document.documentElement;"
                + " if (e.namespaceURI === 'http://www.w3.org/2000/svg') {"
                + "   return {w: Number(e.getAttribute('width')), h: Number(e.getAttribute('height'))}; }"
                + " return {w: Math.max(e.scrollWidth, document.body.scrollWidth),"
                + "   h: Math.max(e.scrollHeight, document.body.scrollHeight)}; })()");
        Files.write(SCREENSHOTS.resolve(name), browser.screenshot(size.get("w").asDouble(), size.get("h").asDouble()));
    }

    /** Check 6: console errors, uncaught exceptions, log errors, alert calls and unexpected dialogs. */
    private static void assertNoPageErrors() {
        browser.evaluate("1"); // a round trip, so every event the page sent before it has arrived
        List<String> problems = new ArrayList<>();
        for (JsonNode event : browser.events()) {
            String method = event.path("method").asText();
            JsonNode params = event.path("params");
            switch (method) {
                case "Runtime.exceptionThrown" -> problems.add("uncaught: "
                        + params.path("exceptionDetails").path("exception").path("description").asText(
                        params.path("exceptionDetails").path("text").asText()));
                case "Runtime.consoleAPICalled" -> {
                    String type = params.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        problems.add("console." + type + ": " + params.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    if (params.path("entry").path("level").asText().equals("error")) {
                        problems.add("log: " + params.path("entry").path("text").asText() + " "
                                + params.path("entry").path("url").asText());
                    }
                }
                default -> {
                }
            }
        }
        for (JsonNode dialog : dialogs) {
            if (!dialog.path("type").asText().equals("prompt")) {
                problems.add("dialog: " + dialog);
            }
        }
        JsonNode calls = browser.evaluate("window.__memflameDetector ? window.__memflameDetector.calls : []");
        if (calls.size() > 0) {
            problems.add("calls: " + calls);
        }
        assertEquals(List.of(), problems, "the pages reported errors");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static String jsString(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    // Reports

    private static Path fixtureDirectory() throws URISyntaxException {
        return Path.of(BrowserReportTest.class.getResource("/fixtures/oracle.json").toURI()).getParent();
    }

    private static List<Budget> battleBudgets() {
        return List.of(
                new Budget("client/controller", ByteSize.parse("1 MiB"), "1 MiB", Scope.SELF, null),
                new Budget("client/ui", ByteSize.parse("512 KiB"), "512 KiB", Scope.SELF, null),
                new Budget("common/data", ByteSize.parse("1 MB"), "1 MB", Scope.INCLUSIVE, null),
                new Budget("**/net/**", ByteSize.parse("100 KiB"), "100 KiB", Scope.SELF, null),
                new Budget("clinet/typo", ByteSize.parse("1 KiB"), "1 KiB", Scope.SELF, null));
    }

    /** Runs the real check, as the mojo does, into {@code output}. */
    private static CheckOutcome check(Path snapshots, List<String> includes, List<Budget> budgets, Path output)
            throws IOException, CheckFailure {
        return check(snapshots, includes, budgets, output, List.of());
    }

    private static CheckOutcome check(Path snapshots, List<String> includes, List<Budget> budgets, Path output,
                                      List<Path> sourceRoots) throws IOException, CheckFailure {
        CheckSettings settings = CheckSettingsBuilder.snapshots(snapshots).includes(includes)
                .stripPrefixes(List.of(STRIP)).budgets(budgets).warnAtPercent(80).output(output)
                .sourceRoots(sourceRoots).build();
        return new MemflameCheck(settings, new RecordingListener()).run();
    }

    private static FoldedSnapshot fold(Path file, String name) throws IOException, DumpFormatException {
        SnapshotFolder folder = new SnapshotFolder();
        DumpFormat format = new DumpLoader(StandardCharsets.UTF_8, 1L << 30).load(file, name, folder);
        return folder.fold(name, format, new PathNormalizer(List.of(STRIP)), List.of());
    }

    /**
     * A report whose snapshots have baselines: the demo's battle scene of a run that leaks against the run before
     * ({@code src/test/resources/baseline}), and {@link DiffFlameGraphTest}'s small snapshot, where a frame vanished.
     */
    private static void writeDiffReport(Path output) throws IOException, DumpFormatException, URISyntaxException {
        Path baselines = fixtures.resolveSibling("baseline");
        SnapshotReport leaking = SnapshotReport.of(fold(baselines.resolve("after").resolve(LEAKING), LEAKING),
                fold(baselines.resolve("before").resolve(LEAKING), LEAKING), SvgOptions.defaults());
        FoldedSnapshot current = DiffFlameGraphTest.current();
        FoldedSnapshot synthetic = new FoldedSnapshot(SYNTHETIC_DIFF, current.format(), current.traces(),
                current.totalBytes(), 0, 0, current.stacks(), current.functionNames());
        SnapshotReport small = SnapshotReport.of(synthetic, DiffFlameGraphTest.baseline(), SvgOptions.defaults());
        ReportWriter.write(output, new CheckReport(true, List.of(leaking, small), List.of(), List.of()),
                SvgOptions.defaults());
    }

    /**
     * The real check of the leaking run against the report of the run before as its baseline, with growth budgets and
     * the demo's sources, as a team's CI runs it; the baseline report is written first, so it is newer than the
     * sources, and the dumps are copied now, so they are too.
     */
    private static void writeGrowthReport(Path output, Path baseline) throws IOException, CheckFailure {
        Path runs = fixtures.resolveSibling("baseline");
        Path sources = Path.of("examples/game-demo/src/main/python");
        new MemflameCheck(CheckSettingsBuilder.snapshots(runs.resolve("before")).stripPrefixes(List.of(STRIP))
                .output(baseline).build(), new RecordingListener()).run();
        Path after = REPORTS.resolve("growth-input");
        Files.createDirectories(after);
        try (var dumps = Files.list(runs.resolve("after"))) {
            for (Path dump : dumps.toList()) {
                Path copy = after.resolve(dump.getFileName().toString());
                Files.copy(dump, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis()));
            }
        }
        new MemflameCheck(CheckSettingsBuilder.snapshots(after).stripPrefixes(List.of(STRIP)).output(output)
                .baseline(baseline).sourceRoots(List.of(sources)).budgets(List.of(
                        Budget.parse("budget 1", "client/controller", "4 MiB", "10%", null, null, null),
                        Budget.parse("budget 2", "client/ui", null, "1 KiB", "inclusive", null, null))).build(),
                new RecordingListener()).run();
    }

    /**
     * Copies the XSS fixture to a file named {@link #HOSTILE_NAME}, so the snapshot name is hostile too; returns
     * that name, or {@code null} where the file system refuses such a name.
     */
    private static String hostileCopy() throws IOException {
        Path input = REPORTS.resolve("xss-input");
        Files.createDirectories(input);
        try {
            Files.copy(fixtures.resolve(XSS_FIXTURE), input.resolve(HOSTILE_NAME),
                    StandardCopyOption.REPLACE_EXISTING);
            return HOSTILE_NAME;
        } catch (InvalidPathException | IOException refused) {
            return null;
        }
    }
}
