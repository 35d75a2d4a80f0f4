package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading dumps in parallel, and drawing each snapshot's two views at once, changes nothing a user sees: the same
 * report, byte for byte, and the same log apart from the read times, whichever dump finishes first; unreadable
 * dumps (GBK names read as UTF-8, the broken fixtures) are listed in the same order too.
 */
class ParallelReadTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TempDir
    Path temp;

    @Test
    void theReportOfAParallelRunIsByteIdenticalToASerialOne() throws Exception {
        Path snapshots = Files.createDirectories(temp.resolve("snapshots"));
        for (String fixture : List.of("py27", "py36", "py37", "py38", "py39", "py310", "py311", "py312", "py313",
                "json", "folded", "gz", "edge", "broken")) {
            try (Stream<Path> files = Files.list(FIXTURES.resolve(fixture))) {
                for (Path file : files.toList()) {
                    if (!file.getFileName().toString().equals("total-overflow.pickle")) {
                        Files.copy(file, Files.createDirectories(snapshots.resolve(fixture)).resolve(file.getFileName()));
                    }
                }
            }
        }
        RecordingListener serialLog = new RecordingListener();
        RecordingListener parallelLog = new RecordingListener();
        Path serial = run(snapshots, temp.resolve("serial"), 1, serialLog);
        Path parallel = run(snapshots, temp.resolve("parallel"), 4, parallelLog);

        List<Path> serialFiles = files(serial);
        assertTrue(serialFiles.size() > 100, "a report of every fixture: " + serialFiles.size());
        assertEquals(serialFiles, files(parallel));
        for (Path file : serialFiles) {
            assertArrayEquals(Files.readAllBytes(serial.resolve(file)), Files.readAllBytes(parallel.resolve(file)),
                    file.toString());
        }
        assertEquals(withoutOutput(serialLog, serial), withoutOutput(parallelLog, parallel));
    }

    private static Path run(Path snapshots, Path output, int threads, RecordingListener listener) throws Exception {
        List<Budget> budgets = List.of(new Budget("client", 1_000_000, "1 MB", Scope.SELF, null),
                new Budget("**/battle*", 100_000, "100 kB", Scope.INCLUSIVE, "py3*/**"));
        CheckSettings settings = CheckSettingsBuilder.snapshots(snapshots).failOnUnreadable(false).budgets(budgets)
                .warnAtPercent(80).output(output).threads(threads).build();
        new MemflameCheck(settings, listener).run();
        return output;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).map(root::relativize).toList());
            Collections.sort(files);
            return files;
        }
    }

    private static List<String> withoutOutput(RecordingListener log, Path output) {
        return log.linesWithoutTimes().stream().map(line -> line.replace(output.toString(), "OUTPUT")).toList();
    }
}
