package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DumpProgressTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(42 * SECOND);
    private final List<String> lines = new ArrayList<>();
    private final CheckListener listener = new CheckListener() {
        @Override
        public void info(String line) {
            lines.add(line);
        }

        @Override
        public void warning(String line) {
            lines.add("WARN " + line);
        }

        @Override
        public void error(String line) {
            lines.add("ERROR " + line);
        }
    };

    @Test
    void aDumpReadWithinTheIntervalPrintsNothing() throws IOException {
        DumpProgress progress = new DumpProgress("scene.pickle", 1 << 20, clock::get, listener);
        try (InputStream in = progress.count(new ByteArrayInputStream(new byte[1 << 20]))) {
            for (int i = 0; i < 100_000; i++) {
                progress.trace();
            }
            clock.addAndGet(4 * SECOND);
            in.readAllBytes();
        }
        assertEquals(List.of(), lines);
        assertEquals(100_000, progress.traces());
        assertEquals(4 * SECOND, progress.elapsedNanos());
    }

    @Test
    void aSlowReadPrintsOneLineAboutEveryFiveSeconds() throws IOException {
        DumpProgress progress = new DumpProgress("big/scene.pickle", 100L << 20, clock::get, listener);
        byte[] chunk = new byte[1 << 20];
        try (InputStream in = progress.count(new ByteArrayInputStream(new byte[100 << 20]))) {
            for (int second = 1; second <= 12; second++) {
                clock.addAndGet(SECOND);
                in.readNBytes(chunk, 0, chunk.length);
                for (int i = 0; i < 4096; i++) {
                    progress.trace();
                }
            }
        }
        assertEquals(List.of(
                "big/scene.pickle: read 5.0 MiB of 100.0 MiB (5%), 16,384 traces so far, 1.0 MiB/s, 5 s",
                "big/scene.pickle: read 10.0 MiB of 100.0 MiB (10%), 36,864 traces so far, 1.0 MiB/s, 10 s"), lines);
    }

    @Test
    void tracesAloneReportWhenTheReaderHoldsTheBytesAlready() {
        DumpProgress progress = new DumpProgress("held.json", 10, clock::get, listener);
        clock.addAndGet(6 * SECOND);
        for (int i = 0; i < 4096; i++) {
            progress.trace();
        }
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("held.json: read 0 B of 10 B (0%), 4,096 traces so far"), lines.get(0));
    }
}
