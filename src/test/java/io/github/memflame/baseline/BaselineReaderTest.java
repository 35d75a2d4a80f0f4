package io.github.memflame.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FrameIdentity;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.read.DumpFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Reading a baseline: the good one, and every way one can be missing, of another version, broken or hostile. */
class BaselineReaderTest {
    private static final String STACKS = "main.py:3;client/ui/menu.py:8 5000\n"
            + "main.py:3;\u5ba2\u6237\u7aef/\u80cc\u5305.py:42 700\n"
            + "main.py:3;client/ui/menu.py:8;<frozen posixpath>:88 34\n"
            + "<unknown> 6\n";

    @TempDir
    Path temp;

    private final BaselineReader reader = new BaselineReader(1L << 20);

    /** A memflame.json of one snapshot whose stack view is {@code stackFile}, of {@code totalBytes} bytes. */
    private static String summary(String baselineFormat, String stackFile, long totalBytes) {
        return "{\"schema\": 1, " + (baselineFormat == null ? "" : "\"baselineFormat\": " + baselineFormat + ", ")
                + "\"result\": \"passed\", \"snapshots\": [{\"name\": \"scenes/menu.pickle\", "
                + "\"format\": \"tracemalloc-pickle\", \"traces\": 320, \"totalBytes\": " + totalBytes + ", "
                + "\"excludedTraces\": 12, \"excludedBytes\": 4096, \"reports\": {}, "
                + "\"folded\": {\"path\": \"scenes/menu.pickle.path.folded\", \"stack\": \"" + stackFile + "\"}}], "
                + "\"budgets\": [], \"unreadable\": [], \"someFieldOfALaterVersion\": {\"x\": 1}}";
    }

    private Path baseline(String summary, String stackFile, byte[] stacks) throws IOException {
        Path directory = Files.createDirectories(temp.resolve("baseline"));
        Files.writeString(directory.resolve("memflame.json"), summary);
        if (stackFile != null) {
            Path file = directory.resolve(stackFile);
            Files.createDirectories(file.getParent());
            Files.write(file, stacks);
        }
        return directory;
    }

    private Path goodBaseline(String stackFile, byte[] stacks) throws IOException {
        return baseline(summary("1", stackFile, 5740), stackFile, stacks);
    }

    private BaselineException failure(Path directory) {
        return assertThrows(BaselineException.class,
                () -> reader.read(directory.toString(), BaselineReader.summaryFile(directory)));
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    @Test
    void aReportsSnapshotIsRebuiltFromItsStackView() throws Exception {
        Path directory = goodBaseline("scenes/menu.pickle.stack.folded.gz", gzip(STACKS.getBytes(StandardCharsets.UTF_8)));
        Baseline baseline = reader.read("ci/last-green", BaselineReader.summaryFile(directory));

        assertEquals("ci/last-green", baseline.source());
        assertEquals(directory.resolve("memflame.json"), baseline.summaryFile());
        assertEquals(List.of("scenes/menu.pickle.path.folded", "scenes/menu.pickle.stack.folded.gz"), baseline.files());
        FoldedSnapshot menu = baseline.byName().get("scenes/menu.pickle");
        assertEquals(DumpFormat.TRACEMALLOC_PICKLE, menu.format());
        assertEquals(320, menu.traces());
        assertEquals(5740, menu.totalBytes());
        assertEquals(12, menu.excludedTraces());
        assertEquals(4096, menu.excludedBytes());
        assertEquals(Map.of(), menu.functionNames());
        Map<List<Site>, Long> stacks = new java.util.HashMap<>();
        for (StackTotal stack : menu.stacks()) {
            stacks.put(stack.rootFirst(), stack.bytes());
        }
        assertEquals(Map.of(
                List.of(new Site("main.py", 3), new Site("client/ui/menu.py", 8)), 5000L,
                List.of(new Site("main.py", 3), new Site("\u5ba2\u6237\u7aef/\u80cc\u5305.py", 42)), 700L,
                List.of(new Site("main.py", 3), new Site("client/ui/menu.py", 8), new Site("<frozen posixpath>", 88)), 34L,
                List.of(new Site("<unknown>", 0)), 6L), stacks);
    }

    @Test
    void theSummaryFileItselfWorksAsWell() throws Exception {
        Path directory = goodBaseline("menu.stack.folded", STACKS.getBytes(StandardCharsets.UTF_8));
        Path summary = directory.resolve("memflame.json");
        assertEquals(summary, BaselineReader.summaryFile(summary));
        assertEquals(5740, reader.read(summary.toString(), summary).snapshots().get(0).totalBytes());
    }

    @Test
    void noPathAndADirectoryWithoutSummaryAreNoBaseline() throws Exception {
        assertNull(BaselineReader.summaryFile(temp.resolve("nothing-here")));
        assertNull(BaselineReader.summaryFile(Files.createDirectories(temp.resolve("empty"))));
    }

    @Test
    void aSummaryWithoutBaselineFormatIsRefusedSayingWhatToDo() throws Exception {
        Path directory = baseline(summary(null, "menu.stack.folded", 5740), "menu.stack.folded",
                STACKS.getBytes(StandardCharsets.UTF_8));
        assertEquals(directory.resolve("memflame.json") + ": expected \"baselineFormat\": 1 to 2, found no baselineFormat: "
                + "this memflame.json was written by a memflame version without baselines, or is not a report's "
                + "summary; make a new baseline with this version (run the check, then use its report or "
                + "memflame:baseline)", failure(directory).getMessage());
    }

    @Test
    void anotherBaselineFormatIsRefusedNamingBoth() throws Exception {
        Path directory = baseline(summary("3", "menu.stack.folded", 5740), "menu.stack.folded",
                STACKS.getBytes(StandardCharsets.UTF_8));
        assertEquals(directory.resolve("memflame.json") + ": expected \"baselineFormat\": 1 to 2 and \"schema\": 1, "
                + "found baselineFormat 3 and schema 1: written by another memflame version; make a new baseline with this "
                + "one", failure(directory).getMessage());
    }

    /** A format-2 baseline of {@link #STACKS} whose snapshot names {@code frames}, holding {@code content}. */
    private Path framesBaseline(String frames, String content) throws IOException {
        Path directory = baseline(summary("2", "menu.stack.folded", 5740).replace("\"reports\": {}",
                "\"reports\": {}, \"frames\": \"" + frames + "\""), "menu.stack.folded",
                STACKS.getBytes(StandardCharsets.UTF_8));
        Files.writeString(directory.resolve("menu.frames.json"), content);
        return directory;
    }

    @Test
    void theFramesOfFormatTwoAreReadForTheFramesTheStacksHave() throws Exception {
        Path directory = framesBaseline("menu.frames.json", "{\"frames\": ["
                + "{\"path\": \"client/ui/menu.py\", \"line\": 8, \"function\": \"Menu.open\", \"lineInFunction\": 3, "
                + "\"text\": \"0123456789abcdef\"},"
                + "{\"path\": \"main.py\", \"line\": 3, \"function\": \"<module>\", \"lineInFunction\": 3, \"text\": null},"
                + "{\"path\": \"gone.py\", \"line\": 1, \"function\": \"f\", \"lineInFunction\": 0, \"text\": null}]}");
        Baseline baseline = reader.read(directory.toString(), directory.resolve("memflame.json"));
        assertEquals(Map.of(new Site("client/ui/menu.py", 8), new FrameIdentity("Menu.open", 3, "0123456789abcdef"),
                new Site("main.py", 3), new FrameIdentity("<module>", 3, null)),
                baseline.snapshots().get(0).frameIdentities());
        assertTrue(baseline.files().contains("menu.frames.json"), "copied with the baseline");
    }

    @Test
    void aBrokenFramesFileNamesTheFileThePositionAndWhatWasExpected() throws Exception {
        Path directory = framesBaseline("menu.frames.json", "{\"frames\": [\n"
                + "{\"path\": \"main.py\", \"line\": 3, \"function\": \"f\", \"lineInFunction\": -2, \"text\": null}]}");
        String message = failure(directory).getMessage();
        assertEquals("Cannot read the baseline: " + directory.resolve("menu.frames.json") + ": line 2, column 83: not a "
                + "memflame frames file: at /frames/0: lineInFunction must be 0 or more, was -2", message);
        Path twice = framesBaseline("menu.frames.json", "{\"frames\": ["
                + "{\"path\": \"main.py\", \"line\": 3, \"function\": \"f\", \"lineInFunction\": 1, \"text\": null},"
                + "{\"path\": \"main.py\", \"line\": 3, \"function\": \"g\", \"lineInFunction\": 1, \"text\": null}]}");
        assertEquals("Cannot read the baseline: " + twice.resolve("menu.frames.json") + ": at /frames/1: expected each "
                + "frame once, found main.py:3 again", failure(twice).getMessage());
    }

    @Test
    void aFramesFileOutsideTheBaselineIsRefused() throws Exception {
        Path directory = framesBaseline("../menu.frames.json", "{\"frames\": []}");
        assertTrue(failure(directory).getMessage().contains("frames: expected a file inside the baseline directory "),
                failure(directory).getMessage());
    }

    @Test
    void brokenJsonNamesTheFileLineAndColumn() throws Exception {
        Path directory = baseline("{\"schema\": 1,\n \"baselineFormat\": 1,\n \"snapshots\": [}", null, null);
        String message = failure(directory).getMessage();
        assertTrue(message.startsWith("Cannot read the baseline: " + directory.resolve("memflame.json")
                + ": line 3, column 16: not a memflame summary: Unexpected close marker '}'"), message);
    }

    @Test
    void zeroBytesThatMakeJacksonGuessUtf32AreNamedToo() throws Exception {
        Path directory = baseline("", null, null);
        Files.write(directory.resolve("memflame.json"), new byte[] {'n', 0, 0, 0, 0, 0, 0, 0, 0, 'u', 'l', 'l'});
        String message = failure(directory).getMessage();
        assertTrue(message.startsWith("Cannot read the baseline: " + directory.resolve("memflame.json") + ": not a "
                + "memflame summary: expected JSON text in UTF-8 (or UTF-16/32), found invalid characters: Invalid "
                + "UTF-32 character"), message);
    }

    @Test
    void aFileNameLeadingOutOfTheBaselineIsRefused() throws Exception {
        Files.writeString(temp.resolve("outside.folded"), STACKS);
        Path directory = goodBaseline("../outside.folded", STACKS.getBytes(StandardCharsets.UTF_8));
        assertEquals(directory.resolve("memflame.json") + ": snapshots[0] ('scenes/menu.pickle'): folded.stack: "
                + "expected a file inside the baseline directory " + directory + ", found '../outside.folded', which "
                + "leads out of it", failure(directory).getMessage());
    }

    @Test
    void anAbsoluteFileNameIsRefused() throws Exception {
        Path outside = temp.resolve("outside.folded");
        Files.writeString(outside, STACKS);
        String json = summary("1", outside.toString().replace("\\", "\\\\"), 5740);
        Path directory = baseline(json, null, null);
        assertTrue(failure(directory).getMessage().endsWith("which leads out of it"));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links need privileges there")
    void aLinkLeadingOutOfTheBaselineIsRefused() throws Exception {
        Path outside = temp.resolve("outside.folded");
        Files.writeString(outside, STACKS);
        Path directory = baseline(summary("1", "menu.stack.folded", 5740), null, null);
        Files.createSymbolicLink(directory.resolve("menu.stack.folded"), outside);
        assertTrue(failure(directory).getMessage().endsWith("found 'menu.stack.folded', which leads out of it"));
    }

    @Test
    void aTruncatedGzipNamesTheFileAndWhere() throws Exception {
        byte[] whole = gzip(STACKS.getBytes(StandardCharsets.UTF_8));
        Path directory = goodBaseline("menu.stack.folded.gz", Arrays.copyOf(whole, whole.length - 12));
        String message = failure(directory).getMessage();
        assertTrue(message.startsWith("Cannot read the baseline: " + directory.resolve("menu.stack.folded.gz")
                + ": at decompressed byte "), message);
        assertTrue(message.contains("expected a complete gzip stream"), message);
    }

    @Test
    void aMissingFoldedFileIsNamed() throws Exception {
        Path directory = baseline(summary("1", "menu.stack.folded", 5740), null, null);
        assertEquals(directory.resolve("memflame.json") + ": snapshots[0] ('scenes/menu.pickle'): expected the file "
                + directory.resolve("menu.stack.folded") + " that folded.stack names, found none (copy the whole "
                + "report directory, or use memflame:baseline)", failure(directory).getMessage());
    }

    @Test
    void foldedStacksThatDoNotAddUpToTheSummaryAreRefused() throws Exception {
        Path directory = baseline(summary("1", "menu.stack.folded", 9999), "menu.stack.folded",
                STACKS.getBytes(StandardCharsets.UTF_8));
        assertEquals(directory.resolve("menu.stack.folded") + ": expected stacks of 9999 bytes in all, as "
                + directory.resolve("memflame.json") + ": snapshots[0] ('scenes/menu.pickle') says (totalBytes), found "
                + "5740 bytes: the baseline's files do not belong together", failure(directory).getMessage());
    }

    @Test
    void aBadFoldedLineNamesItsPosition() throws Exception {
        Path directory = goodBaseline("menu.stack.folded", "main.py:3 12\nmain.py:4 lots\n".getBytes(StandardCharsets.UTF_8));
        String message = failure(directory).getMessage();
        assertTrue(message.startsWith("Cannot read the baseline: " + directory.resolve("menu.stack.folded")), message);
        assertTrue(message.contains("folded: at line 2, column 11 (byte 13): expected 'frame;frame;frame COUNT' with "
                + "COUNT a whole number of bytes, found 'lots'"), message);
    }

    @Test
    void aSnapshotNameTwiceIsRefused() throws Exception {
        String json = summary("1", "menu.stack.folded", 5740);
        String entry = json.substring(json.indexOf("{\"name\""), json.indexOf("}}]") + 2);
        Path directory = baseline(json.replace(entry, entry + ", " + entry), "menu.stack.folded",
                STACKS.getBytes(StandardCharsets.UTF_8));
        assertEquals(directory.resolve("memflame.json") + ": snapshots[1] ('scenes/menu.pickle'): expected each "
                + "snapshot name once, found it again", failure(directory).getMessage());
    }

    @Test
    void aPickleInPlaceOfFoldedStacksIsRefused() throws Exception {
        byte[] pickle = Files.readAllBytes(Path.of("src/test/resources/baseline/before/scene-1-login.pickle"));
        Path directory = goodBaseline("menu.stack.folded", pickle);
        assertEquals(directory.resolve("menu.stack.folded") + ": expected folded stacks, found a tracemalloc-pickle "
                + "file", failure(directory).getMessage());
    }

    @Test
    void aSnapshotWithoutStackViewIsRefused() throws Exception {
        Path directory = baseline(summary("1", "menu.stack.folded", 5740).replace(", \"stack\": \"menu.stack.folded\"",
                ""), null, null);
        assertEquals(directory.resolve("memflame.json") + ": snapshots[0] ('scenes/menu.pickle'): expected folded.stack "
                + "naming the snapshot's stack-view folded file, found none", failure(directory).getMessage());
    }
}
