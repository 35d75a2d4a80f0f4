package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crafted snapshot names, as a hostile dump's path or a hand-made FoldedSnapshot could give them: each is either
 * refused before anything is written or written inside the report directory; never a file outside it.
 */
class ReportTraversalTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"../../evil.pickle", "/abs.pickle", "C:\\x.pickle", "C:/x.pickle", "a/../../b",
        "..", ".", "./../x", "a/./../..", "\\\\server\\share\\x", "..\\..\\win.pickle", "a//../../b",
        "sub/../../../x", "~/x.pickle", "a/\u2025/x", "%2e%2e/x", "a/b/../../../c"})
    void aNameNeverPutsAFileOutsideTheReport(String name) throws Exception {
        Path output = temp.resolve("work/report");
        CheckReport report = new CheckReport(true, List.of(Reports.report(Snapshots.battle()),
                Reports.report(Snapshots.named(name).add(10, "a.py:1").build())), List.of(), List.of());
        try {
            ReportWriter.write(output, report, SvgOptions.defaults());
        } catch (IOException refused) {
            assertTrue(refused.getMessage().contains("outside the report directory")
                    || refused.getMessage().contains("would both write"), refused.getMessage());
        }
        try (Stream<Path> walk = Files.walk(temp)) {
            // The lock file concurrent runs of the report take turns on (it holds a process id) lives next to it.
            walk.filter(p -> !p.equals(temp) && !p.equals(temp.resolve("work"))
                            && !p.equals(temp.resolve("work/.report.lock")))
                    .forEach(p -> {
                        if (!p.normalize().startsWith(output)) {
                            fail(name + " put " + p + " outside " + output);
                        }
                    });
        }
        assertTrue(!Files.exists(Path.of("/abs.pickle.path.svg")) && !Files.exists(Path.of("/x.path.svg")));
    }
}
