package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.baseline.BaselineCopier;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.fold.DiffNode;
import io.github.memflame.fold.DiffTree;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.fold.SiteChanges;
import io.github.memflame.render.SnapshotReport;
import io.github.memflame.render.SvgOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames matched across edits, on real CPython runs of the battle scene before and after an edit of
 * {@code battle_controller.py} ({@code src/test/resources/moved}, made by {@code make_moved_fixtures.py}): the
 * baseline is the report of the run before, written with the sources as they were; the check of the run after is
 * given the edited file as its first source root. Every figure is asserted against what CPython's tracemalloc
 * computed from the same dumps ({@code oracle.json}): the "before" of a moved line is CPython's figure for the
 * line it was on.
 */
class MovedFramesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/moved");
    private static final Path GAME_SOURCES = Path.of("examples/game-demo/src/main/python");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");
    private static final String FILE = "client/controller/battle_controller.py";
    private static final String BATTLE = "scene-3-battle.pickle";

    @TempDir
    Path temp;

    @Test
    void linesInsertedAboveMoveNoFigure() throws Exception {
        JsonNode oracle = oracle("inserted");
        SnapshotReport battle = battle(checkAfterEdit("inserted", List.of()));

        List<SiteChange> changes = SiteChanges.of(battle.snapshot(), battle.baseline());
        assertEquals(List.of(), changed(changes), "no line grew or shrank");
        assertMatchesCpython(changes, oracle);
        SiteChange log = change(changes, FILE + ":49");
        assertEquals(46, log.wasLine(), "self.log.append moved from line 46 to 49");
        assertEquals(oracle.at("/before/byLine/" + escape(FILE + ":46")).asLong(), log.beforeBytes());
        for (FlameTree.View view : FlameTree.View.values()) {
            assertEquals(List.of(), changedFrames(battle.diff(view)), view + " diff: no frame changed");
        }
        assertTrue(names(battle.diff(FlameTree.View.STACK)).contains(
                FILE + ":40 BattleController._tick (was line 37)"), "the tooltip says where a frame was");
        assertTrue(names(battle.diff(FlameTree.View.PATH)).contains(
                FILE + ":40 BattleController._tick (was line 37)"));
    }

    @Test
    void theLeakIsTheOnlyLineThatGrewByCpythonsFigure() throws Exception {
        JsonNode oracle = oracle("inserted-leak");
        String leak = oracle.get("leak").asText();
        Budget controller = Budget.parse("budget 1", "client/controller", null, "5%", "self", null, null);
        CheckOutcome outcome = checkAfterEdit("inserted-leak", List.of(controller));
        SnapshotReport battle = battle(outcome);

        List<SiteChange> changes = SiteChanges.of(battle.snapshot(), battle.baseline());
        List<SiteChange> grown = SiteChanges.growing(changes, 100);
        assertEquals(1, grown.size(), grown.toString());
        assertEquals(leak, grown.get(0).site());
        assertEquals(compareTo(oracle, leak), grown.get(0).deltaBytes(), "CPython's compare_to figure for the leak");
        assertEquals(List.of(new SiteChange(FILE + ":33", "BattleController.enter", 32, 0, 30)),
                SiteChanges.shrinking(changes, 100), "_BATTLES.append(self): its list now grows on the leak's line");
        assertMatchesCpython(changes, oracle);

        BudgetResult growth = outcome.report().budgets().get(0);
        assertEquals(List.of(leak), growth.growth().topChanges().stream().map(SiteChange::site).toList(),
                "the lines that grew most");
        long cpythonDelta = oracle.at("/after/totalBytes").asLong() - oracle.at("/before/totalBytes").asLong();
        assertEquals(cpythonDelta, growth.growth().deltaBytes(), "all growth is in client/controller");
        CheckOutcome byLineOnly = check("inserted-leak", "after", temp.resolve("by-line"),
                baselineReport("inserted-leak"), List.of(), List.of(controller), new RecordingListener());
        assertEquals(growth.growth().baselineBytes(), byLineOnly.report().budgets().get(0).growth().baselineBytes(),
                "a budget's figure does not depend on the matching");
        assertEquals(growth.actualBytes(), byLineOnly.report().budgets().get(0).actualBytes());
    }

    @Test
    void aFunctionMovedWithinItsFileIsMatchedAlsoAgainstACopiedBaseline() throws Exception {
        JsonNode oracle = oracle("moved-function");
        Path copied = temp.resolve("committed-baseline");
        new BaselineCopier(1L << 30).copy(baselineReport("moved-function"), copied);
        assertTrue(Files.isRegularFile(copied.resolve(BATTLE + ".frames.json")), "the frames are copied");
        SnapshotReport battle = battle(check("moved-function", "after", temp.resolve("after-report"), copied,
                sources("moved-function"), List.of(), new RecordingListener()));

        List<SiteChange> changes = SiteChanges.of(battle.snapshot(), battle.baseline());
        assertEquals(List.of(), changed(changes));
        assertMatchesCpython(changes, oracle);
        SiteChange spawn = change(changes, FILE + ":56");
        assertEquals(34, spawn.wasLine(), "_spawn_units' allocating line moved from 34 to 56");
        assertEquals("BattleController._spawn_units", spawn.function());
        for (FlameTree.View view : FlameTree.View.values()) {
            assertEquals(List.of(), changedFrames(battle.diff(view)), view + " diff: no frame changed");
        }
    }

    @Test
    void theReportAndTheLogSayWhereMovedLinesWere() throws Exception {
        RecordingListener log = new RecordingListener();
        Path output = temp.resolve("after-report");
        check("inserted-leak", "after", output, baselineReport("inserted-leak"), sources("inserted-leak"),
                List.of(), log);
        String index = Files.readString(output.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("<code>" + FILE + ":33 BattleController.enter</code> (was line 30)</td>"), index);
        String markdown = Files.readString(output.resolve("memflame.md"), StandardCharsets.UTF_8);
        assertTrue(markdown.contains(":33 BattleController.enter` (was line 30) | 32 B | 0 B | -32 B |"), markdown);
        String diff = Files.readString(output.resolve(BATTLE + ".stack.diff.svg"), StandardCharsets.UTF_8);
        assertTrue(diff.contains("<title>" + FILE + ":40 BattleController._tick (was line 37)</title>"));
        assertTrue(Files.readString(output.resolve(BATTLE + ".frames.json")).contains(
                "{\"path\":\"" + FILE + "\",\"line\":41,\"function\":\"BattleController._tick\",\"lineInFunction\":2,"),
                "the frames file records the leak's line");
        assertFalse(log.lines().stream().anyMatch(line -> line.contains("matched with the baseline by path:line")),
                log.lines().toString());
    }

    @Test
    void withoutSourceRootsTheLogSaysOnceThatFramesMatchByPathAndLine() throws Exception {
        RecordingListener log = new RecordingListener();
        Path baseline = baselineReport("inserted");
        CheckOutcome outcome = check("inserted", "after", temp.resolve("after-report"), baseline, List.of(),
                List.of(), log);
        assertEquals(1, log.lines().stream().filter(line -> line.equals("[INFO] Frames are matched with the "
                + "baseline by path:line (no sourceRoots are set), so edits that move lines show as changes; with "
                + "sourceRoots, frames are matched by function and line text.")).count(), log.lines().toString());
        SnapshotReport battle = battle(outcome);
        List<SiteChange> changes = SiteChanges.of(battle.snapshot(), battle.baseline());
        SiteChange moved = change(changes, FILE + ":49");
        assertEquals(new SiteChange(FILE + ":49", null, 0, moved.afterBytes()), moved,
                "by path:line, a moved line is new");
    }

    @Test
    void aBaselineOfFormatOneIsMatchedByPathAndLine() throws Exception {
        Path baseline = baselineReport("inserted");
        Path summary = baseline.resolve("memflame.json");
        String json = Files.readString(summary);
        Files.writeString(summary, json.replace("\"baselineFormat\" : 2", "\"baselineFormat\" : 1")
                .replaceAll(",\\s*\"frames\" : \"[^\"]*\"", ""));
        Files.delete(baseline.resolve(BATTLE + ".frames.json"));
        RecordingListener log = new RecordingListener();
        SnapshotReport battle = battle(check("inserted", "after", temp.resolve("after-report"), baseline,
                sources("inserted"), List.of(), log));
        assertEquals(0, change(SiteChanges.of(battle.snapshot(), battle.baseline()), FILE + ":49").beforeBytes());
        assertTrue(log.lines().stream().anyMatch(line -> line.contains("it records no frame identities")),
                log.lines().toString());
    }

    /** Every change of the edited file is CPython's: after at its line, before at the line it was on. */
    private static void assertMatchesCpython(List<SiteChange> changes, JsonNode oracle) {
        int checked = 0;
        for (SiteChange change : changes) {
            if (!change.site().startsWith(FILE + ":")) {
                continue;
            }
            int line = Integer.parseInt(change.site().substring(FILE.length() + 1));
            int was = change.wasLine() == null ? line : change.wasLine();
            JsonNode mapped = oracle.at("/lineMap/" + was);
            assertEquals(oracle.at("/after/byLine/" + escape(change.site())).asLong(0), change.afterBytes(),
                    change.toString());
            if (change.wasLine() == null && !mapped.isMissingNode() && mapped.asInt() != line) {
                assertEquals(0, change.beforeBytes(), change + ": a line the edit added is new");
            } else {
                assertEquals(line, mapped.asInt(), change + ": matched to the line the edit moved it to");
                assertEquals(oracle.at("/before/byLine/" + escape(FILE + ":" + was)).asLong(0), change.beforeBytes(),
                        change.toString());
            }
            checked++;
        }
        assertTrue(checked >= 8, "the edited file's lines were compared: " + checked);
    }

    private static long compareTo(JsonNode oracle, String site) {
        for (JsonNode entry : oracle.get("compareToLineno")) {
            if (entry.get(0).asText().equals(site)) {
                return entry.get(3).asLong();
            }
        }
        throw new AssertionError(site + " not in compare_to");
    }

    private static List<SiteChange> changed(List<SiteChange> changes) {
        return changes.stream().filter(change -> change.deltaBytes() != 0).toList();
    }

    private static SiteChange change(List<SiteChange> changes, String site) {
        return changes.stream().filter(change -> change.site().equals(site)).findFirst()
                .orElseThrow(() -> new AssertionError(site + " not in " + changes));
    }

    /** The names of the frames whose bytes differ between the runs. */
    private static List<String> changedFrames(DiffTree tree) {
        List<String> changed = new ArrayList<>();
        walk(tree, null, tree.root(), (name, node) -> {
            if (node.deltaBytes() != 0) {
                changed.add(name + " " + node.baselineBytes() + " -> " + node.bytes());
            }
        });
        return changed;
    }

    private static List<String> names(DiffTree tree) {
        List<String> names = new ArrayList<>();
        walk(tree, null, tree.root(), (name, node) -> names.add(name));
        return names;
    }

    private static void walk(DiffTree tree, String name, DiffNode node,
                             java.util.function.BiConsumer<String, DiffNode> visit) {
        for (DiffNode child : node.children()) {
            String childName = tree.childName(name, child);
            visit.accept(childName, child);
            walk(tree, childName, child, visit);
        }
    }

    private CheckOutcome checkAfterEdit(String edit, List<Budget> budgets) throws Exception {
        return check(edit, "after", temp.resolve("after-report"), baselineReport(edit), sources(edit), budgets,
                new RecordingListener());
    }

    /** The report of the run before the edit, written with the sources as they were. */
    private Path baselineReport(String edit) throws Exception {
        Path report = temp.resolve(edit + "-before-report");
        check(edit, "before", report, null, List.of(GAME_SOURCES), List.of(), new RecordingListener());
        return report;
    }

    private static List<Path> sources(String edit) {
        return List.of(FIXTURES.resolve(edit).resolve("src"), GAME_SOURCES);
    }

    private CheckOutcome check(String edit, String run, Path output, Path baseline, List<Path> sourceRoots,
                               List<Budget> budgets, RecordingListener log) throws Exception {
        return new MemflameCheck(CheckSettingsBuilder.snapshots(dumpsWrittenNow(edit, run)).output(output)
                .stripPrefixes(STRIP).baseline(baseline).sourceRoots(sourceRoots).budgets(budgets).build(), log)
                .run();
    }

    /** A run's dump, copied now, so that it is newer than the sources as a test run's is. */
    private Path dumpsWrittenNow(String edit, String run) throws IOException {
        Path dumps = Files.createTempDirectory(temp, edit + "-" + run);
        Path copy = dumps.resolve(BATTLE);
        Files.copy(FIXTURES.resolve(edit).resolve(run).resolve(BATTLE), copy);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis()));
        return dumps;
    }

    private static JsonNode oracle(String edit) throws IOException {
        JsonNode oracle = new ObjectMapper().readTree(FIXTURES.resolve("oracle.json").toFile()).at("/edits/" + edit);
        assertNotNull(oracle.get("lineMap"));
        return oracle;
    }

    /** A JSON pointer token: {@code /} in a site is {@code ~1}. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /**
     * The battle snapshot's report with its differential trees, drawn again as the check drew them: the check
     * keeps only its snapshot and the baseline snapshot it aligned with it once the graphs are written.
     */
    private static SnapshotReport battle(CheckOutcome outcome) {
        SnapshotReport written = outcome.report().snapshots().stream()
                .filter(s -> s.snapshot().name().equals(BATTLE)).findFirst().orElseThrow();
        return SnapshotReport.of(written.snapshot(), written.baseline(), SvgOptions.defaults());
    }

}
