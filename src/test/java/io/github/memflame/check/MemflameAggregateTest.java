package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.memflame.aggregate.ModuleReport;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.Scope;
import io.github.memflame.render.TimelineLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report-aggregate without Maven: module reports written by real check runs over the IT dumps. */
class MemflameAggregateTest {
    private static final Path IT_SNAPSHOTS = Path.of("src/it/passing-budgets/snapshots");

    @TempDir
    Path build;

    private final RecordingListener listener = new RecordingListener();

    /** A module whose check read one of the IT dumps with one budget on client/controller. */
    private Path module(String name, String dump, Budget budget) throws Exception {
        Path report = build.resolve(name).resolve("target/site/memflame");
        new MemflameCheck(CheckSettingsBuilder.snapshots(IT_SNAPSHOTS).includes(List.of(dump))
                .stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/")).budgets(List.of(budget)).output(report)
                .build(), new RecordingListener()).run();
        return report;
    }

    @Test
    void oneIndexOverEveryModuleWithPrefixedNamesAndWorkingLinks() throws Exception {
        Path client = module("client", "scene-3-battle.pickle",
                new Budget("client/controller", 1 << 20, "1 MiB", Scope.SELF, null));
        Path server = module("server", "scene-2-town.json.gz",
                new Budget("client/controller", 20 * 1024, "20 KiB", Scope.SELF, null, BudgetLevel.WARN));
        Path output = build.resolve("target/site/memflame-aggregate");

        List<ModuleReport> modules = new MemflameAggregate(listener).run(List.of(
                new MemflameAggregate.Module("game", build.resolve("target/site/memflame")),
                new MemflameAggregate.Module("client", client),
                new MemflameAggregate.Module("server", server)), output);

        assertEquals(List.of("client", "server"), modules.stream().map(ModuleReport::module).toList());
        assertEquals(List.of(
                "[INFO] memflame: module game has no memory report (" + build.resolve("target/site/memflame")
                        .resolve("memflame.json") + ")",
                "[INFO] memflame: module client: passed, 1 snapshot, 363.6 KiB; budgets: 1 check, 0 exceeded, "
                        + "0 warnings, 0 unmatched",
                "[INFO] memflame: module server: passed, 1 snapshot, 54.2 KiB; budgets: 1 check, 1 exceeded, "
                        + "0 warnings, 0 unmatched",
                "[INFO] Memory aggregate report: " + output.toAbsolutePath().resolve("index.html")), listener.lines());

        JsonNode summary = new ObjectMapper().readTree(output.resolve("memflame.json").toFile());
        assertEquals(1, summary.get("schema").intValue());
        assertEquals("passed", summary.get("result").textValue());
        JsonNode clientEntry = summary.get("modules").get(0);
        assertEquals("client", clientEntry.get("module").textValue());
        assertEquals(372_322, clientEntry.get("totalBytes").longValue());
        assertEquals("../../../client/target/site/memflame/index.html", clientEntry.get("report").textValue());
        assertEquals("client/scene-3-battle.pickle", clientEntry.get("snapshots").get(0).get("name").textValue());
        JsonNode serverBudget = summary.get("modules").get(1).get("budgets").get(0);
        assertEquals("server/scene-2-town.json.gz", serverBudget.get("snapshot").textValue());
        assertEquals("exceeded", serverBudget.get("status").textValue());
        assertEquals("warn", serverBudget.get("level").textValue());
        assertEquals(26_476, serverBudget.get("actualBytes").longValue());

        // Each snapshot's bytes by top-level directory, as CPython counts them (src/it/it-snapshot-figures.json):
        // client/controller/battle_controller.py 181,840 + client/ui/bag_panel.py 150,241, net/socket_pool.py 40,241.
        assertEquals("[{\"path\":\"client\",\"bytes\":332081},{\"path\":\"net\",\"bytes\":40241}]",
                clientEntry.get("snapshots").get(0).get("topLevelPaths").toString());

        String page = Files.readString(output.resolve("index.html"));
        assertEquals(List.of("scene-3-battle.pickle client 332081", "scene-3-battle.pickle net 40241",
                        "scene-2-town.json.gz client 49217", "scene-2-town.json.gz net 6241"), TimelineLayers.of(page),
                "each module's run stacked by top-level directory");
        assertTrue(page.contains(">client/scene-3-battle.pickle</a>"), page);
        assertTrue(page.contains(">server/scene-2-town.json.gz</a>"), page);
        assertTrue(page.contains("level warn"), page);
        Matcher links = Pattern.compile("href=\"([^\"#]+)\"").matcher(page);
        int checked = 0;
        while (links.find()) {
            assertTrue(Files.isRegularFile(output.resolve(links.group(1))), "broken link " + links.group(1));
            checked++;
        }
        assertEquals(1 + 2 + 2 * 2 + 2 + 2 + 2, checked, "memflame.json, two modules, two graphs each, a budget each, "
                + "two snapshot names and each module's run chart's bar");
    }

    /** A module whose memflame.json was written before it stated the top-level paths: its run as totals only. */
    @Test
    void aModuleSummaryWithoutTopLevelPathsIsDrawnAsTotals() throws Exception {
        Path client = module("client", "scene-3-battle.pickle",
                new Budget("client/controller", 1 << 20, "1 MiB", Scope.SELF, null));
        Path server = module("server", "scene-2-town.json.gz",
                new Budget("client/controller", 1 << 20, "1 MiB", Scope.SELF, null));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode older = (ObjectNode) mapper.readTree(server.resolve("memflame.json").toFile());
        older.get("snapshots").forEach(snapshot -> ((ObjectNode) snapshot).remove("topLevelPaths"));
        mapper.writeValue(server.resolve("memflame.json").toFile(), older);
        Path output = build.resolve("target/site/memflame-aggregate");

        new MemflameAggregate(listener).run(List.of(new MemflameAggregate.Module("client", client),
                new MemflameAggregate.Module("server", server)), output);

        assertEquals(List.of("scene-3-battle.pickle client 332081", "scene-3-battle.pickle net 40241",
                "scene-2-town.json.gz total 55458"), TimelineLayers.of(Files.readString(output.resolve("index.html"))));
        JsonNode snapshots = mapper.readTree(output.resolve("memflame.json").toFile()).get("modules").get(1)
                .get("snapshots");
        assertTrue(snapshots.get(0).get("topLevelPaths").isNull(), snapshots.toString());
    }

    @Test
    void aModuleBudgetThatAppliesToNoSnapshotIsARowWithoutSnapshot() throws Exception {
        Path client = module("client", "scene-3-battle.pickle",
                new Budget("client/controller", 1 << 20, "1 MiB", Scope.SELF, "**/*raid*"));
        Path output = build.resolve("target/site/memflame-aggregate");
        new MemflameAggregate(listener).run(List.of(new MemflameAggregate.Module("client", client)), output);
        JsonNode budget = new ObjectMapper().readTree(output.resolve("memflame.json").toFile())
                .get("modules").get(0).get("budgets").get(0);
        assertTrue(budget.get("snapshot").isNull(), budget.toString());
        assertEquals("unmatched", budget.get("status").textValue());
        String page = Files.readString(output.resolve("index.html"));
        assertTrue(page.contains("<td class=\"path\"><em>none</em></td>"), page);
        assertFalse(page.contains("client/null"), page);
    }

    @Test
    void noModuleWithAReportWritesNothing() throws Exception {
        Path output = build.resolve("aggregate");
        assertEquals(List.of(), new MemflameAggregate(listener).run(
                List.of(new MemflameAggregate.Module("tools", build.resolve("tools"))), output));
        assertTrue(Files.notExists(output));
        assertEquals("[WARNING] memflame: no module has a memory report (memflame.json); run check in the modules "
                + "first, e.g. mvn verify memflame:report-aggregate; no aggregate report written", listener.lines().get(1));
    }

    @Test
    void aSummaryThatIsNotOneFailsNamingTheFileAndPosition() throws Exception {
        Path report = Files.createDirectories(build.resolve("client/target/site/memflame"));
        Files.writeString(report.resolve("memflame.json"), "{\"schema\": 1,\n \"snapshots\": [{\"name\": 3, \"traces\": \"many\"}]}");
        IOException e = assertThrows(IOException.class, () -> new MemflameAggregate(listener).run(
                List.of(new MemflameAggregate.Module("client", report)), build.resolve("aggregate")));
        assertTrue(e.getMessage().startsWith(report.resolve("memflame.json") + ": line 2, column "), e.getMessage());
        assertTrue(e.getMessage().contains("not a memflame summary"), e.getMessage());

        Files.writeString(report.resolve("memflame.json"), "{\"schema\": 2, \"result\": \"passed\"}");
        e = assertThrows(IOException.class, () -> new MemflameAggregate(listener).run(
                List.of(new MemflameAggregate.Module("client", report)), build.resolve("aggregate")));
        assertEquals(report.resolve("memflame.json") + ": summary schema 2, expected 1 (written by another memflame "
                + "version?)", e.getMessage());
    }
}
