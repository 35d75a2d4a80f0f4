package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Drift;
import io.github.memflame.format.Numbers;
import io.github.memflame.history.HistoryEntry;
import io.github.memflame.history.HistorySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve builds of the demo, each a real CPython 3.11 run ({@code src/test/resources/history/sequence}, written by
 * {@code make_history_fixtures.py}), where {@code battle_controller.py} grows about 3% per build and build 9 adds
 * 15% to the snapshot's total elsewhere: each build is checked with the previous build's report as its baseline and
 * that report's {@code history} as its history, as CI carries them. Every figure is CPython's own
 * ({@code oracle.json}): a {@code maxGrowth 5%} passes in every build, a {@code maxDrift 20%} fails first in the
 * build the oracle names, measured from build 1.
 */
class HistorySequenceTest {
    private static final Path FIXTURES = Path.of("src/test/resources/history/sequence");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");
    private static final String BATTLE = "scene-3-battle.pickle";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static JsonNode oracle;
    private static List<Build> builds;

    /** One build's check: its outcome, its log and where its report is. */
    record Build(String label, CheckOutcome outcome, List<String> log, Path report) {
        BudgetResult result(boolean drift) {
            return outcome.report().budgets().stream()
                    .filter(result -> (result.budget().maxDrift() != null) == drift).findFirst().orElseThrow();
        }
    }

    @BeforeAll
    static void checkTwelveBuilds() throws Exception {
        oracle = JSON.readTree(FIXTURES.resolve("oracle.json").toFile());
        String path = oracle.get("budgetPath").asText();
        JsonNode expected = oracle.get("expected");
        List<Budget> budgets = List.of(
                Budget.parse("budget 1", path, null, expected.get("maxGrowthPercent").asText() + "%", null, null,
                        null, null),
                Budget.parse("budget 2", path, null, null, expected.get("maxDriftPercent").asText() + "%", null,
                        null, null));
        builds = new ArrayList<>();
        Path previous = null;
        for (JsonNode build : oracle.get("builds")) {
            String label = build.get("label").asText();
            Path report = work.resolve(label).resolve("memflame");
            RecordingListener log = new RecordingListener();
            CheckSettings settings = CheckSettingsBuilder.snapshots(FIXTURES.resolve(label)).output(report)
                    .stripPrefixes(STRIP).budgets(budgets)
                    .baseline(previous)
                    .history(new HistorySettings(previous == null ? work.resolve("no-history")
                            : previous.resolve("history"), 100, label, null))
                    .build();
            builds.add(new Build(label, new MemflameCheck(settings, log).run(), log.lines(), report));
            previous = report;
        }
    }

    @Test
    void everyFigureIsCPythons() {
        for (int i = 0; i < builds.size(); i++) {
            JsonNode expected = oracle.get("builds").get(i);
            Build build = builds.get(i);
            assertEquals(expected.get("budgetBytes").asLong(), build.result(false).actualBytes(), build.label());
            assertEquals(expected.get("budgetBytes").asLong(), build.result(true).actualBytes(), build.label());
            HistoryEntry.SnapshotFigures snapshot = build.outcome().report().history().current().snapshots().get(0);
            assertEquals(BATTLE, snapshot.name());
            assertEquals(expected.get("totalBytes").asLong(), snapshot.totalBytes(), build.label());
            assertEquals(expected.get("traces").asLong(), snapshot.traces(), build.label());
            Map<String, Long> directories = new LinkedHashMap<>();
            expected.get("directories").fields()
                    .forEachRemaining(e -> directories.put(e.getKey(), e.getValue().asLong()));
            assertEquals(directories, new java.util.TreeMap<>(snapshot.directories()), build.label());
        }
    }

    @Test
    void maxGrowthOfFivePercentPassesInEveryBuild() {
        assertEquals(BudgetStatus.NOT_CHECKED, builds.get(0).result(false).status());
        for (Build build : builds.subList(1, builds.size())) {
            BudgetResult growth = build.result(false);
            assertEquals(BudgetStatus.OK, growth.status(), build.label());
            assertEquals(BudgetStatus.OK, growth.growth().status(), build.label());
        }
    }

    @Test
    void maxDriftOfTwentyPercentFailsFirstInTheBuildTheOracleNames() {
        String firstFailure = oracle.get("expected").get("firstDriftFailure").asText();
        String reference = oracle.get("expected").get("driftReference").asText();
        long referenceBytes = oracle.get("builds").get(0).get("budgetBytes").asLong();
        assertNull(builds.get(0).result(true).drift(), "build 1 has no history to measure from");
        assertEquals(BudgetStatus.NOT_CHECKED, builds.get(0).result(true).status());
        boolean failed = false;
        for (Build build : builds.subList(1, builds.size())) {
            Drift drift = build.result(true).drift();
            assertEquals(reference, drift.referenceBuild(), build.label());
            assertEquals(referenceBytes, drift.referenceBytes(), build.label());
            assertEquals(build.result(true).actualBytes() - referenceBytes, drift.deltaBytes(), build.label());
            failed |= build.label().equals(firstFailure);
            assertEquals(failed ? BudgetStatus.EXCEEDED : BudgetStatus.OK, drift.status(), build.label());
            assertEquals(!failed, build.outcome().passed(), build.label());
        }
        assertTrue(failed, "the oracle's first failing build was checked");
    }

    @Test
    void theFailingBuildNamesTheReferenceItsFigureNowTheDriftTheLimitAndTheBuildsThatAddedMost() {
        String firstFailure = oracle.get("expected").get("firstDriftFailure").asText();
        Build build = builds.stream().filter(b -> b.label().equals(firstFailure)).findFirst().orElseThrow();
        int index = builds.indexOf(build);
        long reference = budgetBytes(0);
        long now = budgetBytes(index);
        long allowed = reference * 20 / 100;
        List<String> errors = build.log().stream().filter(line -> line.startsWith("[ERROR] ")).toList();
        assertEquals("[ERROR] Memory drift exceeded: " + oracle.get("budgetPath").asText() + " (self) in " + BATTLE
                + ": " + Numbers.signedBytes(now - reference) + " since build build-01 ("
                + Numbers.signedPercent(now - reference, reference) + ") > allowed +20% of build build-01's figure ("
                + Numbers.bytes(allowed) + ")", errors.get(0));
        assertEquals("[ERROR]   reference build build-01 " + Numbers.grouped(reference) + " bytes, now "
                + Numbers.grouped(now) + " bytes, drift " + Numbers.signedGrouped(now - reference) + " bytes, allowed "
                + Numbers.grouped(allowed) + " bytes (configured as '20%')", errors.get(1));
        assertEquals("[ERROR]   builds that added most:", errors.get(2));
        List<Integer> added = new ArrayList<>();
        for (int i = 1; i <= index; i++) {
            added.add(i);
        }
        added.sort(Comparator.comparingLong((Integer i) -> budgetBytes(i) - budgetBytes(i - 1)).reversed());
        for (int k = 0; k < 3; k++) {
            int i = added.get(k);
            assertEquals(String.format("[ERROR]     %10s  build %s (%s -> %s)",
                    Numbers.signedBytes(budgetBytes(i) - budgetBytes(i - 1)), builds.get(i).label(),
                    Numbers.bytes(budgetBytes(i - 1)), Numbers.bytes(budgetBytes(i))), errors.get(3 + k));
        }
        assertEquals(6, errors.size(), String.join("\n", errors));
    }

    @Test
    void eachReportCarriesTheHistoryWithFailedBuildsMarked() throws IOException {
        String firstFailure = oracle.get("expected").get("firstDriftFailure").asText();
        Build last = builds.get(builds.size() - 1);
        List<Path> files;
        try (Stream<Path> listed = Files.list(last.report().resolve("history"))) {
            files = listed.sorted().toList();
        }
        assertEquals(12, files.size());
        boolean failed = false;
        for (int i = 0; i < files.size(); i++) {
            assertEquals(String.format("build-%06d.history.json", i + 1), files.get(i).getFileName().toString());
            JsonNode entry = JSON.readTree(files.get(i).toFile());
            assertEquals(builds.get(i).label(), entry.get("build").asText());
            failed |= builds.get(i).label().equals(firstFailure);
            assertEquals(failed ? "failed" : "passed", entry.get("result").asText(), builds.get(i).label());
            assertEquals(budgetBytes(i), entry.get("budgets").get(0).get("figures").get(0).get(1).asLong());
        }
        JsonNode summary = JSON.readTree(last.report().resolve("memflame.json").toFile());
        JsonNode drift = summary.get("budgets").get(1).get("drift");
        assertEquals("20%", summary.get("budgets").get(1).get("maxDrift").asText());
        assertEquals("build-01", drift.get("referenceBuild").asText());
        assertEquals(budgetBytes(0), drift.get("referenceBytes").asLong());
        assertEquals(budgetBytes(11) - budgetBytes(0), drift.get("deltaBytes").asLong());
        assertEquals("exceeded", drift.get("status").asText());
        assertEquals(3, drift.get("topBuilds").size());
        assertTrue(summary.get("budgets").get(0).get("drift") == null, "a budget without maxDrift has no drift");
    }

    /** The index's budget table has a drift column: the figure against the reference build, and the allowance. */
    @Test
    void theIndexGivesEachDriftBesideItsBudget() throws IOException {
        Build last = builds.get(builds.size() - 1);
        String html = Files.readString(last.report().resolve("index.html"));
        long delta = budgetBytes(11) - budgetBytes(0);
        assertTrue(html.contains("<th tabindex=\"0\" data-type=\"number\">Drift</th>"), "a drift column");
        String cell = "<td class=\"num drift grew\" data-value=\"" + delta + "\" title=\"" + Numbers.signedGrouped(delta)
                + " bytes since build-01 (" + Numbers.grouped(budgetBytes(0)) + " bytes); allowed +"
                + Numbers.grouped(budgetBytes(0) * 20 / 100) + " bytes (maxDrift 20%)\">" + Numbers.signedBytes(delta)
                + "<span class=\"usage\"";
        String table = html.substring(html.indexOf("<table id=\"budgets\""),
                html.indexOf("</table>", html.indexOf("<table id=\"budgets\"")));
        assertTrue(html.contains(cell), table);
        String since = "</span><span class=\"sub since\">(" + Numbers.changePercent(delta, budgetBytes(0))
                + ") since <code>build-01</code></span></td>";
        assertTrue(table.substring(table.indexOf(cell)).split("</tr>")[0].contains(since), table);
        assertTrue(html.contains("title=\"no drift limit, or no earlier green build with this figure\">\u2014</td>"),
                "the budget without maxDrift has a dash");
        String first = Files.readString(builds.get(0).report().resolve("index.html"));
        assertFalse(first.contains(">Drift</th>"), "no drift measured in the first build: no column");
    }

    @Test
    void theJobSummaryHasASparklineWithTheFirstTheLastAndTheLargestStep() throws IOException {
        Build last = builds.get(builds.size() - 1);
        String markdown = Files.readString(last.report().resolve("memflame.md"));
        assertTrue(markdown.contains("### Trends over 12 builds\n\n| Budget | Trend | First | Last | Largest step |\n"),
                markdown);
        int largest = 1;
        for (int i = 2; i < builds.size(); i++) {
            if (budgetBytes(i) - budgetBytes(i - 1) > budgetBytes(largest) - budgetBytes(largest - 1)) {
                largest = i;
            }
        }
        String row = markdown.lines().filter(line -> line.contains("(self) in scene-3-battle.pickle | "))
                .findFirst().orElseThrow();
        assertTrue(row.matches("\\| .* \\| [\u2581-\u2588]{12} \\| " + java.util.regex.Pattern.quote(
                Numbers.bytes(budgetBytes(0)) + " | " + Numbers.bytes(budgetBytes(11)) + " | "
                + Numbers.signedBytes(budgetBytes(largest) - budgetBytes(largest - 1)) + " at `"
                + builds.get(largest).label() + "` |")), row);
    }

    private static long budgetBytes(int index) {
        return oracle.get("builds").get(index).get("budgetBytes").asLong();
    }
}
