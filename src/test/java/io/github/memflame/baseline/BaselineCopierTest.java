package io.github.memflame.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.check.CheckSettingsBuilder;
import io.github.memflame.check.MemflameCheck;
import io.github.memflame.check.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
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

        List<String> expected = new java.util.ArrayList<>(List.of("memflame.json", ".memflame-report"));
        expected.addAll(copied.files());
        assertEquals(expected.stream().sorted().toList(), files(target));
        assertEquals(11, files(target).size(), "the summary, 6 folded files, 3 lines files and the marker");
        assertEquals("{\"kind\": \"baseline\", \"schema\": 1}\n", Files.readString(target.resolve(".memflame-report")));
        for (String file : copied.files()) {
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
        assertEquals("Refusing to write the baseline to " + sources + " (baselineDirectory): it holds 1 entry "
                + "(Precious.java), and Precious.java is not a file memflame writes into the baseline. memflame "
                + "replaces that directory as a whole, so it must be missing, empty, or a baseline memflame wrote; "
                + "nothing was read or written. Set baselineDirectory to a directory of its own, e.g. "
                + "${project.basedir}/src/test/memflame-baseline.", failure.getMessage());
        assertEquals(List.of("Precious.java"), files(sources));
    }

    /**
     * Today's version replaced any directory holding a file named memflame.json: a source directory with one of its
     * own (here a fixture of some other tool) is now refused, whatever else it holds.
     */
    @Test
    void aDirectoryWithAMemflameJsonOfItsOwnAndOtherFilesIsNotReplaced() throws Exception {
        Path report = report();
        Path sources = Files.createDirectories(temp.resolve("src/test/resources"));
        Files.writeString(sources.resolve("memflame.json"), "{\"schema\": 1}");
        Files.writeString(sources.resolve("Fixture.java"), "class Fixture {}");
        BaselineException failure = assertThrows(BaselineException.class, () -> copier.copy(report, sources));
        assertTrue(failure.getMessage().contains("it holds 2 entries (Fixture.java, memflame.json), and Fixture.java "
                + "is not a file memflame writes"), failure.getMessage());
        assertEquals(List.of("Fixture.java", "memflame.json"), files(sources));
    }

    /** A baseline written before the marker existed (memflame.json and folded stacks only) is replaced. */
    @Test
    void aBaselineOfAnEarlierVersionWithoutMarkerIsReplaced() throws Exception {
        Path report = report();
        Path target = temp.resolve("baseline");
        copier.copy(report, target);
        Files.delete(target.resolve(".memflame-report"));
        Files.writeString(target.resolve("old-scene.pickle.stack.folded.gz"), "left by an earlier baseline");
        copier.copy(report, target);
        assertTrue(Files.isRegularFile(target.resolve(".memflame-report")));
        assertFalse(Files.exists(target.resolve("old-scene.pickle.stack.folded.gz")));
    }

    /**
     * On Linux a backslash is part of a file name: a summary naming {@code ..\\java\\Evil.java} (a file of that name
     * is in the report, and {@code target/site/java/Evil.java} is what it reads as with '/') must not make the copy
     * write {@code src/test/java/Evil.java}.
     */
    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a backslash cannot be part of a file name there")
    void aNameWithBackslashesIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path report = report();
        Files.writeString(Files.createDirectories(report.resolveSibling("java")).resolve("Evil.java"), "class Evil {}");
        Path summary = report.resolve("memflame.json");
        String json = Files.readString(summary);
        String stack = "scene-1-login.pickle.path.folded.gz";
        Files.copy(report.resolve(stack), report.resolve("..\\java\\Evil.java"));
        Files.writeString(summary, json.replace("\"" + stack + "\"", "\"..\\\\java\\\\Evil.java\""));
        Path target = temp.resolve("src/test/memflame-baseline");
        BaselineException failure = assertThrows(BaselineException.class, () -> copier.copy(report, target));
        assertTrue(failure.getMessage().endsWith("found '..\\java\\Evil.java', which holds '\\' (a separator on "
                + "Windows and a character elsewhere, so it may lead out of it there); names use '/'"),
                failure.getMessage());
        assertFalse(Files.exists(temp.resolve("src/test/java")));
        assertFalse(Files.exists(target));
    }

    @Test
    void aFailedCopyLeavesThePreviousBaselineAsItWas() throws Exception {
        Path report = report();
        Path target = temp.resolve("baseline");
        copier.copy(report, target);
        List<String> before = files(target);
        String summaryBefore = Files.readString(target.resolve("memflame.json"));

        // The next report lacks one of the files its summary names: the copy is refused before it starts.
        Path pathView = report.resolve("scene-3-battle.pickle.path.folded");
        Files.delete(Files.exists(pathView) ? pathView : report.resolve("scene-3-battle.pickle.path.folded.gz"));
        BaselineException missing = assertThrows(BaselineException.class, () -> copier.copy(report, target));
        assertTrue(missing.getMessage().endsWith("that a folded entry names, found none (copy the whole report "
                + "directory, or use memflame:baseline)"), missing.getMessage());

        assertEquals(before, files(target));
        assertEquals(summaryBefore, Files.readString(target.resolve("memflame.json")));
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of(".baseline.lock", "baseline", "target"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList(), "no staging directory left behind");
        }
    }
}
