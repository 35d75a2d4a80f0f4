package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.output.ProjectDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A careless configuration never costs the user a file: the report's directory is refused, before any dump is read,
 * when replacing it would delete the project, its sources, its dumps or its baseline, or anything memflame did not
 * write ({@code -Dmemflame.outputDirectory=${project.basedir}} deleted pom.xml and src/ and passed).
 */
class OutputGuardCheckTest {
    private static final Path DUMP = Path.of("src/test/resources/fixtures/py312/battle.pickle");

    @TempDir
    Path temp;

    private Path project;
    private Path snapshots;
    private ProjectDirectories directories;
    private Map<String, String> before;

    @BeforeEach
    void aProject() throws Exception {
        project = Files.createDirectories(temp.resolve("game"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path sources = Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(sources.resolve("App.java"), "class App {}");
        Files.createDirectories(project.resolve("docs"));
        Files.writeString(project.resolve("docs/index.html"), "<html>the team's docs</html>");
        Files.writeString(project.resolve("docs/memflame.json"), "{\"notes\": \"the team's\"}");
        snapshots = Files.createDirectories(project.resolve("target/memory-snapshots"));
        Files.copy(DUMP, snapshots.resolve("scene-3-battle.pickle"));
        directories = new ProjectDirectories(project, project.resolve("target"), List.of(sources));
        before = contents(project);
    }

    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), file.getFileName().toString()
                        .endsWith(".pickle") ? "dump" : Files.readString(file));
            }
        }
        return files;
    }

    private CheckFailure refused(Path output, CheckSettingsBuilder settings) {
        return assertThrows(CheckFailure.class,
                () -> new MemflameCheck(settings.output(output).build(), new RecordingListener()).run());
    }

    private CheckSettingsBuilder settings() {
        return CheckSettingsBuilder.snapshots(snapshots).project(directories).ciOutputs(
                new CiOutputs(project.resolve("target/memflame-reports/TEST-memflame.xml"), null));
    }

    /**
     * Nothing changed in the project: no file deleted or added (not even the JUnit report), none rewritten; only the
     * lock file that runs writing the same report take turns on is in target.
     */
    private void assertUntouched() throws Exception {
        Map<String, String> after = contents(project);
        after.keySet().removeIf(name -> name.matches("target/\\.[^/]+\\.lock"));
        assertEquals(before, after);
    }

    @Test
    void theProjectsBaseDirectoryIsNeverTheReport() throws Exception {
        assertEquals("Refusing to write the report to " + project + " (outputDirectory): it is the project's base "
                + "directory. memflame replaces that directory as a whole, so it must be missing, empty, or a report "
                + "memflame wrote; nothing was read or written. Set outputDirectory to a directory of its own, e.g. "
                + "${project.reporting.outputDirectory}/memflame.", refused(project, settings()).getMessage());
        assertUntouched();
    }

    @Test
    void withoutTheProjectsDirectoriesItsFilesStillKeepIt() throws Exception {
        String message = refused(project, CheckSettingsBuilder.snapshots(snapshots)).getMessage();
        assertTrue(message.startsWith("Refusing to write the report to " + project + " (outputDirectory): it "
                + "contains the snapshot directory " + snapshots), message);
        assertUntouched();
    }

    @Test
    void theTeamsDocsAreNeverTheReport() throws Exception {
        Path docs = project.resolve("docs");
        assertEquals("Refusing to write the report to " + docs + " (outputDirectory): it holds 2 entries "
                + "(index.html, memflame.json) but neither the .memflame-report memflame writes into the report nor "
                + "a memflame.json of memflame's. memflame replaces that directory as a whole, so it must be missing, "
                + "empty, or a report memflame wrote; nothing was read or written. Set outputDirectory to a directory "
                + "of its own, e.g. ${project.reporting.outputDirectory}/memflame.",
                refused(docs, settings()).getMessage());
        assertUntouched();
    }

    @Test
    void theDumpsAreNeverTheReport() throws Exception {
        assertTrue(refused(snapshots, settings()).getMessage().startsWith("Refusing to write the report to "
                + snapshots + " (outputDirectory): it is the snapshot directory."));
        assertTrue(refused(project.resolve("target"), settings()).getMessage().contains(": it contains the snapshot "
                + "directory " + snapshots + "."));
        assertUntouched();
    }

    /** The refusal comes before any dump is read: a corrupt one does not even get to fail. */
    @Test
    void nothingIsReadBeforeTheRefusal() throws Exception {
        Files.writeString(snapshots.resolve("corrupt.pickle"), "not a dump");
        before = contents(project);
        String message = refused(project.resolve("docs"), settings()).getMessage();
        assertTrue(message.startsWith("Refusing to write the report to "), message);
        assertUntouched();
    }

    @Test
    void aJunitReportThatIsNotOneOfMemflamesIsNeverOverwritten() throws Exception {
        Path output = project.resolve("target/site/memflame");
        CheckFailure failure = refused(output, settings().ciOutputs(new CiOutputs(project.resolve("pom.xml"), null)));
        assertEquals("Refusing to overwrite " + project.resolve("pom.xml") + " (junitReport): it is not a JUnit "
                + "report memflame wrote; nothing was read or written. Set junitReport to a file of its own, e.g. "
                + "${project.build.directory}/memflame-reports/TEST-memflame.xml, or to none.", failure.getMessage());
        assertUntouched();
        assertFalse(Files.exists(output));
    }

    @Test
    void theDefaultPlacesPass() throws Exception {
        Path output = project.resolve("target/site/memflame");
        new MemflameCheck(settings().output(output).build(), new RecordingListener()).run();
        new MemflameCheck(settings().output(output).build(), new RecordingListener()).run();
        assertTrue(Files.isRegularFile(output.resolve("index.html")));
        assertTrue(Files.isRegularFile(project.resolve("target/.memflame.lock")), "the lock file goes into target");
        assertFalse(Files.exists(project.resolve("target/site/.memflame.lock")));
    }
}
