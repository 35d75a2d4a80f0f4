package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.Contributor;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.source.ResolutionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run over a real 3.12 dump of the game-demo scenes with {@code sourceRoots} set to the demo's sources:
 * every frame of a game file is named, and named as Python's {@code ast} says
 * ({@code qualnames/game-demo-oracle.json}, written by {@code make_qualname_oracle.py}).
 */
class FunctionNamesCheckTest {
    private static final Path DUMP = Path.of("src/test/resources/fixtures/py312/battle.pickle");
    private static final Path GAME_SOURCES = Path.of("examples/game-demo/src/main/python");
    private static final String STRIP = "I:/G1/trunk/code/Script/Python/";

    @TempDir
    Path temp;

    @Test
    void everyGameFrameIsNamedAsPythonNamesItAndTheRestSayWhyNot() throws Exception {
        List<String> log = new ArrayList<>();
        CheckOutcome outcome = run(List.of(GAME_SOURCES), false, log);
        FoldedSnapshot snapshot = outcome.report().snapshots().get(0).snapshot();
        Map<String, Map<Integer, String>> oracle = gameOracle();

        Set<Site> sites = new HashSet<>();
        for (StackTotal stack : snapshot.stacks()) {
            sites.addAll(stack.rootFirst());
        }
        int named = 0;
        for (Site site : sites) {
            Map<Integer, String> file = oracle.get(site.path());
            if (file != null) {
                assertEquals(file.get(site.line()), snapshot.functionAt(site), site.label());
                named++;
            } else {
                assertNull(snapshot.functionAt(site), site.label() + " is not a game source");
            }
        }
        assertTrue(named > 30, "game frames named: " + named);
        ResolutionSummary summary = outcome.report().functionNames();
        assertEquals(named, summary.resolved());
        assertEquals(sites.size() - named, summary.unresolved());
        assertTrue(summary.unresolvedFiles().values().stream().allMatch(
                reason -> reason.equals("not found under any source root") || reason.equals("not a source file")),
                summary.unresolvedFiles().toString());
        assertTrue(log.contains(summary.describe()), log.toString());
        assertTrue(summary.describe().startsWith(String.format("Function names: %d of %d frames named from sourceRoots; %d frames in ",
                named, sites.size(), sites.size() - named)), summary.describe());

        BudgetResult controller = outcome.exceeded().get(0);
        Contributor top = controller.topSites().get(0);
        assertEquals("client/controller/battle_controller.py:37", top.site());
        assertEquals("BattleController._tick", top.function());
        assertTrue(log.stream().anyMatch(line -> line.matches(
                " +\\S+ \\S+  client/controller/battle_controller\\.py:37 BattleController\\._tick")), log.toString());

        JsonNode json = new ObjectMapper().readTree(temp.resolve("report/memflame.json").toFile());
        JsonNode site = json.get("budgets").get(0).get("topSites").get(0);
        assertEquals("client/controller/battle_controller.py:37", site.get("site").asText());
        assertEquals("BattleController._tick", site.get("function").asText());
        assertEquals(named, json.get("functionNames").get("resolved").asLong());
        assertEquals(sites.size() - named, json.get("functionNames").get("unresolved").asLong());
        assertEquals(summary.unresolvedFiles().size(), json.get("functionNames").get("unresolvedFiles").size());

        String stackFolded = GzipText.read(temp.resolve("report/battle.pickle.stack.folded.gz"));
        assertFalse(stackFolded.contains("Unit.__init__"), "folded exports keep plain frames by default");
        assertFalse(Files.exists(temp.resolve("report/battle.pickle.stack.named.folded.gz")));
        assertTrue(stackFolded.contains("client/controller/battle_controller.py:12 "));
    }

    @Test
    void namedFoldedExportsAreWrittenBesideThePlainOnesOnlyWhenAsked() throws Exception {
        run(List.of(GAME_SOURCES), true, new ArrayList<>());
        String stackFolded = GzipText.read(temp.resolve("report/battle.pickle.stack.named.folded.gz"));
        assertTrue(stackFolded.contains(";client/controller/battle_controller.py:12 Unit.__init__ "), stackFolded);
        String pathFolded = GzipText.read(temp.resolve("report/battle.pickle.path.named.folded.gz"));
        assertTrue(pathFolded.contains("client;controller;battle_controller.py;12 Unit.__init__ "), pathFolded);
        String plain = GzipText.read(temp.resolve("report/battle.pickle.stack.folded.gz"));
        assertFalse(plain.contains("Unit.__init__"), "the plain export keeps path:line frames");
        assertTrue(plain.contains(";client/controller/battle_controller.py:12 "), plain);
        JsonNode json = new ObjectMapper().readTree(temp.resolve("report/memflame.json").toFile());
        JsonNode snapshot = json.get("snapshots").get(0);
        assertEquals("battle.pickle.stack.folded.gz", snapshot.get("folded").get("stack").asText());
        assertEquals("battle.pickle.stack.named.folded.gz", snapshot.get("foldedNamed").get("stack").asText());
    }

    @Test
    void withoutSourceRootsNothingIsNamedOrCounted() throws Exception {
        List<String> log = new ArrayList<>();
        CheckOutcome outcome = run(List.of(), true, log);
        assertNull(outcome.report().functionNames());
        assertTrue(outcome.report().snapshots().get(0).snapshot().functionNames().isEmpty());
        assertTrue(log.stream().noneMatch(line -> line.startsWith("Function names")));
        JsonNode json = new ObjectMapper().readTree(temp.resolve("report/memflame.json").toFile());
        assertTrue(json.get("functionNames").isNull());
        assertTrue(json.get("budgets").get(0).get("topSites").get(0).get("function").isNull());
    }

    @Test
    void aSourceChangedAfterTheDumpIsNotTrusted() throws Exception {
        Path sources = temp.resolve("sources");
        Path battle = sources.resolve("client/controller/battle_controller.py");
        Files.createDirectories(battle.getParent());
        Files.copy(GAME_SOURCES.resolve("client/controller/battle_controller.py"), battle);
        Path snapshots = snapshots();
        Files.setLastModifiedTime(battle, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(snapshots.resolve("battle.pickle")).toMillis() + 60_000));
        CheckOutcome outcome = run(List.of(sources), false, new ArrayList<>());
        ResolutionSummary summary = outcome.report().functionNames();
        assertEquals(0, summary.resolved(), "the only source there is newer than the dump");
        assertNull(outcome.exceeded().get(0).topSites().get(0).function());
    }

    private CheckOutcome run(List<Path> sourceRoots, boolean foldedFunctionNames, List<String> log) throws Exception {
        CheckSettings settings = CheckSettingsBuilder.snapshots(snapshots()).stripPrefixes(List.of(STRIP))
                .budgets(List.of(new Budget("client/controller", 1024, "1 KiB", Scope.SELF, null)))
                .output(temp.resolve("report")).sourceRoots(sourceRoots).foldedFunctionNames(foldedFunctionNames)
                .build();
        RecordingListener listener = new RecordingListener();
        CheckOutcome outcome = new MemflameCheck(settings, listener).run();
        listener.lines().forEach(line -> log.add(line.substring(line.indexOf(' ') + 1)));
        return outcome;
    }

    /** The dump copied now, so it is newer than the sources, as a dump written by the test run is. */
    private Path snapshots() throws IOException {
        Path snapshots = temp.resolve("snapshots");
        if (!Files.exists(snapshots.resolve("battle.pickle"))) {
            Files.createDirectories(snapshots);
            Files.copy(DUMP, snapshots.resolve("battle.pickle"));
            Files.setLastModifiedTime(snapshots.resolve("battle.pickle"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        }
        return snapshots;
    }

    private static Map<String, Map<Integer, String>> gameOracle() throws IOException {
        JsonNode files = new ObjectMapper().readTree(
                Path.of("src/test/resources/qualnames/game-demo-oracle.json").toFile()).get("files");
        Map<String, Map<Integer, String>> oracle = new HashMap<>();
        files.fields().forEachRemaining(file -> {
            Map<Integer, String> lines = new HashMap<>();
            for (JsonNode run : file.getValue().get("runs")) {
                for (int line = run.get(0).asInt(); line <= run.get(1).asInt(); line++) {
                    lines.put(line, run.get(2).asText());
                }
            }
            oracle.put(file.getKey(), lines);
        });
        return oracle;
    }
}
