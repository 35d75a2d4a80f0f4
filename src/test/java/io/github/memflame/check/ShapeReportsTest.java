package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.fold.FoldedSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every dump shape of the benchmark ({@code make_shaped_snapshot.py}: realistic, distinct, wide, deep, lines), at a
 * hundredth of its counts ({@code src/test/resources/shapes}, written by CPython 3.11's {@code Snapshot.dump} through
 * {@code make_shape_fixtures.py}), gives the same report, byte for byte, as the SHA-256 sums committed in
 * {@code reports.sha256}: work on one shape's speed or memory cannot change what any report says unnoticed. After an
 * intended change of the report, re-bless and review: {@code mvn test -Dtest=ShapeReportsTest -Dmemflame.bless=true}.
 */
class ShapeReportsTest {
    @TempDir
    Path temp;

    private static final Path SHAPES = Path.of("src/test/resources/shapes");
    private static final Path SUMS = SHAPES.resolve("reports.sha256");
    private static final boolean BLESS = Boolean.getBoolean("memflame.bless");

    /** The totals are CPython's: the sum of the sizes of the traces it dumped, as the generator printed them. */
    @ParameterizedTest
    @CsvSource({"realistic, 10000, 70719056", "distinct, 10000, 68812288", "wide, 10000, 70124656",
            "deep, 2000, 14621776", "lines, 10000, 70383824"})
    void theReportOfEachShapeIsAsCommitted(String shape, long traces, long totalBytes) throws Exception {
        Path dumps = Files.createDirectories(temp.resolve("dumps"));
        Files.copy(SHAPES.resolve(shape + ".pickle"), dumps.resolve(shape + ".pickle"));
        Path output = dumps.resolveSibling("report");
        CheckOutcome outcome = new MemflameCheck(CheckSettingsBuilder.snapshots(dumps).output(output)
                .stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/")).threads(2).build(),
                new RecordingListener()).run();
        FoldedSnapshot snapshot = outcome.report().snapshots().get(0).snapshot();
        assertEquals(traces, snapshot.traces());
        assertEquals(totalBytes, snapshot.totalBytes());

        List<String> sums = sums(shape, output);
        List<String> committed = Files.readAllLines(SUMS, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith(shape + "/")).toList();
        if (BLESS) {
            List<String> others = new ArrayList<>(Files.readAllLines(SUMS, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.startsWith(shape + "/")).toList());
            others.addAll(sums);
            Files.write(SUMS, others.stream().sorted().toList(), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(committed, sums, shape + ": the report differs from the committed one; if intended, re-bless");
    }

    /** {@code SHAPE/FILE SHA-256} of every file of a report, sorted as {@code reports.sha256} is. */
    private static List<String> sums(String shape, Path report) throws IOException, NoSuchAlgorithmException {
        List<String> sums = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(report)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                sums.add(shape + "/" + report.relativize(file).toString().replace('\\', '/') + " "
                        + HexFormat.of().formatHex(digest));
            }
        }
        sums.sort(null);
        return sums;
    }
}
