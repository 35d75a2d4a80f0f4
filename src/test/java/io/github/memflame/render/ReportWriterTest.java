package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.check.GzipText;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.DumpLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path temp;

    private static Map<String, String> contents(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                // The folded exports are compared by what they hold.
                files.put(directory.relativize(file).toString().replace('\\', '/'),
                        file.toString().endsWith(".gz") ? GzipText.read(file) : Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> list = Files.list(temp)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheWholeReportMirroringSubDirectories() throws Exception {
        Path output = temp.resolve("memflame");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        Map<String, String> files = contents(output);
        assertEquals(List.of(".memflame-report", "index.html", "memflame.json", "memflame.md",
                "scene-2-battle.pickle.lines.txt",
                "scene-2-battle.pickle.path.folded.gz", "scene-2-battle.pickle.path.svg",
                "scene-2-battle.pickle.stack.folded.gz", "scene-2-battle.pickle.stack.svg",
                "sub/dir/scene 1#menu.pickle.lines.txt",
                "sub/dir/scene 1#menu.pickle.path.folded.gz", "sub/dir/scene 1#menu.pickle.path.svg",
                "sub/dir/scene 1#menu.pickle.stack.folded.gz", "sub/dir/scene 1#menu.pickle.stack.svg"),
                List.copyOf(files.keySet()));
        assertEquals("{\"kind\": \"report\", \"schema\": 1}\n", files.get(".memflame-report"));
        assertEquals(List.of(".memflame.lock", "memflame"), siblings(), "no staging or old directory left behind, "
                + "only the lock file concurrent runs take turns on");
        assertEquals("failed", new ObjectMapper().readTree(files.get("memflame.json")).get("result").textValue());
        assertTrue(files.get("index.html").contains("FAILED"));
        assertTrue(files.get("scene-2-battle.pickle.path.folded.gz")
                .contains("client;controller;input.py;7 343440\n"));
        assertTrue(files.get("sub/dir/scene 1#menu.pickle.path.folded.gz").contains("客户端;界面;背包.py;42 70000\n"));
        SvgTestSupport.parse(Files.readAllBytes(output.resolve("sub/dir/scene 1#menu.pickle.stack.svg")),
                SvgOptions.defaults());
    }

    @Test
    void foldedExportsAreGzipFilesMemflameReadsBackToTheSameTotalsByteIdenticalAcrossRuns() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        CheckReport report = Reports.failed();
        ReportWriter.write(first, report, SvgOptions.defaults());
        ReportWriter.write(second, report, SvgOptions.defaults());
        for (SnapshotReport snapshot : report.snapshots()) {
            for (FlameTree.View view : FlameTree.View.values()) {
                Path file = first.resolve(snapshot.foldedFile(view));
                byte[] bytes = Files.readAllBytes(file);
                assertEquals(0x1f, bytes[0] & 0xff, "gzip magic");
                assertEquals(0x8b, bytes[1] & 0xff, "gzip magic");
                assertEquals(0, bytes[3], "no file name or comment in the header");
                assertEquals(0, bytes[4] | bytes[5] | bytes[6] | bytes[7], "no modification time in the header");
                assertArrayEquals(bytes, Files.readAllBytes(second.resolve(snapshot.foldedFile(view))),
                        file + " is the same in every run");

                SnapshotFolder folder = new SnapshotFolder();
                DumpFormat format = new DumpLoader(StandardCharsets.UTF_8, 1L << 30).load(file, "read-back", folder);
                assertEquals(DumpFormat.FOLDED, format);
                FoldedSnapshot readBack = folder.fold("read-back", format, new PathNormalizer(List.of()), List.of());
                assertEquals(snapshot.snapshot().totalBytes(), readBack.totalBytes(), file + " total bytes");
                if (view == FlameTree.View.STACK) {
                    assertEquals(snapshot.snapshot().stacks().size(), readBack.stacks().size(), file + " stacks");
                }
            }
        }
    }

    @Test
    void aSnapshotWithABaselineAlsoGetsItsTwoDiffGraphs() throws Exception {
        Path output = temp.resolve("memflame");
        SnapshotReport compared = SnapshotReport.of(DiffFlameGraphTest.current(), DiffFlameGraphTest.baseline(),
                SvgOptions.defaults());
        SnapshotReport alone = Reports.report(Reports.menu());
        ReportWriter.write(output, new CheckReport(true, List.of(compared, alone), List.of(), List.of()),
                SvgOptions.defaults());
        Map<String, String> files = contents(output);
        assertEquals(List.of(".memflame-report", "index.html", "memflame.json", "memflame.md",
                "scene-2-battle.pickle.lines.txt",
                "scene-2-battle.pickle.path.diff.svg", "scene-2-battle.pickle.path.folded.gz",
                "scene-2-battle.pickle.path.svg", "scene-2-battle.pickle.stack.diff.svg",
                "scene-2-battle.pickle.stack.folded.gz", "scene-2-battle.pickle.stack.svg",
                "sub/dir/scene 1#menu.pickle.lines.txt",
                "sub/dir/scene 1#menu.pickle.path.folded.gz", "sub/dir/scene 1#menu.pickle.path.svg",
                "sub/dir/scene 1#menu.pickle.stack.folded.gz", "sub/dir/scene 1#menu.pickle.stack.svg"),
                List.copyOf(files.keySet()));
        for (String diff : List.of("scene-2-battle.pickle.path.diff.svg", "scene-2-battle.pickle.stack.diff.svg")) {
            assertTrue(files.get(diff).contains(" data-diff=\"true\""), diff);
            SvgTestSupport.parse(Files.readAllBytes(output.resolve(diff)), SvgOptions.defaults());
        }
        assertTrue(files.get("index.html").contains("<section id=\"since-baseline\">"));
        assertFalse(files.get("index.html").contains("scene 1#menu.pickle.path.diff.svg"), "no baseline, no diff");
    }

    @Test
    void aNewReportReplacesTheOldOneWhole() throws Exception {
        Path output = temp.resolve("memflame");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        Files.writeString(output.resolve("gone.pickle.path.svg"), "<svg/>");
        CheckReport second = new CheckReport(true, List.of(Reports.report(Snapshots.named("only.pickle")
                .add(10, "a.py:1").build())), List.of(), List.of());
        ReportWriter.write(output, second, SvgOptions.defaults());
        assertEquals(List.of(".memflame-report", "index.html", "memflame.json", "memflame.md",
                "only.pickle.lines.txt", "only.pickle.path.folded.gz", "only.pickle.path.svg", "only.pickle.stack.folded.gz",
                "only.pickle.stack.svg"), List.copyOf(contents(output).keySet()));
        assertEquals(List.of(".memflame.lock", "memflame"), siblings());
    }

    @Test
    void snapshotNamesThatLeaveTheReportAreRefused() throws Exception {
        Path output = temp.resolve("report");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        Map<String, String> before = contents(output);
        for (String name : List.of("../evil.pickle", "a/../../evil.pickle", "/tmp/evil.pickle", "sub/../../../x")) {
            CheckReport report = new CheckReport(true, List.of(Reports.report(Snapshots.battle()),
                    Reports.report(Snapshots.named(name).add(10, "a.py:1").build())), List.of(), List.of());
            IOException refused = assertThrows(IOException.class,
                    () -> ReportWriter.write(output, report, SvgOptions.defaults()));
            assertTrue(refused.getMessage().contains("outside the report directory"), refused.getMessage());
            assertTrue(refused.getMessage().contains(name), refused.getMessage());
            assertEquals(before, contents(output), "the previous report is untouched");
            assertEquals(List.of(".report.lock", "report"), siblings(), "nothing written outside, no staging left");
        }
        assertFalse(Files.exists(Path.of("/tmp/evil.pickle.path.svg")));
    }

    @Test
    void aFailureInTheMiddleLeavesThePreviousReportUntouched() throws Exception {
        Path output = temp.resolve("report");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        Map<String, String> before = contents(output);
        FoldedSnapshot broken = Snapshots.named("zz-broken.pickle").add(10, "a.py:1").build();
        // Its stack view cannot be rendered: the index, the summary and the first snapshot's files are written
        // before writing fails.
        SnapshotReport whole = Reports.report(broken);
        SnapshotReport unrenderable = new SnapshotReport(broken, whole.pathView(), null, whole.pathFolded(), null);
        CheckReport report = new CheckReport(true, List.of(Reports.report(Snapshots.battle()), unrenderable),
                List.of(), List.of());
        assertThrows(IOException.class, () -> ReportWriter.write(output, report, SvgOptions.defaults()));
        assertEquals(before, contents(output));
        assertEquals(List.of(".report.lock", "report"), siblings());
    }

    @Test
    void duplicateFilesAndAFileInTheWayAreRefused() throws Exception {
        FoldedSnapshot one = Snapshots.named("same.pickle").add(10, "a.py:1").build();
        CheckReport twice = new CheckReport(true, List.of(Reports.report(one), Reports.report(one)), List.of(),
                List.of());
        IOException duplicate = assertThrows(IOException.class,
                () -> ReportWriter.write(temp.resolve("out"), twice, SvgOptions.defaults()));
        assertTrue(duplicate.getMessage().contains("same.pickle"), duplicate.getMessage());
        assertEquals(List.of(".out.lock"), siblings());

        Path file = Files.writeString(temp.resolve("file"), "not a directory");
        IOException inTheWay = assertThrows(IOException.class,
                () -> ReportWriter.write(file, Reports.failed(), SvgOptions.defaults()));
        assertTrue(inTheWay.getMessage().contains("not a directory"));
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void leftoversOfAKilledRunAreRemoved() throws Exception {
        Path output = temp.resolve("report");
        Files.createDirectories(temp.resolve(".report.staging-123/sub"));
        Files.writeString(temp.resolve(".report.staging-123/sub/half.svg"), "<svg");
        Files.createDirectories(output);
        Files.createDirectories(temp.resolve(".report.old-456"));
        Files.createDirectories(temp.resolve(".other.staging-1"));
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        assertEquals(List.of(".other.staging-1", ".report.lock", "report"), siblings());
    }

    @Test
    void anOldReportOfARunKilledBetweenTheRenamesIsKeptUntilANewReportIsInPlace() throws Exception {
        // Killed after renaming the report away and before renaming the staging directory in: no report, and the
        // previous one only in the old directory. A run that fails keeps it; the next complete report replaces it.
        Path output = temp.resolve("report");
        Files.createDirectories(temp.resolve(".report.old-456"));
        Files.writeString(temp.resolve(".report.old-456/index.html"), "<html>previous</html>");
        FoldedSnapshot one = Snapshots.named("same.pickle").add(10, "a.py:1").build();
        CheckReport clash = new CheckReport(true, List.of(Reports.report(one), Reports.report(one)), List.of(),
                List.of());
        assertThrows(IOException.class, () -> ReportWriter.write(output, clash, SvgOptions.defaults()));
        assertEquals(List.of(".report.lock", ".report.old-456"), siblings());

        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        assertEquals(List.of(".report.lock", "report"), siblings(),
                "the old directory is removed once the new report is in place");
    }

    @Test
    void theReportDirectoryHasThePermissionsOfAnyNewDirectory() throws Exception {
        Path plain = Files.createDirectory(temp.resolve("plain"));
        assumeTrue(Files.getFileStore(plain).supportsFileAttributeView(PosixFileAttributeView.class));
        Path output = temp.resolve("memflame");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(output),
                "not the owner-only permissions of a temporary directory");
    }

    @Test
    void aMissingParentIsCreated() throws Exception {
        Path output = temp.resolve("target/site/memflame");
        ReportWriter.write(output, Reports.failed(), SvgOptions.defaults());
        assertTrue(Files.isRegularFile(output.resolve("index.html")));
    }
}
