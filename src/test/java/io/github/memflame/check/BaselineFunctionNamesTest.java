package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.SiteChange;
import io.github.memflame.fold.SiteChanges;
import io.github.memflame.render.SnapshotReport;
import io.github.memflame.source.ResolutionSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code sourceRoots} and a baseline, a line that shrank to nothing (this run's dumps no longer hold it)
 * keeps its function name: the baseline's sites are named from the same sources, unless a source changed after
 * the baseline was written. On the real runs of {@code src/test/resources/baseline}: {@code battle_controller.py:30}
 * ({@code _BATTLES.append(self)} in {@code BattleController.enter}) held 32 bytes before and none after.
 */
class BaselineFunctionNamesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/baseline");
    private static final Path GAME_SOURCES = Path.of("examples/game-demo/src/main/python");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");
    private static final String BATTLE = "scene-3-battle.pickle";
    private static final String VANISHED = "client/controller/battle_controller.py:30";
    private static final String LEAK = "client/controller/battle_controller.py:37";

    @TempDir
    Path temp;

    @Test
    void aLineThatVanishedIsNamedFromTheBaselineInTheIndexAndTheMarkdown() throws Exception {
        Path baseline = baselineReport();
        Path output = temp.resolve("after-report");
        CheckOutcome outcome = check(dumpsWrittenNow(), output, baseline, List.of(GAME_SOURCES));

        SnapshotReport battle = battle(outcome);
        List<SiteChange> changes = SiteChanges.of(battle.snapshot(), battle.baseline());
        List<SiteChange> shrinking = SiteChanges.shrinking(changes, 10);
        assertTrue(shrinking.contains(new SiteChange(VANISHED, "BattleController.enter", 32, 0)),
                shrinking.toString());
        assertEquals("BattleController._tick", SiteChanges.growing(changes, 1).get(0).function());
        String index = Files.readString(output.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("<code>" + VANISHED + " BattleController.enter</code>"), index);
        String markdown = Files.readString(output.resolve("memflame.md"), StandardCharsets.UTF_8);
        assertTrue(markdown.contains(":30 BattleController.enter` | 32 B | 0 B | -32 B |"), markdown);

        ResolutionSummary withoutBaseline = check(dumpsWrittenNow(), temp.resolve("alone"), null,
                List.of(GAME_SOURCES)).report().functionNames();
        assertEquals(withoutBaseline, outcome.report().functionNames(), "the counts logged are this run's");
    }

    @Test
    void aSourceChangedAfterTheBaselineWasWrittenDoesNotNameTheBaselinesLines() throws Exception {
        Path baseline = baselineReport();
        Path sources = temp.resolve("sources");
        Path controller = sources.resolve("client/controller/battle_controller.py");
        Files.createDirectories(controller.getParent());
        Files.copy(GAME_SOURCES.resolve("client/controller/battle_controller.py"), controller);
        long written = Files.getLastModifiedTime(baseline.resolve("memflame.json")).toMillis();
        Files.setLastModifiedTime(controller, FileTime.fromMillis(written + 60_000));
        Path dumps = dumpsWrittenNow();
        try (var files = Files.list(dumps)) {
            for (Path dump : files.toList()) {
                Files.setLastModifiedTime(dump, FileTime.fromMillis(written + 120_000));
            }
        }

        SnapshotReport battle = battle(check(dumps, temp.resolve("after-report"), baseline, List.of(sources)));
        List<SiteChange> changes = SiteChanges.of(battle.snapshot(), battle.baseline());
        List<SiteChange> shrinking = SiteChanges.shrinking(changes, 10);
        assertTrue(shrinking.contains(new SiteChange(VANISHED, null, 32, 0)), shrinking.toString());
        assertEquals(new SiteChange(LEAK, "BattleController._tick", 739_246, 986_972),
                SiteChanges.growing(changes, 1).get(0), "this run's dumps are newer than the source: named");
    }

    private CheckOutcome check(Path snapshots, Path output, Path baseline, List<Path> sourceRoots) throws Exception {
        return new MemflameCheck(CheckSettingsBuilder.snapshots(snapshots).output(output).stripPrefixes(STRIP)
                .baseline(baseline).sourceRoots(sourceRoots).build(), new RecordingListener()).run();
    }

    /** The report of {@code before/}, written now: after the sources were last changed. */
    private Path baselineReport() throws Exception {
        Path report = temp.resolve("before-report");
        check(FIXTURES.resolve("before"), report, null, List.of());
        return report;
    }

    /** The dumps of {@code after/}, copied now, so they are newer than the sources as a test run's are. */
    private Path dumpsWrittenNow() throws IOException {
        Path dumps = Files.createTempDirectory(temp, "after");
        try (var files = Files.list(FIXTURES.resolve("after"))) {
            for (Path dump : files.toList()) {
                Path copy = dumps.resolve(dump.getFileName().toString());
                Files.copy(dump, copy);
                Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis()));
            }
        }
        return dumps;
    }

    private static SnapshotReport battle(CheckOutcome outcome) {
        return outcome.report().snapshots().stream().filter(s -> s.snapshot().name().equals(BATTLE)).findFirst()
                .orElseThrow();
    }
}
