package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.aggregate.ModuleReport;
import io.github.memflame.summary.ReportSummary;
import io.github.memflame.summary.ReportSummary.TopLevelPath;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each module's run on the aggregate page is stacked by the top-level paths its {@code memflame.json} states, with
 * the run's 8 largest as layers and everything else, also the bytes of the paths a summary does not name (it names
 * the largest 20), as "other".
 */
class AggregatePageTest {
    private static final Path BUILD = Path.of("build").toAbsolutePath();

    private static ReportSummary.Snapshot snapshot(String name, long total, List<TopLevelPath> paths) {
        return new ReportSummary.Snapshot(name, "tracemalloc-pickle", 1, total, 0, 0,
                Map.of("path", name + ".path.svg"), Map.of(), null, null, paths);
    }

    /** The layers of the page's run charts: {@code snapshot layer bytes}, in drawing order. */
    private static List<String> layers(List<ReportSummary.Snapshot> snapshots) throws Exception {
        StringWriter page = new StringWriter();
        AggregatePage.write(List.of(new ModuleReport("client", BUILD.resolve("client"),
                new ReportSummary(1, "passed", snapshots, List.of(), List.of(), 2))), BUILD.resolve("aggregate"), page);
        return TimelineLayers.of(page.toString());
    }

    @Test
    void theBytesOfPathsASummaryDoesNotNameAreOther() throws Exception {
        assertEquals(List.of("town client 600", "town net 300", "town other 100", "battle client 500"), layers(List.of(
                snapshot("town", 1000, List.of(new TopLevelPath("client", 600), new TopLevelPath("net", 300))),
                snapshot("battle", 500, List.of(new TopLevelPath("client", 500))))));
    }

    @Test
    void theRunsEightLargestPathsAreLayersAndTheRestOther() throws Exception {
        List<TopLevelPath> town = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            town.add(new TopLevelPath("d" + i, 1000 - i));
        }
        // d9 holds the second least in town, but with battle's 10 bytes the most over the run (1,001): the first
        // layer; d8 (992) and d10 (990) are not among the 8 largest, so other.
        assertEquals(List.of("town d9 991", "town d1 999", "town d2 998", "town d3 997", "town d4 996", "town d5 995",
                        "town d6 994", "town d7 993", "town other 1982", "battle d9 10"),
                layers(List.of(snapshot("town", 9945, town),
                        snapshot("battle", 10, List.of(new TopLevelPath("d9", 10))))));
    }
}
