package io.github.memflame.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.memflame.CheckSettingsBuilder;
import io.github.memflame.MemflameCheck;
import io.github.memflame.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a report's baseline data: only what a baseline needs, all of it or nothing. */
class BaselineCopierTest {
    @TempDir
    Path temp;

    private final BaselineCopier copier = new BaselineCopier(1L << 30);

    private Path report() throws Exception {
        Path report = temp.resolve("target/site/memflame");
        new MemflameCheck(CheckSettingsBuilder.snapshots(Path.of("src/test/resources/baseline/before")).output(report)
                .stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/")).build(), new RecordingListener()).run();
        return report;
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).map(file -> directory.relativize(file).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void copiesTheSummaryAndTheFoldedStacksItNamesAndNothingElse() throws Exception {
        Path report = report();
        Path target = temp.resolve("src/test/memflame-baseline");
        Baseline copied = copier.copy(report, target);

        List<String> expected = new java.util.ArrayList<>(List.of("memflame.json"));
        expected.addAll(copied.files());
        assertEquals(expected.stream().sorted().toList(), files(target));
        assertEquals(7, files(target).size());
        for (String file : files(target)) {
            assertArrayEquals(Files.readAllBytes(report.resolve(file)), Files.readAllBytes(target.resolve(file)), file);
        }
        // What was copied is itself a baseline, figure for figure.
        Baseline reread = new BaselineReader(1L << 30).read("copy", target.resolve("memflame.json"));
        assertEquals(figures(copied), figures(reread));
    }

    /** Each snapshot's name, totals and bytes by stack, whatever the order of its stacks. */
    private static List<String> figures(Baseline baseline) {
        return baseline.snapshots().stream().map(snapshot -> snapshot.name() + " " + snapshot.traces() + " "
                + snapshot.totalBytes() + " " + snapshot.stacks().stream()
                .map(stack -> stack.rootFirst() + "=" + stack.bytes()).sorted().toList()).toList();
    }

    @Test
    void withoutAReportItSaysToRunTheBuildFirst() {
        Path report = temp.resolve("target/site/memflame");
        BaselineException failure = assertThrows(BaselineException.class,
                () -> copier.copy(report, temp.resolve("baseline")));
        assertEquals("No memflame report in " + report + " (expected " + report.resolve("memflame.json") + "): run "
                + "`mvn verify` first, so that the check goal writes the report, then memflame:baseline",
                failure.getMessage());
    }

    @Test
    void aDirectoryHoldingOtherFilesIsNotReplaced() throws Exception {
        Path report = report();
        Path sources = Files.createDirectories(temp.resolve("src/test"));
        Files.writeString(sources.resolve("Precious.java"), "class Precious {}");
        BaselineException failure = assertThrows(BaselineException.class, () -> copier.copy(report, sources));
        assertEquals("baselineDirectory " + sources + " holds files but no memflame.json: the baseline directory is "
                + "replaced as a whole, so it must be empty, missing or an earlier baseline; choose a directory of its "
                + "own, e.g. src/test/memflame-baseline", failure.getMessage());
        assertEquals(List.of("Precious.java"), files(sources));
    }

    @Test
    void aFailedCopyLeavesThePreviousBaselineAsItWas() throws Exception {
        Path report = report();
        Path target = temp.resolve("baseline");
        copier.copy(report, target);
        List<String> before = files(target);
        String summaryBefore = Files.readString(target.resolve("memflame.json"));

        // The next report lacks one of the files its summary names: the copy fails half-way.
        Path pathView = report.resolve("scene-3-battle.pickle.path.folded");
        Files.delete(Files.exists(pathView) ? pathView : report.resolve("scene-3-battle.pickle.path.folded.gz"));
        assertThrows(NoSuchFileException.class, () -> copier.copy(report, target));

        assertEquals(before, files(target));
        assertEquals(summaryBefore, Files.readString(target.resolve("memflame.json")));
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of("baseline", "target"), siblings.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging directory left behind");
        }
    }
}
