package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.memflame.check.CheckSettingsBuilder;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.check.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In Chromium, over the DevTools protocol as {@link BrowserReportTest} drives it: the differential graph of real
 * runs before and after three lines were inserted above {@code class BattleController}
 * ({@code src/test/resources/moved/inserted}) says, in the tooltip of a frame that moved, the line it was on.
 */
class MovedLinesBrowserTest {
    private static final Path REPORTS = Path.of("target").toAbsolutePath().resolve("browser-reports");
    private static final Path MOVED = Path.of("src/test/resources/moved/inserted");
    private static final Path GAME_SOURCES = Path.of("examples/game-demo/src/main/python");
    private static final String STRIP = "I:/G1/trunk/code/Script/Python/";
    private static final String BATTLE = "scene-3-battle.pickle";
    private static final String TICK = "client/controller/battle_controller.py:40 BattleController._tick (was line 37)";

    private static Chromium browser;
    private static Path report;

    @BeforeAll
    static void writeReportAndStartBrowser() throws Exception {
        Optional<Path> chromium = Chromium.find();
        if (chromium.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so the browser tests must run, but Chromium is not installed");
            }
            return;
        }
        Path baseline = REPORTS.resolve("moved-baseline");
        check(copiedNow("before"), baseline, null, List.of(GAME_SOURCES));
        report = REPORTS.resolve("moved");
        check(copiedNow("after"), report, baseline, List.of(MOVED.resolve("src"), GAME_SOURCES));
        browser = Chromium.launch(chromium.get(), REPORTS.resolve("moved-chromium.log"));
        browser.send("Page.enable");
        browser.send("Runtime.enable");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void aMovedFramesTooltipSaysWhichLineItWas() {
        Assumptions.assumeTrue(browser != null, "Chromium is not installed");
        for (String view : List.of("stack", "path")) {
            browser.navigate(report.resolve(BATTLE + "." + view + ".diff.svg").toUri().toString());
            String tooltip = browser.evaluate("(function () {"
                    + " var all = document.querySelectorAll('#frames > g'), found = null;"
                    + " for (var i = 0; i < all.length; i++) {"
                    + "   var title = all[i].getElementsByTagName('title')[0];"
                    + "   if (title.textContent.split('\\n')[0] === '" + TICK + "') { found = all[i]; break; } }"
                    + " if (!found) { throw new Error('no frame " + TICK + "'); }"
                    + " found.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));"
                    + " return found.getElementsByTagName('title')[0].textContent; })()").asText();
            List<String> lines = tooltip.lines().toList();
            assertEquals(TICK, lines.get(0), view + ": " + tooltip);
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("change: 0 bytes")),
                    view + ": matched with its old line, the frame did not change: " + tooltip);
            assertTrue(browser.evaluate("document.getElementById('details').textContent").asText()
                    .startsWith(TICK), view);
        }
    }

    private static void check(Path dumps, Path output, Path baseline, List<Path> sourceRoots) throws Exception {
        new MemflameCheck(CheckSettingsBuilder.snapshots(dumps).stripPrefixes(List.of(STRIP)).output(output)
                .baseline(baseline).sourceRoots(sourceRoots).build(), new RecordingListener()).run();
    }

    /** A run's dump, copied now, so that it is newer than the sources as a test run's is. */
    private static Path copiedNow(String run) throws Exception {
        Path copy = REPORTS.resolve("moved-" + run + "-input").resolve(BATTLE);
        Files.createDirectories(copy.getParent());
        Files.copy(MOVED.resolve(run).resolve(BATTLE), copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis()));
        return copy.getParent();
    }
}
