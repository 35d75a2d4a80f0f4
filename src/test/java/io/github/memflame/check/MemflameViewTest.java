package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code view} run over real dumps given one by one, from different directories: the whole report, with the
 * figures CPython's tracemalloc gives ({@code fixtures/oracle.json}); bad input refused as {@code check} refuses it,
 * with nothing written.
 */
class MemflameViewTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final Path GAME_SOURCES = Path.of("examples/game-demo/src/main/python");
    private static final String STRIP = "I:/G1/trunk/code/Script/Python/";

    @TempDir
    Path temp;

    @Test
    void dumpsFromTwoDirectoriesGiveTheWholeReportUnderTheirFileNames() throws Exception {
        Path qa = copyNow("py312/battle.pickle", "qa/device-7");
        Path gzipped = copyNow("gz/battle.pickle.gz", "downloads");
        Path output = temp.resolve("memflame-report");
        RecordingListener log = new RecordingListener();

        Path index = new MemflameView(new ViewSettings(List.of(qa, gzipped), output, List.of(STRIP),
                List.of(GAME_SOURCES), StandardCharsets.UTF_8, 1L << 30), log).run();

        assertEquals(output.resolve("index.html"), index);
        List<String> lines = log.linesWithoutTimes();
        assertEquals("[INFO] Memory report: " + index, lines.get(lines.size() - 1), String.join("\n", lines));
        for (String name : List.of("battle.pickle", "battle.pickle.gz")) {
            for (String file : List.of(".path.svg", ".stack.svg", ".path.folded.gz", ".stack.folded.gz")) {
                assertTrue(Files.isRegularFile(output.resolve(name + file)), name + file);
            }
        }
        JsonNode summary = new ObjectMapper().readTree(output.resolve("memflame.json").toFile());
        List<String> names = new ArrayList<>();
        summary.get("snapshots").forEach(snapshot -> names.add(snapshot.get("name").asText()));
        assertEquals(List.of("battle.pickle", "battle.pickle.gz"), names, "file names, in the order given");
        assertEquals(oracleTotal("py312/battle.pickle"), summary.get("snapshots").get(0).get("totalBytes").asLong());
        assertEquals(oracleTotal("gz/battle.pickle.gz"), summary.get("snapshots").get(1).get("totalBytes").asLong());
        assertEquals("passed", summary.get("result").asText());
        assertEquals(0, summary.get("budgets").size());

        String folded = GzipText.read(output.resolve("battle.pickle.path.folded.gz"));
        assertTrue(folded.contains("\nclient;controller;battle_controller.py;37 ") && !folded.contains("I:"),
                "stripPrefixes applied");
        String page = Files.readString(index, StandardCharsets.UTF_8);
        assertTrue(page.contains("client/controller/battle_controller.py:37 BattleController._tick"),
                "sourceRoots name the functions");
    }

    @Test
    void aDumpThatCannotBeReadIsRefusedWithChecksMessageAndNothingIsWritten() throws Exception {
        Path broken = FIXTURES.resolve("broken");
        CheckFailure check = assertThrows(CheckFailure.class, () -> new MemflameCheck(CheckSettingsBuilder
                .snapshots(broken).includes(List.of("truncated.pickle")).output(temp.resolve("check")).build(),
                new RecordingListener()).run());
        assertTrue(check.getMessage().startsWith("Cannot read memory snapshot "), check.getMessage());

        assertEquals(check.getMessage(), refused(broken.resolve("truncated.pickle")));
    }

    @Test
    void nothingMissingNoDirectoryAndNoTwoDumpsOfOneName() throws Exception {
        assertEquals("No dump to view: name the tracemalloc dumps with -Ddumps=a.pickle,b.pickle.gz (paths absolute "
                + "or relative to the current directory, separated by commas)", refused());
        Path missing = temp.resolve("qa/scene-9.pickle");
        assertEquals("No dump at " + missing + ": the file is not there", refused(missing));
        assertEquals("Cannot view " + FIXTURES.resolve("py311") + ": it is not a file; name each dump, not a directory",
                refused(FIXTURES.resolve("py311")));
        Path first = FIXTURES.resolve("py311/battle.pickle");
        Path second = FIXTURES.resolve("py312/battle.pickle");
        assertEquals("Two dumps are named battle.pickle: " + first + " and " + second + ". The report names each "
                + "snapshot after its file name: rename or copy one of them", refused(first, second));
    }

    /** The message a view of {@code dumps} fails with; the output directory is never created. */
    private String refused(Path... dumps) {
        Path output = temp.resolve("refused-report");
        CheckFailure failure = assertThrows(CheckFailure.class, () -> new MemflameView(new ViewSettings(
                List.of(dumps), output, List.of(STRIP), List.of(), StandardCharsets.UTF_8, 1L << 30),
                new RecordingListener()).run());
        assertFalse(Files.exists(output), "nothing written for " + List.of(dumps));
        return failure.getMessage();
    }

    /** A fixture copied now into {@code directory}, so it is newer than the sources, as a fresh dump is. */
    private Path copyNow(String fixture, String directory) throws IOException {
        Path copy = temp.resolve(directory).resolve(Path.of(fixture).getFileName().toString());
        Files.createDirectories(copy.getParent());
        Files.copy(FIXTURES.resolve(fixture), copy);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis()));
        return copy;
    }

    private static long oracleTotal(String fixture) throws IOException {
        for (JsonNode entry : new ObjectMapper().readTree(FIXTURES.resolve("oracle.json").toFile()).get("fixtures")) {
            if (entry.get("file").asText().equals(fixture)) {
                return entry.get("totalBytes").asLong();
            }
        }
        throw new AssertionError("no oracle entry for " + fixture);
    }
}
