package io.github.memflame.render;

import io.github.memflame.summary.JsonSummary;
import io.github.memflame.summary.BaselineUsed;
import io.github.memflame.summary.ReportSummary;
import io.github.memflame.summary.SummaryReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Growth;
import io.github.memflame.budget.GrowthLimit;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.SiteChange;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSummaryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void summaryHasTheContractedShape() throws Exception {
        StringWriter out = new StringWriter();
        JsonSummary.write(Reports.failed().summaryContent(), out);
        JsonNode json = MAPPER.readTree(out.toString());

        assertEquals(List.of("schema", "baselineFormat", "result", "baseline", "snapshots", "budgets", "unreadable",
                "functionNames", "comparisons", "leakChecks"), fields(json));
        assertEquals(2, json.get("baselineFormat").intValue());
        assertTrue(json.get("baseline").isNull(), "no baseline, and then no baselineTotalBytes or new either");
        assertTrue(json.get("functionNames").isNull(), "no sourceRoots, no function names");
        assertEquals(0, json.get("unreadable").size());
        assertEquals(1, json.get("schema").intValue());
        assertEquals("failed", json.get("result").textValue());

        JsonNode battle = json.get("snapshots").get(0);
        assertEquals(List.of("name", "format", "traces", "totalBytes", "excludedTraces", "excludedBytes",
                "topLevelPaths", "reports", "folded", "lines"), fields(battle));
        // The path view's top-level directories, largest first, adding up to the total: 300,000 + 200,000 +
        // 343,440 under client, 100,000 + 84,963 under engine.
        assertEquals("[{\"path\":\"client\",\"bytes\":843440},{\"path\":\"engine\",\"bytes\":184963}]",
                battle.get("topLevelPaths").toString());
        assertEquals("scene-2-battle.pickle.lines.txt", battle.get("lines").textValue());
        assertEquals("scene-2-battle.pickle", battle.get("name").textValue());
        assertEquals("tracemalloc-pickle", battle.get("format").textValue());
        assertEquals(13_001, battle.get("traces").longValue());
        assertEquals(1_028_403, battle.get("totalBytes").longValue());
        assertEquals("scene-2-battle.pickle.path.svg", battle.get("reports").get("path").textValue());
        assertEquals("scene-2-battle.pickle.stack.svg", battle.get("reports").get("stack").textValue());
        assertEquals("scene-2-battle.pickle.path.folded.gz", battle.get("folded").get("path").textValue());
        assertEquals("scene-2-battle.pickle.stack.folded.gz", battle.get("folded").get("stack").textValue());
        JsonNode menu = json.get("snapshots").get(1);
        assertEquals("sub/dir/scene 1#menu.pickle", menu.get("name").textValue());
        assertEquals("[{\"path\":\"client\",\"bytes\":5000000},{\"path\":\"客户端\",\"bytes\":70000}]",
                menu.get("topLevelPaths").toString());
        assertEquals(12, menu.get("excludedTraces").longValue());
        assertEquals(4096, menu.get("excludedBytes").longValue());

        assertEquals(4, json.get("budgets").size());
        JsonNode controller = json.get("budgets").get(0);
        assertEquals(List.of("path", "scope", "snapshot", "snapshotsGlob", "limitBytes", "limit", "maxGrowth",
                "actualBytes", "status", "level", "failsBuild", "topSites", "growth"), fields(controller));
        assertTrue(controller.get("snapshotsGlob").isNull());
        assertFalse(controller.get("failsBuild").booleanValue());
        assertTrue(json.get("budgets").get(1).get("failsBuild").booleanValue());
        assertTrue(json.get("budgets").get(2).get("failsBuild").booleanValue());
        assertTrue(controller.get("maxGrowth").isNull());
        assertTrue(controller.get("growth").isNull());
        assertEquals("client/controller", controller.get("path").textValue());
        assertEquals("self", controller.get("scope").textValue());
        assertEquals("scene-2-battle.pickle", controller.get("snapshot").textValue());
        assertEquals(20_971_520, controller.get("limitBytes").longValue());
        assertEquals("20 MiB", controller.get("limit").textValue());
        assertEquals(543_440, controller.get("actualBytes").longValue());
        assertEquals("ok", controller.get("status").textValue());
        assertEquals("fail", controller.get("level").textValue());
        assertEquals("client/controller/input.py:7", controller.get("topSites").get(0).get("site").textValue());
        assertEquals(List.of("site", "function", "bytes"), fields(controller.get("topSites").get(0)));
        assertTrue(controller.get("topSites").get(0).get("function").isNull());
        assertEquals(343_440, controller.get("topSites").get(0).get("bytes").longValue());
        assertEquals(List.of("ok", "exceeded", "unmatched", "warning"),
                List.of(json.get("budgets").get(0).get("status").textValue(),
                        json.get("budgets").get(1).get("status").textValue(),
                        json.get("budgets").get(2).get("status").textValue(),
                        json.get("budgets").get(3).get("status").textValue()));
        assertEquals("inclusive", json.get("budgets").get(1).get("scope").textValue());
        assertEquals(0, json.get("budgets").get(2).get("topSites").size());
    }

    @Test
    void baselineGrowthAndNewSnapshotsAreInTheSummary() throws Exception {
        FoldedSnapshot battle = Snapshots.battle();
        FoldedSnapshot menu = Reports.menu();
        Budget growthOnly = new Budget("client/controller", Budget.NO_MAX, null, Scope.SELF, null, BudgetLevel.FAIL,
                GrowthLimit.parse("10%"));
        Growth growth = new Growth(400_000, 143_440, growthOnly.maxGrowth(), BudgetStatus.EXCEEDED,
                List.of(new SiteChange("client/controller/input.py:7", "Input.poll", 200_000, 343_440)));
        CheckReport report = new CheckReport(false, List.of(Reports.report(battle), Reports.report(menu)), List.of(
                new BudgetResult(growthOnly, battle.name(), 543_440, BudgetStatus.EXCEEDED, List.of(), growth),
                new BudgetResult(growthOnly, menu.name(), 0, BudgetStatus.NOT_CHECKED, List.of(), null)),
                List.of(), null, false,
                new BaselineUsed("ci/last-green", Map.of(battle.name(), 1_000_000L, "gone.pickle", 5L),
                        List.of("gone.pickle")));
        StringWriter out = new StringWriter();
        JsonSummary.write(report.summaryContent(), out);
        JsonNode json = MAPPER.readTree(out.toString());

        assertEquals("ci/last-green", json.get("baseline").get("source").textValue());
        assertEquals("[\"gone.pickle\"]", json.get("baseline").get("missingSnapshots").toString());
        JsonNode battleJson = json.get("snapshots").get(0);
        assertEquals(1_000_000, battleJson.get("baselineTotalBytes").longValue());
        assertTrue(battleJson.get("new") == null);
        JsonNode menuJson = json.get("snapshots").get(1);
        assertTrue(menuJson.get("new").booleanValue());
        assertTrue(menuJson.get("baselineTotalBytes") == null);

        JsonNode grown = json.get("budgets").get(0);
        assertTrue(grown.get("limitBytes").isNull());
        assertTrue(grown.get("limit").isNull());
        assertEquals("10%", grown.get("maxGrowth").textValue());
        assertEquals("exceeded", grown.get("status").textValue());
        assertEquals("{\"baselineBytes\":400000,\"deltaBytes\":143440,\"deltaPercent\":35.86,\"limitBytes\":40000,"
                + "\"limit\":\"10%\",\"status\":\"exceeded\",\"topChanges\":[{\"site\":\"client/controller/input.py:7\","
                + "\"function\":\"Input.poll\",\"beforeBytes\":200000,\"afterBytes\":343440,\"deltaBytes\":143440}]}",
                grown.get("growth").toString());
        JsonNode notChecked = json.get("budgets").get(1);
        assertEquals("not-checked", notChecked.get("status").textValue());
        assertTrue(notChecked.get("growth").isNull());
    }

    @Test
    void passedAndOddNamesSurviveUtf8() throws Exception {
        CheckReport report = new CheckReport(true, List.of(Reports.report(
                Snapshots.named("场景/bad\uD800\"name.json").add(10, "a.py:1").build())), List.of(), List.of());
        StringWriter chars = new StringWriter();
        JsonSummary.write(report.summaryContent(), chars);
        byte[] bytes = chars.toString().getBytes(StandardCharsets.UTF_8);
        JsonNode json = MAPPER.readTree(bytes);
        assertEquals("passed", json.get("result").textValue());
        assertEquals("场景/bad\uFFFD\"name.json", json.get("snapshots").get(0).get("name").textValue());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"schema\" : 1"));
    }

    @Test
    void topLevelPathsOfEqualBytesGoByNameAndThoseThatDifferOnlyInLoneSurrogatesAreOne() throws Exception {
        CheckReport report = new CheckReport(true, List.of(Reports.report(Snapshots.named("scene.json")
                .add(7, "b/x.py:1").add(7, "a/x.py:1").add(3, "c\uD800/x.py:1").add(4, "c\uDC00/x.py:1")
                .add(5, "main.py:2").build())), List.of(), List.of());
        StringWriter out = new StringWriter();
        JsonSummary.write(report.summaryContent(), out);
        assertEquals("[{\"path\":\"a\",\"bytes\":7},{\"path\":\"b\",\"bytes\":7},{\"path\":\"c\uFFFD\",\"bytes\":7},"
                + "{\"path\":\"main.py\",\"bytes\":5}]",
                MAPPER.readTree(out.toString()).get("snapshots").get(0).get("topLevelPaths").toString());
    }

    /** A dump of many top-level files names the 20 largest; the others hold the rest of the total. */
    @Test
    void onlyTheTwentyLargestTopLevelPathsAreWritten() throws Exception {
        Snapshots snapshot = Snapshots.named("files.json");
        for (int i = 1; i <= 25; i++) {
            snapshot.add(i * 100L, "file" + i + ".py:1");
        }
        StringWriter out = new StringWriter();
        JsonSummary.write(new CheckReport(true, List.of(Reports.report(snapshot.build())), List.of(), List.of())
                .summaryContent(), out);
        JsonNode written = MAPPER.readTree(out.toString()).get("snapshots").get(0);
        JsonNode paths = written.get("topLevelPaths");
        assertEquals(20, paths.size());
        assertEquals("{\"path\":\"file25.py\",\"bytes\":2500}", paths.get(0).toString());
        assertEquals("{\"path\":\"file6.py\",\"bytes\":600}", paths.get(19).toString());
        long named = 0;
        for (JsonNode path : paths) {
            named += path.get("bytes").longValue();
        }
        assertEquals(100 + 200 + 300 + 400 + 500, written.get("totalBytes").longValue() - named);
    }

    /** What check writes, report-aggregate and the baseline reader read back: the same paths, bytes and order. */
    @Test
    void topLevelPathsAreReadBackExactly(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("memflame.json");
        try (Writer out = Files.newBufferedWriter(file)) {
            JsonSummary.write(Reports.failed().summaryContent(), out);
        }
        List<ReportSummary.Snapshot> snapshots = SummaryReader.read(file).snapshots();
        assertEquals(List.of(new ReportSummary.TopLevelPath("client", 843_440),
                new ReportSummary.TopLevelPath("engine", 184_963)), snapshots.get(0).topLevelPaths());
        assertEquals(List.of(new ReportSummary.TopLevelPath("client", 5_000_000),
                new ReportSummary.TopLevelPath("客户端", 70_000)), snapshots.get(1).topLevelPaths());
        assertEquals(snapshots, SummaryReader.readBaseline(file).snapshots());
    }
}
