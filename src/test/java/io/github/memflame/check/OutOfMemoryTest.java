package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump too big for the heap fails the build with what to do, not a bare {@code Java heap space}: a real JVM with a
 * 32 MiB heap reads a 30 MB folded file of distinct stacks
 * beside a small one.
 */
class OutOfMemoryTest {
    @TempDir
    Path temp;

    @Test
    void aDumpTooBigForTheHeapNamesItselfTheHeapLimitAndTheFix() throws Exception {
        Path snapshots = Files.createDirectories(temp.resolve("snapshots"));
        Random random = new Random(11);
        try (BufferedWriter out = Files.newBufferedWriter(snapshots.resolve("huge.folded"), StandardCharsets.UTF_8)) {
            for (int stack = 0; stack < 300_000; stack++) {
                for (int frame = 0; frame < 12; frame++) {
                    out.write("game/module" + random.nextInt(500) + ".py:" + random.nextInt(3000) + ";");
                }
                out.write("leaf.py:" + stack + " " + (1 + random.nextInt(1000)) + "\n");
            }
        }
        // A second, small dump, so that two are read at once and the advice mentions threads.
        Files.copy(Path.of("src/test/resources/fixtures/folded/battle.folded"), snapshots.resolve("battle.folded"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                OutOfMemoryChild.class.getName(), snapshots.toString(), temp.resolve("out").toString(), "2"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.startsWith("FAILURE Out of memory while reading memory snapshot huge.folded ("), output);
        assertTrue(output.contains("the heap limit of this build is "), output);
        assertTrue(output.contains("Give Maven more heap, e.g. MAVEN_OPTS=-Xmx1g (or -Xmx1g in .mvn/jvm.config)."),
                output);
        assertTrue(output.contains("-Dmemflame.threads=1"), output);
        assertTrue(Files.notExists(temp.resolve("out")), "no report is written");
    }

    @Test
    void theAdviceDoublesTheHeapInWholeGibibytes() {
        assertTrue(OutOfMemoryAdvice.whileReading("a.pickle", 121_000_000, 5_000, 1L << 30, 1)
                .endsWith("Give Maven more heap, e.g. MAVEN_OPTS=-Xmx2g (or -Xmx2g in .mvn/jvm.config)."));
        assertTrue(OutOfMemoryAdvice.whileRendering(3, 3L << 29)
                .contains("the heap limit of this build is 1.5 GiB. Give Maven more heap, e.g. MAVEN_OPTS=-Xmx3g"));
    }
}
