package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JUnit report and the job summary of whole check runs over the IT dumps. */
class CiOutputsTest {
    private static final Path SNAPSHOTS = Path.of("src/it/passing-budgets/snapshots");

    @TempDir
    Path temp;

    private CheckSettingsBuilder settings(Path snapshots) {
        return CheckSettingsBuilder.snapshots(snapshots).output(temp.resolve("site/memflame"))
                .stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/"))
                .ciOutputs(new CiOutputs(temp.resolve("memflame-reports/TEST-memflame.xml"),
                        temp.resolve("step_summary")));
    }

    @Test
    void aFailedCheckWritesItsJunitReportAndAppendsItsMarkdownToTheStepSummary() throws Exception {
        Files.writeString(temp.resolve("step_summary"), "## Unit tests\n\nall passed\n");
        CheckSettings settings = settings(SNAPSHOTS).budgets(List.of(
                new Budget("client/controller", 100 * 1024, "100 KiB", Scope.SELF, "*battle*"))).build();
        CheckOutcome outcome = new MemflameCheck(settings, new RecordingListener()).run();
        assertFalse(outcome.passed());

        String markdown = Files.readString(temp.resolve("site/memflame/memflame.md"));
        assertEquals("## Unit tests\n\nall passed\n\n" + markdown, Files.readString(temp.resolve("step_summary")));
        assertTrue(markdown.contains("| `client/controller` | self | `scene-3-battle.pickle` | 177.6 KiB | 100.0 KiB | "
                + "\u274c **exceeded** |"), markdown);
        String xml = Files.readString(temp.resolve("memflame-reports/TEST-memflame.xml"));
        assertTrue(xml.contains("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\""), xml);
        assertTrue(xml.contains("  flame graph: " + temp.resolve("site/memflame/scene-3-battle.pickle.path.svg")
                .toAbsolutePath()), xml);
    }

    @Test
    void aCheckWithoutVerdictWritesOneErrorAndSaysWhyInTheSummary() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("no-dumps"));
        CheckFailure failure = assertThrows(CheckFailure.class,
                () -> new MemflameCheck(settings(empty).build(), new RecordingListener()).run());
        String xml = Files.readString(temp.resolve("memflame-reports/TEST-memflame.xml"));
        assertTrue(xml.contains("<testsuite name=\"memflame\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\""),
                xml);
        assertTrue(xml.contains("<error message=\"" + failure.getMessage().substring(0, 40)), xml);
        assertEquals("## \u274c memflame: no verdict\n\n`No memory snapshot found in " + empty + " matching [**/*.pickle, "
                + "**/*.json, **/*.folded, **/*.dump, **/*.snapshot, **/*.tracemalloc, "
                + "**/*.pickle.gz, **/*.json.gz, **/*.folded.gz, **/*.dump.gz, **/*.snapshot.gz, "
                + "**/*.tracemalloc.gz]: it holds no file. Did the test run "
                + "write its tracemalloc dumps there? Set snapshotDirectory or includes to where they are, or "
                + "failIfNoSnapshots=false to allow a run without snapshots.`\n",
                Files.readString(temp.resolve("step_summary")));
    }
}
