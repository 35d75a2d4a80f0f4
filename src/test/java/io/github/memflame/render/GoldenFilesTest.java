package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetChecker;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact markup of one small graph per view, of one differential graph per view (each with the header links
 * of a graph in a report) and of the index page (without and with a baseline), compared byte for byte with the files
 * in {@code src/test/resources/golden/}; the inlined script and style are replaced by a marker, they are files
 * of their own. After an intended change, re-bless and review the diff:
 * {@code mvn test -Dtest=GoldenFilesTest -Dmemflame.bless=true}.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean BLESS = Boolean.getBoolean("memflame.bless");

    @Test
    void pathView() throws IOException {
        compare("battle.path.svg", svg(FlameTree.View.PATH));
    }

    @Test
    void stackView() throws IOException {
        compare("battle.stack.svg", svg(FlameTree.View.STACK));
    }

    @Test
    void pathDiff() throws IOException {
        compare("battle.path.diff.svg", diffSvg(FlameTree.View.PATH));
    }

    @Test
    void stackDiff() throws IOException {
        compare("battle.stack.diff.svg", diffSvg(FlameTree.View.STACK));
    }

    /**
     * With budgets checked against the baseline (the growth columns), and function names in both runs (the top
     * sites, the growing lines and the vanished line that shrank, named from the baseline).
     */
    @Test
    void indexPageWithABaseline() throws IOException {
        StringWriter html = new StringWriter();
        FoldedSnapshot current = DiffFlameGraphTest.current().withFunctionNames(GoldenFilesTest::function);
        FoldedSnapshot baseline = DiffFlameGraphTest.baseline().withFunctionNames(GoldenFilesTest::function);
        SnapshotReport battle = SnapshotReport.of(current, baseline, SvgOptions.defaults());
        List<BudgetResult> budgets = new BudgetChecker(List.of(
                Budget.parse("budget 1", "client/ui", "512 KiB", "10%", null, null, null),
                Budget.parse("budget 2", "client/net", null, "100 KiB", null, null, null),
                Budget.parse("budget 3", "engine", "1 MiB", "20 KiB", "inclusive", null, null)), 0)
                .check(List.of(current), Map.of(baseline.name(), baseline));
        IndexPage.write(new CheckReport(budgets.stream().noneMatch(BudgetResult::failsBuild), List.of(battle),
                budgets, List.of()), html);
        compare("index-baseline.html", html.toString().replace(Assets.INDEX_SCRIPT, "/* index.js */\n")
                .replace(Assets.INDEX_STYLE, "/* index.css */\n"));
    }

    @Test
    void indexPage() throws IOException {
        StringWriter html = new StringWriter();
        IndexPage.write(Reports.failed(), html);
        compare("index.html", html.toString().replace(Assets.INDEX_SCRIPT, "/* index.js */\n")
                .replace(Assets.INDEX_STYLE, "/* index.css */\n"));
    }

    /** The functions of the battle snapshot's game lines, as a source root would name them. */
    private static String function(String path, int line) {
        return switch (path + ":" + line) {
            case "client/ui/bag.py:42" -> "BagPanel.open";
            case "client/net/leak.py:3" -> "Socket.buffer";
            case "client/old_cache.py:7" -> "OldCache.fill";
            default -> null;
        };
    }

    /** The battle snapshot and an allocation without a line, which has the same name in every view. */
    private static String svg(FlameTree.View view) throws IOException {
        FoldedSnapshot snapshot = Snapshots.named("scene-2-battle.pickle")
                .add(300_000, 1200, "main.py:10", "client/controller/battle.py:55", "client/ui/bag.py:42")
                .add(200_000, 800, "main.py:10", "client/controller/battle.py:60")
                .add(100_000, 7000, "main.py:10", "engine/render/mesh.py:120", "engine/render/buffer.py:9")
                .add(84_963, 1001, "main.py:12", "engine/render/mesh.py:121")
                .add(40_000, 10, "main.py:12", "legacy/py27_module.py")
                .build();
        StringWriter out = new StringWriter();
        SvgFlameGraph.write(FlameTree.of(snapshot, view), snapshot.totalBytes(), SvgOptions.defaults(),
                GraphLinks.of(Reports.report(snapshot), view, false), out);
        return out.toString().replace(Assets.FLAME_GRAPH_SCRIPT, "/* flamegraph.js */\n")
                .replace(Assets.FLAME_GRAPH_STYLE, "/* flamegraph.css */\n");
    }

    /** The differential graph of {@link DiffFlameGraphTest#current()} against its baseline. */
    private static String diffSvg(FlameTree.View view) throws IOException {
        SnapshotReport report = SnapshotReport.of(DiffFlameGraphTest.current(), DiffFlameGraphTest.baseline(),
                SvgOptions.defaults());
        StringWriter out = new StringWriter();
        SvgFlameGraph.writeDiff(report.diff(view), SvgOptions.defaults(), GraphLinks.of(report, view, true), out);
        return out.toString().replace(Assets.FLAME_GRAPH_SCRIPT, "/* flamegraph.js */\n")
                .replace(Assets.FLAME_GRAPH_STYLE, "/* flamegraph.css */\n");
    }

    private static void compare(String name, String actual) throws IOException {
        Path golden = GOLDEN.resolve(name);
        if (BLESS) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(golden), golden + " is missing; bless it with -Dmemflame.bless=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name + " differs from its golden "
                + "file; if the change is intended, re-bless with -Dmemflame.bless=true and review the diff");
    }
}
