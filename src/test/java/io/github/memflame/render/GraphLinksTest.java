package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header links of every graph of a written report lead to files the report has. */
class GraphLinksTest {
    @TempDir
    Path temp;

    @Test
    void aGraphLinksToTheIndexAndItsSiblingsFromItsOwnDirectory() {
        SnapshotReport menu = Reports.report(Reports.menu());
        GraphLinks links = GraphLinks.of(menu, FlameTree.View.STACK, false);
        assertEquals(new GraphLinks.Link("\u2190 index", "../../index.html", false), links.index());
        assertEquals(List.of(
                new GraphLinks.Link("path graph", "scene%201%23menu.pickle.path.svg", false),
                new GraphLinks.Link("stack graph", "scene%201%23menu.pickle.stack.svg", true)), links.graphs());
    }

    @Test
    void withABaselineTheDifferentialGraphsAreLinkedToo() {
        SnapshotReport battle = SnapshotReport.of(DiffFlameGraphTest.current(), DiffFlameGraphTest.baseline(),
                SvgOptions.defaults());
        GraphLinks links = GraphLinks.of(battle, FlameTree.View.PATH, true);
        assertEquals("index.html", links.index().href());
        assertEquals(List.of("path graph", "stack graph", "path diff", "stack diff"),
                links.graphs().stream().map(GraphLinks.Link::text).toList());
        assertEquals(List.of(false, false, true, false),
                links.graphs().stream().map(GraphLinks.Link::current).toList());
        assertEquals("scene-2-battle.pickle.stack.diff.svg", links.graphs().get(3).href());
    }

    @Test
    void theDepthOfAReportFileIsLexical() {
        assertEquals(0, GraphLinks.directoryDepth("a.pickle.path.svg"));
        assertEquals(2, GraphLinks.directoryDepth("sub/dir/a.pickle.path.svg"));
        assertEquals(1, GraphLinks.directoryDepth("sub//./a.pickle.path.svg"));
        assertEquals(1, GraphLinks.directoryDepth("sub/x/../a.pickle.path.svg"));
    }

    @Test
    void everyLinkOfEveryWrittenGraphLeadsToAFileOfTheReport() throws IOException {
        FoldedSnapshot hostile = Snapshots.named("deep/er/场景 #1%.pickle").add(100, "a.py:1").build();
        SnapshotReport compared = SnapshotReport.of(DiffFlameGraphTest.current(), DiffFlameGraphTest.baseline(),
                SvgOptions.defaults());
        Path output = temp.resolve("report");
        ReportWriter.write(output, new CheckReport(true, List.of(Reports.report(Reports.menu()),
                Reports.report(hostile), compared), List.of(), List.of()), SvgOptions.defaults());

        Pattern href = Pattern.compile("<a href=\"([^\"]*)\">([^<]*)</a>");
        int graphs = 0;
        try (var files = Files.walk(output)) {
            for (Path svg : files.filter(file -> file.toString().endsWith(".svg")).toList()) {
                graphs++;
                String text = Files.readString(svg, StandardCharsets.UTF_8);
                Matcher nav = Pattern.compile("<text id=\"nav\"[^>]*>(.*)</text>").matcher(text);
                assertTrue(nav.find(), svg + " has the header links");
                Matcher link = href.matcher(nav.group(1));
                List<String> texts = new ArrayList<>();
                while (link.find()) {
                    texts.add(link.group(2));
                    Path target = Path.of(svg.toUri().resolve(URI.create(link.group(1))));
                    assertTrue(Files.isRegularFile(target), svg + ": " + link.group(1) + " leads to " + target);
                    assertTrue(target.startsWith(output), target.toString());
                }
                assertEquals("\u2190 index", texts.get(0), svg.toString());
                assertEquals(svg.toString().endsWith("diff.svg") || compared(svg) ? 4 : 2, texts.size(),
                        svg + ": the index and the other graphs, not itself: " + texts);
            }
        }
        assertEquals(8, graphs, "two graphs per snapshot, two more for the one with a baseline");
    }

    private static boolean compared(Path svg) {
        return svg.getFileName().toString().startsWith("scene-2-battle.pickle");
    }
}
