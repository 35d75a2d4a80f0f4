package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that cannot be read or written is named with what was being done and why, never as a bare path. */
class FileErrorMessagesTest {
    private static final Path PICKLE = Path.of("src/test/resources/fixtures/py312/battle.pickle");

    @TempDir
    Path temp;

    private final RecordingListener log = new RecordingListener();

    private Path snapshots() throws Exception {
        Path snapshots = Files.createDirectories(temp.resolve("snapshots"));
        Files.copy(PICKLE, snapshots.resolve("scene.pickle"));
        return snapshots;
    }

    /** The job summary only repeats the report: a file that cannot be written is a warning, the check stands. */
    @Test
    void anUnwritableJobSummaryIsAWarning() throws Exception {
        Path stepSummary = Files.createDirectories(temp.resolve("step_summary"));
        CheckOutcome outcome = new MemflameCheck(CheckSettingsBuilder.snapshots(snapshots())
                .output(temp.resolve("site/memflame")).ciOutputs(new CiOutputs(null, stepSummary)).build(), log).run();
        assertTrue(outcome.passed());
        List<String> warnings = log.lines().stream().filter(line -> line.startsWith("[WARNING]")).toList();
        assertEquals(1, warnings.size(), log.lines().toString());
        assertTrue(warnings.get(0).startsWith("[WARNING] memflame could not append its summary to the GitHub job "
                + "summary (GITHUB_STEP_SUMMARY): cannot write " + stepSummary + ": "), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("; the check's result stands, and the report has the summary as "
                + "memflame.md"), warnings.get(0));
    }

    @Test
    void anUnwritableJobSummaryIsAWarningWhenTheCheckHasNoVerdictToo() throws Exception {
        Path stepSummary = Files.createDirectories(temp.resolve("step_summary"));
        CheckFailure failure = assertThrows(CheckFailure.class, () -> new MemflameCheck(CheckSettingsBuilder
                .snapshots(temp.resolve("none")).output(temp.resolve("site/memflame"))
                .ciOutputs(new CiOutputs(null, stepSummary)).build(), log).run());
        assertTrue(failure.getMessage().startsWith("No memory snapshot found in "), failure.getMessage());
        assertTrue(log.lines().get(0).startsWith("[WARNING] memflame could not append its summary to the GitHub job "
                + "summary (GITHUB_STEP_SUMMARY): cannot write " + stepSummary + ": "), log.lines().toString());
    }

    @Test
    void aJunitReportThatCannotBeWrittenSaysWhereAndWhy() throws Exception {
        Path blocked = Files.writeString(temp.resolve("reports"), "a file where the directory would go");
        Path junit = blocked.resolve("TEST-memflame.xml");
        java.io.IOException failure = assertThrows(java.io.IOException.class, () -> new MemflameCheck(
                CheckSettingsBuilder.snapshots(snapshots()).output(temp.resolve("site/memflame"))
                        .ciOutputs(new CiOutputs(junit, null)).build(), log).run());
        assertTrue(failure.getMessage().startsWith("cannot write " + junit + ": " + blocked), failure.getMessage());
    }

    /**
     * A dump the build may not read is unreadable like a corrupt one: left out with a warning under
     * {@code failOnUnreadable=false}, a failure naming the file and why otherwise. Needs permissions that bind (not
     * root); the file-errors IT runs the same as a user without the capability to override them.
     */
    @Test
    void aDumpThatMayNotBeReadIsUnreadableLikeACorruptOne() throws Exception {
        Path snapshots = snapshots();
        Path locked = Files.copy(PICKLE, snapshots.resolve("locked.pickle"));
        assumeTrue(Files.getFileStore(locked).supportsFileAttributeView(PosixFileAttributeView.class));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "permissions do not bind this user (root)");

        CheckFailure failure = assertThrows(CheckFailure.class, () -> new MemflameCheck(CheckSettingsBuilder
                .snapshots(snapshots).output(temp.resolve("site/memflame")).build(), log).run());
        assertEquals("Cannot read memory snapshot " + locked + ": cannot read the file: " + locked
                + ": permission denied", failure.getMessage());

        CheckOutcome outcome = new MemflameCheck(CheckSettingsBuilder.snapshots(snapshots)
                .output(temp.resolve("site/memflame")).failOnUnreadable(false).build(), log).run();
        assertEquals(List.of("scene.pickle"), outcome.report().snapshots().stream().map(s -> s.snapshot().name())
                .toList());
        assertEquals(List.of("locked.pickle"), outcome.report().unreadable().stream().map(u -> u.name()).toList());
    }
}
