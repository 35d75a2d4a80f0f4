package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.render.CheckReport;
import io.github.memflame.render.ReportWriter;
import io.github.memflame.render.SnapshotReport;
import io.github.memflame.render.SvgOptions;
import io.github.memflame.run.Comparison;
import io.github.memflame.run.LeakCheck;
import io.github.memflame.run.RunChecks;
import io.github.memflame.run.RunOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check writes each snapshot's graphs and exports as soon as it is drawn and keeps only what the pages need,
 * so that a run of many snapshots holds one snapshot's drawings at a time: the report it writes so is byte for byte
 * the report written from every snapshot's drawings held at once. On real CPython runs of the demo game
 * ({@code src/test/resources/run}): a town revisit with a comparison, battle rounds with a leak check, against a
 * baseline, with folded exports named too.
 */
class StreamedReportTest {
    private static final Path RUN = Path.of("src/test/resources/run");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");

    @TempDir
    Path temp;

    @Test
    void theReportWrittenSnapshotBySnapshotIsTheReportWrittenWhole() throws Exception {
        Path dumps = Files.createDirectories(temp.resolve("dumps"));
        for (String run : List.of("revisit", "rounds")) {
            try (Stream<Path> files = Files.list(RUN.resolve(run))) {
                for (Path dump : files.toList()) {
                    Files.copy(dump, dumps.resolve(dump.getFileName().toString()));
                }
            }
        }
        check(dumps, temp.resolve("baseline"), null);
        Path streamed = temp.resolve("streamed");
        CheckOutcome outcome = check(dumps, streamed, temp.resolve("baseline"));

        CheckReport kept = outcome.report();
        assertEquals(8, kept.snapshots().size());
        assertEquals(2, kept.run().diffs().size(), "one comparison, one leak check");
        for (SnapshotReport snapshot : kept.snapshots()) {
            assertNotNull(snapshot.pathView(), "the pages list its top paths and largest lines");
            assertNotNull(snapshot.baseline());
            assertNull(snapshot.stackView(), snapshot.snapshot().name() + ": its stack view was let go");
            assertNull(snapshot.folded(FlameTree.View.PATH));
            assertNull(snapshot.folded(FlameTree.View.STACK));
            assertNull(snapshot.diff(FlameTree.View.STACK));
        }

        List<SnapshotReport> whole = kept.snapshots().stream()
                .map(snapshot -> SnapshotReport.of(snapshot.snapshot(), snapshot.baseline(), SvgOptions.defaults()))
                .toList();
        Path heldWhole = temp.resolve("whole");
        ReportWriter.write(heldWhole, new CheckReport(kept.passed(), whole, kept.budgets(), kept.unreadable(),
                kept.functionNames(), kept.foldedFunctionNames(), kept.baseline(), kept.run(), kept.history()),
                SvgOptions.defaults());
        List<Path> files = files(heldWhole);
        assertEquals(files, files(streamed));
        assertTrue(files.contains(Path.of("run", "scene-1-town.pickle-to-scene-3-town.pickle.stack.diff.svg")));
        assertTrue(files.contains(Path.of("battle-round-2.pickle.stack.named.folded.gz")));
        assertTrue(files.contains(Path.of("battle-round-2.pickle.path.diff.svg")));
        for (Path file : files) {
            assertTrue(Arrays.equals(Files.readAllBytes(heldWhole.resolve(file)),
                    Files.readAllBytes(streamed.resolve(file))), file + " differs");
        }
        assertFalse(files.isEmpty());
    }

    private static CheckOutcome check(Path dumps, Path output, Path baseline) throws Exception {
        RunChecks run = new RunChecks(RunOrder.NAME,
                List.of(Comparison.parse(1, null, "scene-1-town*", "scene-3-town*", "client", "self", "1 MiB", null)),
                List.of(LeakCheck.parse(1, null, "battle-round-*", 1, "client", null, "1 MiB", null)));
        return new MemflameCheck(CheckSettingsBuilder.snapshots(dumps).output(output).stripPrefixes(STRIP)
                .baseline(baseline).foldedFunctionNames(true).run(run).build(), new RecordingListener()).run();
    }

    /** The files of a report, relative to it, in a stable order. */
    private static List<Path> files(Path report) throws IOException {
        try (Stream<Path> walk = Files.walk(report)) {
            return walk.filter(Files::isRegularFile).map(report::relativize).sorted().toList();
        }
    }
}
