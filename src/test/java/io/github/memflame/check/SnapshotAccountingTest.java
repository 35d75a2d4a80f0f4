package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot directory is accounted for: what is read, what is not and why, by name; a name found in it is
 * never turned into another path.
 */
class SnapshotAccountingTest {
    private static final Path PICKLE = Path.of("src/test/resources/fixtures/py312/battle.pickle");
    private static final Path PICKLE_GZ = Path.of("src/test/resources/fixtures/gz/battle.pickle.gz");

    @TempDir
    Path temp;

    private final RecordingListener log = new RecordingListener();

    private Path snapshots() throws IOException {
        return Files.createDirectories(temp.resolve("snapshots"));
    }

    private CheckOutcome run(CheckSettingsBuilder settings) throws Exception {
        return new MemflameCheck(settings.output(temp.resolve("site/memflame")).build(), log).run();
    }

    private static List<String> names(CheckOutcome outcome) {
        return outcome.report().snapshots().stream().map(s -> s.snapshot().name()).toList();
    }

    @Test
    void theNamesSnapshotDumpUsersGiveAreReadByDefault() throws Exception {
        Path snapshots = snapshots();
        for (String name : List.of("a.dump", "b.snapshot", "c.tracemalloc")) {
            Files.copy(PICKLE, snapshots.resolve(name));
        }
        for (String name : List.of("d.dump.gz", "e.snapshot.gz", "f.tracemalloc.gz")) {
            Files.copy(PICKLE_GZ, snapshots.resolve(name));
        }
        assertEquals(List.of("a.dump", "b.snapshot", "c.tracemalloc", "d.dump.gz", "e.snapshot.gz",
                "f.tracemalloc.gz"), names(run(CheckSettingsBuilder.snapshots(snapshots))));
    }

    @Test
    void whatIsNotReadIsNamedInOneLine() throws Exception {
        Path snapshots = snapshots();
        Files.copy(PICKLE, snapshots.resolve("scene.pickle"));
        Files.copy(PICKLE, snapshots.resolve("warmup.pickle"));
        Files.writeString(snapshots.resolve("notes.txt"), "x");
        Files.writeString(Files.createDirectories(snapshots.resolve("logs")).resolve("run.log"), "x");
        for (int i = 1; i <= 5; i++) {
            Files.copy(PICKLE, snapshots.resolve("scene-" + i + ".pkl"));
        }
        CheckOutcome outcome = run(CheckSettingsBuilder.snapshots(snapshots).excludes(List.of("warmup*")));
        assertEquals(List.of("scene.pickle"), names(outcome));
        assertTrue(log.lines().contains("[INFO] memflame: 8 entries in " + snapshots + " are not read: 7 match no "
                + "include (logs/run.log, notes.txt, scene-1.pkl, scene-2.pkl, scene-3.pkl and 2 more); 1 is excluded "
                + "(warmup.pickle)"), log.lines().toString());
    }

    @Test
    void noSnapshotFoundSaysWhatIsThere() throws Exception {
        Path snapshots = snapshots();
        Files.writeString(snapshots.resolve("notes.txt"), "x");
        Files.copy(PICKLE, snapshots.resolve("scene-1.pkl"));
        CheckFailure failure = assertThrows(CheckFailure.class,
                () -> run(CheckSettingsBuilder.snapshots(snapshots).includes(List.of("**/*.pickle"))));
        assertEquals("No memory snapshot found in " + snapshots + " matching [**/*.pickle]: it holds 2 files, none "
                + "of them read: notes.txt, scene-1.pkl. Did the test run write its tracemalloc dumps there? Set "
                + "snapshotDirectory or includes to where they are, or failIfNoSnapshots=false to allow a run without "
                + "snapshots.", failure.getMessage());

        CheckFailure missing = assertThrows(CheckFailure.class,
                () -> run(CheckSettingsBuilder.snapshots(temp.resolve("nowhere"))));
        assertTrue(missing.getMessage().contains("tracemalloc.gz]: the directory does not exist. Did the test run"),
                missing.getMessage());
    }

    /** Another tool's JSON report picked by the default includes: the message says which include and how to leave it out. */
    @Test
    void aFileOfNoDumpFormatFailsNamingTheIncludeAndTheExcludeLine() throws Exception {
        Path snapshots = snapshots();
        Files.copy(PICKLE, snapshots.resolve("scene.pickle"));
        Files.writeString(Files.createDirectories(snapshots.resolve("coverage")).resolve("report.json"),
                "{\"tool\": \"coverage\", \"lines\": 1234}\n");
        Files.writeString(snapshots.resolve("notes.folded"), "report of another tool\n");
        CheckFailure failure = assertThrows(CheckFailure.class, () -> run(CheckSettingsBuilder.snapshots(snapshots)));
        String file = snapshots.resolve("coverage/report.json").toString();
        assertTrue(failure.getMessage().startsWith("Cannot read memory snapshot " + file + ": at $.tool (line 1, "
                + "column 10): expected only \"traces\""), failure.getMessage());
        assertTrue(failure.getMessage().endsWith(". It was read because the include **/*.json picks it; if it is not "
                + "a memory snapshot, leave it out with <excludes><exclude>coverage/report.json</exclude></excludes> "
                + "(or -Dmemflame.excludes=coverage/report.json)"), failure.getMessage());

        CheckFailure text = assertThrows(CheckFailure.class, () -> run(CheckSettingsBuilder.snapshots(snapshots)
                .excludes(List.of("coverage/report.json"))));
        assertTrue(text.getMessage().startsWith("Cannot read memory snapshot " + snapshots.resolve("notes.folded")
                + ": at byte 0: expected a tracemalloc pickle, JSON traces or folded stacks, found content none of "
                + "them reads ("), text.getMessage());
        assertTrue(text.getMessage().endsWith(". It was read because the include **/*.folded picks it; if it is not "
                + "a memory snapshot, leave it out with <excludes><exclude>notes.folded</exclude></excludes> (or "
                + "-Dmemflame.excludes=notes.folded)"), text.getMessage());

        CheckOutcome outcome = run(CheckSettingsBuilder.snapshots(snapshots)
                .excludes(List.of("coverage/report.json", "notes.folded")));
        assertEquals(List.of("scene.pickle"), names(outcome));
    }

    /** A truncated real dump is a dump: it fails without the hint to exclude it. */
    @Test
    void aTruncatedDumpFailsWithoutTheExcludeHint() throws Exception {
        Path snapshots = snapshots();
        byte[] whole = Files.readAllBytes(PICKLE);
        Files.write(snapshots.resolve("scene.pickle"), java.util.Arrays.copyOf(whole, whole.length / 2));
        CheckFailure failure = assertThrows(CheckFailure.class, () -> run(CheckSettingsBuilder.snapshots(snapshots)));
        assertTrue(failure.getMessage().contains("the dump is truncated"), failure.getMessage());
        assertFalse(failure.getMessage().contains("<excludes>"), failure.getMessage());
    }

    /**
     * On Linux a backslash is part of a file name: an empty dump named {@code ..\..\outside\secret2.folded} made
     * memflame read (and quote) {@code outside/secret2.folded}, two directories up.
     */
    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "a backslash cannot be part of a file name there")
    void aNameWithBackslashesIsNeverResolvedAgain() throws Exception {
        Path snapshots = Files.createDirectories(temp.resolve("ci/target/snapshots"));
        Files.copy(PICKLE, snapshots.resolve("scene.pickle"));
        Files.writeString(snapshots.resolve("..\\..\\outside\\secret2.folded"), "");
        Path outside = Files.createDirectories(temp.resolve("ci/outside"));
        Files.writeString(outside.resolve("secret2.folded"), "SECRET_TOKEN=hunter2\n");

        CheckFailure failure = assertThrows(CheckFailure.class, () -> run(CheckSettingsBuilder.snapshots(snapshots)));
        assertEquals("Cannot read memory snapshot " + snapshots.resolve("..\\..\\outside\\secret2.folded") + ": its "
                + "name cannot be a snapshot's name (it contains '\\', a separator on Windows and a character "
                + "elsewhere; names use '/'); rename it", failure.getMessage());

        Path junit = temp.resolve("TEST-memflame.xml");
        CheckOutcome outcome = run(CheckSettingsBuilder.snapshots(snapshots).failOnUnreadable(false)
                .ciOutputs(new CiOutputs(junit, null)));
        assertEquals(List.of("scene.pickle"), names(outcome));
        assertFalse(String.join("\n", log.lines()).contains("SECRET"), log.lines().toString());
        try (Stream<Path> report = Files.walk(temp.resolve("site"))) {
            for (Path file : report.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".gz")).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains("SECRET"), file.toString());
            }
        }
        assertFalse(Files.readString(junit).contains("SECRET"));
        assertTrue(Files.readString(junit).contains("secret2.folded is unreadable and left out of every total"),
                Files.readString(junit));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "FIFOs and symbolic links")
    @Timeout(60)
    void entriesThatCannotBeDumpsAreEachNamedInAWarning() throws Exception {
        Path snapshots = snapshots();
        Files.copy(PICKLE, snapshots.resolve("scene.pickle"));
        mkfifo(snapshots.resolve("pipe.pickle"));
        Files.createDirectories(snapshots.resolve("scene-2.pickle"));
        Files.createSymbolicLink(snapshots.resolve("gone.pickle"), Path.of("scene-9.pickle"));
        Files.createSymbolicLink(snapshots.resolve("alias.pickle"), Path.of("scene.pickle"));
        Files.createSymbolicLink(snapshots.resolve("passwd.json"), Path.of("/etc/passwd"));
        CheckOutcome outcome = run(CheckSettingsBuilder.snapshots(snapshots));
        assertEquals(List.of("alias.pickle", "scene.pickle"), names(outcome), "a link inside is read");
        assertEquals(List.of(
                "[WARNING] Snapshot directory entry gone.pickle is a symbolic link to nothing (a dangling link to "
                        + "scene-9.pickle): not read",
                "[WARNING] Snapshot directory entry passwd.json is a symbolic link to a file outside the snapshot "
                        + "directory (/etc/passwd): not read",
                "[WARNING] Snapshot directory entry pipe.pickle is not a regular file (a FIFO, a device or a "
                        + "socket): not read",
                "[WARNING] Snapshot directory entry scene-2.pickle is a directory, not a dump (its name matches the "
                        + "include **/*.pickle): not read as one"), log.lines().subList(0, 4));
    }

    private static void mkfifo(Path path) throws Exception {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        mkfifo.getInputStream().readAllBytes();
        assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    }

    @Test
    void theRootOfAFileSystemIsNoSnapshotDirectory() {
        Path root = temp.getRoot();
        CheckFailure failure = assertThrows(CheckFailure.class, () -> run(CheckSettingsBuilder.snapshots(root)));
        assertEquals("snapshotDirectory is " + root + ", the root of a file system: memflame would read every file of "
                + "the machine. Set snapshotDirectory to the directory your test run writes its tracemalloc dumps to, "
                + "e.g. ${project.build.directory}/memory-snapshots.", failure.getMessage());
    }

    /** memflame's own report inside the snapshot directory (snapshotDirectory=target) is not read as dumps. */
    @Test
    void aReportOfMemflamesInsideTheSnapshotDirectoryIsNotRead() throws Exception {
        Path target = Files.createDirectories(temp.resolve("target"));
        Files.copy(PICKLE, Files.createDirectories(target.resolve("memory-snapshots")).resolve("scene.pickle"));
        Path output = target.resolve("site/memflame");
        new MemflameCheck(CheckSettingsBuilder.snapshots(target).output(output).build(), log).run();
        CheckOutcome again = new MemflameCheck(CheckSettingsBuilder.snapshots(target).output(output).build(), log).run();
        assertEquals(List.of("memory-snapshots/scene.pickle"), names(again));
        assertTrue(log.lines().contains("[INFO] memflame: 2 entries in " + target + " are not read: 1 matches no "
                + "include (site/.memflame.lock); 1 is a report directory memflame wrote (site/memflame/)"),
                log.lines().toString());
    }
}
