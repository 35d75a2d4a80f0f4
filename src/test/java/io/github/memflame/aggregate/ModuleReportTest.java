package io.github.memflame.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.memflame.summary.ReportSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The links an aggregate writes from a module summary's file names stay in the module's report, and relative. */
class ModuleReportTest {
    private static final Path REPORT = Path.of("build/client/target/site/memflame").toAbsolutePath();

    private static ModuleReport module(String reportFile) {
        ReportSummary.Snapshot snapshot = new ReportSummary.Snapshot("s.pickle", "folded", 1, 1, 0, 0,
                Map.of("path", reportFile), Map.of());
        return new ModuleReport("client", REPORT, new ReportSummary(1, "passed", List.of(snapshot), List.of(),
                List.of(), 1));
    }

    @Test
    void aNameWhoseFirstSegmentHasAColonNeverReadsAsAScheme() {
        ModuleReport module = module("javascript:alert(1).svg");
        assertEquals("./javascript:alert(1).svg", module.relativeLink(REPORT, "javascript:alert(1).svg"));
        assertEquals("sub/a:b.svg", module.relativeLink(REPORT, "sub/a:b.svg"));
        assertEquals("../../../memflame/javascript:alert(1).svg",
                module.relativeLink(REPORT.resolveSibling("memflame-aggregate").resolve("x/y"),
                        "javascript:alert(1).svg"));
    }

    @Test
    void aNameLeadingOutOfTheReportIsRefused() {
        for (String outside : List.of("..", "../x.svg", "a/../../x.svg", "/etc/passwd", "C:x.svg", "a\\b.svg", "a//b",
                "./a.svg", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> module(outside));
            assertEquals("at /snapshots/0/reports/path: expected a file inside the module's report directory, found '"
                    + outside + "'", e.getMessage());
        }
    }
}
