package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.check.ReadOnly;
import io.github.memflame.output.OutputDirectory;
import io.github.memflame.output.OutputKind;
import io.github.memflame.output.OutputRefusedException;
import io.github.memflame.output.ProtectedDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The guard every directory memflame replaces goes through: it never deletes what memflame did not write. */
class OutputDirectoryTest {
    @TempDir
    Path temp;

    private static OutputRefusedException refused(OutputDirectory output) {
        return assertThrows(OutputRefusedException.class, output::checkReplaceable);
    }

    private static OutputDirectory report(Path directory) {
        return OutputDirectory.of(directory, OutputKind.REPORT);
    }

    private static List<String> files(Path directory) throws Exception {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).map(f -> directory.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void aMissingOrEmptyDirectoryMayBeReplaced() throws Exception {
        report(temp.resolve("target/site/memflame")).checkReplaceable();
        report(Files.createDirectories(temp.resolve("empty"))).checkReplaceable();
    }

    @Test
    void theUsersDirectoryIsRefusedNamingWhatIsInIt() throws Exception {
        Path docs = Files.createDirectories(temp.resolve("docs"));
        Files.writeString(docs.resolve("index.html"), "<html>the user's own</html>");
        for (String name : List.of("guide.md", "api.md", "faq.md", "changes.md", "logo.svg")) {
            Files.writeString(docs.resolve(name), name);
        }
        assertEquals("Refusing to write the report to " + docs + " (outputDirectory): it holds 6 entries (api.md, "
                + "changes.md, faq.md, guide.md, index.html, ...), and api.md is not a file memflame writes into the "
                + "report. memflame replaces that directory as a whole, so it must be missing, empty, or a report "
                + "memflame wrote; nothing was read or written. Set outputDirectory to a directory of its own, e.g. "
                + "${project.reporting.outputDirectory}/memflame.", refused(report(docs)).getMessage());
    }

    @Test
    void filesWithMemflamesNamesAreNotEnoughWithoutASummaryOfMemflames() throws Exception {
        Path docs = Files.createDirectories(temp.resolve("docs"));
        Files.writeString(docs.resolve("index.html"), "<html>the user's own</html>");
        Files.writeString(docs.resolve("memflame.json"), "{\"mine\": true}");
        assertTrue(refused(report(docs)).getMessage().contains("it holds 2 entries (index.html, memflame.json) but "
                + "neither the .memflame-report memflame writes into the report nor a memflame.json of memflame's"));
    }

    @Test
    void aReportMemflameWroteGetsAMarkerAndIsReplaced() throws Exception {
        Path output = temp.resolve("memflame");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        assertEquals("{\"kind\": \"report\", \"schema\": 1}\n", Files.readString(output.resolve(".memflame-report")));
        report(output).checkReplaceable();
    }

    /**
     * Reports written before the marker existed have none: one holding only memflame's files (its index, summary,
     * graphs and folded stacks) is replaced without fuss, and gets its marker.
     */
    @Test
    void aReportOfAnEarlierVersionWithoutMarkerIsReplaced() throws Exception {
        Path output = temp.resolve("memflame");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        Files.delete(output.resolve(".memflame-report"));
        report(output).checkReplaceable();
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        assertTrue(Files.isRegularFile(output.resolve(".memflame-report")));
    }

    @Test
    void aReportWithAFileOfTheUsersInItIsRefusedAndKept() throws Exception {
        Path output = temp.resolve("memflame");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        Files.writeString(output.resolve("sub/dir/notes.txt"), "mine");
        List<String> before = files(output);
        OutputRefusedException refused = assertThrows(OutputRefusedException.class,
                () -> ReportWriter.write(output, Reports.failed(), SvgOptions.defaults()));
        assertTrue(refused.getMessage().contains("it holds 10 entries (.memflame-report, index.html, memflame.json, "
                + "memflame.md, scene-2-battle.pickle.lines.txt, ...), and sub/dir/notes.txt is not a file "
                + "memflame writes into the report"), refused.getMessage());
        assertEquals(before, files(output));
    }

    @Test
    void aDirectoryOfAnotherKindIsRefused() throws Exception {
        Path baseline = Files.createDirectories(temp.resolve("baseline"));
        Files.writeString(baseline.resolve(".memflame-report"), OutputKind.BASELINE.markerText());
        Files.writeString(baseline.resolve("memflame.json"), "{\"schema\": 1}");
        assertTrue(refused(report(baseline)).getMessage().contains("it holds 2 entries (.memflame-report, "
                + "memflame.json): a baseline memflame wrote (its .memflame-report says so), not a report"));

        Files.writeString(baseline.resolve(".memflame-report"), "made up");
        assertTrue(refused(report(baseline)).getMessage().contains("it holds a .memflame-report that memflame did "
                + "not write"));
    }

    @Test
    void whatReplacingWouldDeleteIsProtected() throws Exception {
        Path project = Files.createDirectories(temp.resolve("game"));
        Path snapshots = Files.createDirectories(project.resolve("target/memory-snapshots"));
        Path sources = Files.createDirectories(project.resolve("src/main/python"));
        Path baseline = project.resolve("src/test/memflame-baseline/memflame.json");
        List<ProtectedDirectory> guarded = List.of(
                new ProtectedDirectory("the project's base directory", project),
                new ProtectedDirectory("the snapshot directory", snapshots),
                new ProtectedDirectory("the source root", sources),
                new ProtectedDirectory("the baseline", baseline));
        String tail = ". memflame replaces that directory as a whole, so it must be missing, empty, or a report "
                + "memflame wrote; nothing was read or written. Set outputDirectory to a directory of its own, e.g. "
                + "${project.reporting.outputDirectory}/memflame.";
        assertEquals("Refusing to write the report to " + project + " (outputDirectory): it is the project's base "
                + "directory" + tail, refused(new OutputDirectory(project, OutputKind.REPORT, guarded, null))
                .getMessage());
        assertEquals("Refusing to write the report to " + snapshots + " (outputDirectory): it is the snapshot "
                + "directory" + tail, refused(new OutputDirectory(snapshots, OutputKind.REPORT, guarded, null))
                .getMessage());
        assertEquals("Refusing to write the report to " + project.resolve("src") + " (outputDirectory): it contains "
                + "the source root " + sources + tail, refused(new OutputDirectory(project.resolve("src"),
                OutputKind.REPORT, guarded, null)).getMessage());
        assertEquals("Refusing to write the report to " + baseline.getParent() + " (outputDirectory): it contains "
                + "the baseline " + baseline + tail, refused(new OutputDirectory(baseline.getParent(),
                OutputKind.REPORT, guarded, null)).getMessage());
        assertEquals("Refusing to write the report to " + project.resolve("target") + " (outputDirectory): it "
                + "contains the snapshot directory " + snapshots + tail, refused(new OutputDirectory(
                project.resolve("target"), OutputKind.REPORT, guarded, null)).getMessage());
        new OutputDirectory(project.resolve("target/site/memflame"), OutputKind.REPORT, guarded, null)
                .checkReplaceable();
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links need privileges there")
    void protectedDirectoriesAreSeenThroughLinks() throws Exception {
        Path project = Files.createDirectories(temp.resolve("game"));
        Path alias = Files.createSymbolicLink(temp.resolve("alias"), project);
        assertTrue(refused(new OutputDirectory(alias.resolve("."), OutputKind.REPORT,
                List.of(new ProtectedDirectory("the project's base directory", project)), null)).getMessage()
                .contains("it is the project's base directory (" + project + ")"));
        assertTrue(refused(report(alias)).getMessage().contains("it is a symbolic link (to " + project + "), which "
                + "would be replaced by a directory; set outputDirectory to the directory itself"));
    }

    @Test
    void aReadOnlyOldReportIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path output = temp.resolve("memflame");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        List<String> before = files(output);
        try (ReadOnly readOnly = ReadOnly.make(output.resolve("sub"))) {
            OutputRefusedException refused = assertThrows(OutputRefusedException.class,
                    () -> ReportWriter.write(output, Reports.failed(), SvgOptions.defaults()));
            assertEquals("Cannot replace the report in " + output + " (outputDirectory): " + output.resolve("sub")
                    + " is read-only, and memflame deletes the previous report once the new one is in place; nothing "
                    + "was read or written. Make it writable, or delete it.", refused.getMessage());
        }
        assertEquals(before, files(output));
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of(".memflame.lock", "memflame"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList(), "no staging left");
        }
    }

    @Test
    void aReadOnlyPlaceIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path site = Files.createDirectories(temp.resolve("target/site"));
        try (ReadOnly readOnly = ReadOnly.make(site)) {
            assertEquals("Cannot write the report to " + site.resolve("memflame") + " (outputDirectory): " + site
                    + " is read-only, and memflame writes the report next to its place first; nothing was read or "
                    + "written. Make it writable, or set outputDirectory to a writable place.",
                    refused(new OutputDirectory(site.resolve("memflame"), OutputKind.REPORT, List.of(),
                            temp.resolve("target"))).getMessage());
        }
        assertFalse(Files.exists(site.resolve("memflame")));
    }
}
