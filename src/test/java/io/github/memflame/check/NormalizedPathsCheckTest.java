package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run over real CPython 3.12 dumps of a game whose scenes import it through {@code ..}
 * ({@code /ci/game/src/test/python/../../main/python/client/ui/hud.py}, and hud.py once more as
 * {@code /ci/game/src/main/python/client/ui/hud.py}), written by {@code src/it/make_it_snapshots.py --paths-only}:
 * every budget figure is CPython's {@code statistics('filename')} summed under the normalized path
 * ({@code src/it/it-path-figures.json}), and no view, export, function name or baseline sees a {@code ..}.
 */
class NormalizedPathsCheckTest {
    private static final Path DUMPS = Path.of("src/it/dotdot-paths/snapshots");
    private static final Path FIGURES = Path.of("src/it/it-path-figures.json");
    private static final String STRIP = "/ci/game/src/main/python";
    private static final List<String> DIRECTORIES = List.of("client", "client/ui", "client/ui/hud.py",
            "client/combat", "common");

    @TempDir
    Path temp;

    private static List<Budget> budgets() {
        List<Budget> budgets = new ArrayList<>();
        for (String directory : DIRECTORIES) {
            budgets.add(new Budget(directory, 1 << 30, "1 GiB", Scope.SELF, null));
            budgets.add(new Budget(directory, 1 << 30, "1 GiB", Scope.INCLUSIVE, null));
        }
        return budgets;
    }

    private CheckOutcome check(Path output, Path baseline, List<Path> sourceRoots) throws Exception {
        return new MemflameCheck(CheckSettingsBuilder.snapshots(DUMPS).output(output)
                .stripPrefixes(List.of(STRIP)).budgets(budgets()).baseline(baseline).sourceRoots(sourceRoots)
                .build(), new RecordingListener()).run();
    }

    @Test
    void budgetFiguresAreCPythonsSummedUnderTheNormalizedPath() throws Exception {
        JsonNode cpython = new ObjectMapper().readTree(FIGURES.toFile());
        CheckOutcome outcome = check(temp.resolve("report"), null, List.of());
        assertTrue(outcome.passed());
        int compared = 0;
        for (BudgetResult result : outcome.report().budgets()) {
            JsonNode figures = cpython.get(result.snapshot());
            String scope = result.budget().scope() == Scope.SELF ? "self" : "inclusive";
            assertEquals(figures.get(scope).get(result.budget().path()).longValue(), result.actualBytes(),
                    result.budget().path() + " " + scope + " in " + result.snapshot());
            compared++;
        }
        assertEquals(2 * DIRECTORIES.size() * 2, compared);
        JsonNode battle = cpython.get("scene-3-battle.pickle");
        assertEquals(2, battle.get("byRecordedFile").properties().stream()
                .filter(file -> file.getKey().endsWith("client/ui/hud.py")).count());
    }

    @Test
    void noViewExportOrSiteKeepsADotDotAndBothSpellingsOfAFileAreOne() throws Exception {
        Path output = temp.resolve("report");
        CheckOutcome outcome = check(output, null, List.of());
        for (var report : outcome.report().snapshots()) {
            FoldedSnapshot snapshot = report.snapshot();
            for (StackTotal stack : snapshot.stacks()) {
                for (Site site : stack.rootFirst()) {
                    assertFalse(site.path().contains(".."), site.label());
                }
            }
            for (String view : List.of("path", "stack")) {
                String folded = gunzip(output.resolve(snapshot.name() + "." + view + ".folded.gz"));
                assertFalse(folded.contains(".."), view + " view of " + snapshot.name());
                assertFalse(folded.contains("ci;game;src;test;python;..;"), folded);
            }
        }
        String path = gunzip(output.resolve("scene-3-battle.pickle.path.folded.gz"));
        long hudLines = path.lines().filter(line -> line.startsWith("client;ui;hud.py;4 ")).count();
        assertEquals(1, hudLines, path);
    }

    @Test
    void excludeFramesGlobsAreNormalizedAsTheNamesTheyMatch() throws Exception {
        JsonNode cpython = new ObjectMapper().readTree(FIGURES.toFile());
        CheckOutcome outcome = new MemflameCheck(CheckSettingsBuilder.snapshots(DUMPS).output(temp.resolve("report"))
                .stripPrefixes(List.of(STRIP)).excludeFrames(List.of("./client//combat/**")).build(),
                new RecordingListener()).run();
        FoldedSnapshot battle = outcome.report().snapshots().get(1).snapshot();
        assertEquals(cpython.get("scene-3-battle.pickle").get("self").get("client/combat").longValue(),
                battle.excludedBytes());
    }

    @Test
    void functionNamesAreLookedUpUnderTheNormalizedPath() throws Exception {
        Path sources = temp.resolve("src/main/python");
        Path hud = sources.resolve("client/ui/hud.py");
        Files.createDirectories(hud.getParent());
        Files.writeString(hud, "HOLD = []\ndef draw(n):\n    for i in range(n):\n        HOLD.append('hud-%d' % i * 3)\n",
                StandardCharsets.UTF_8);
        // Older than the dumps, so that the source is the code that ran.
        Files.setLastModifiedTime(hud, FileTime.fromMillis(0));
        CheckOutcome outcome = check(temp.resolve("report"), null, List.of(sources));
        FoldedSnapshot battle = outcome.report().snapshots().get(1).snapshot();
        assertEquals("draw", battle.functionAt(new Site("client/ui/hud.py", 4)));
    }

    @Test
    void aBaselineIsReadWithItsPathsNormalizedToo() throws Exception {
        Path before = temp.resolve("before");
        check(before, null, List.of());
        // The baseline's frames spelled another way, as a report of a run whose names were not normalized would be.
        for (String snapshot : List.of("scene-2-town.pickle", "scene-3-battle.pickle")) {
            Path stack = before.resolve(snapshot + ".stack.folded.gz");
            String respelled = gunzip(stack).replace("client/ui/hud.py:", "client/./ui//x/../hud.py:");
            assertTrue(respelled.contains("client/./ui//x/../hud.py:4"), respelled);
            try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(stack))) {
                out.write(respelled.getBytes(StandardCharsets.UTF_8));
            }
        }
        CheckOutcome outcome = check(temp.resolve("after"), before, List.of());
        for (BudgetResult result : outcome.report().budgets()) {
            assertEquals(0, result.growth().deltaBytes(), result.budget().path() + " in " + result.snapshot());
            assertEquals(result.actualBytes(), result.growth().baselineBytes());
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
