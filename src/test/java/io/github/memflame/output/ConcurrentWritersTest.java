package io.github.memflame.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs writing the same outputs at the same moment take turns and leave each other's files alone. Between
 * processes the invoker IT {@code concurrent-builds} runs two real builds; here, two writers in one JVM (a parallel
 * build) and the temporaries of a live run.
 */
class ConcurrentWritersTest {
    @TempDir
    Path temp;

    @Test
    @Timeout(60)
    void aSecondWriterOfTheSameReportWaitsSayingSoAndNeverMixes() throws Exception {
        Path output = temp.resolve("site/memflame");
        OutputDirectory directory = OutputDirectory.of(output, OutputKind.REPORT);
        List<String> told = new CopyOnWriteArrayList<>();
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        Thread first = new Thread(() -> {
            try {
                AtomicDirectory.replace(directory, told::add, staging -> {
                    firstWriting.countDown();
                    await(secondWaiting);
                    Files.writeString(staging.resolve("index.html"), "first");
                    Files.writeString(staging.resolve("memflame.json"), "{\"schema\": 1}");
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        assertTrue(firstWriting.await(30, TimeUnit.SECONDS));
        AtomicDirectory.replace(directory, line -> {
            told.add(line);
            secondWaiting.countDown();
        }, staging -> {
            assertEquals("first", Files.readString(output.resolve("index.html")), "the first is whole when the "
                    + "second starts");
            Files.writeString(staging.resolve("index.html"), "second");
            Files.writeString(staging.resolve("memflame.json"), "{\"schema\": 1}");
            return null;
        });
        first.join();
        assertEquals("memflame: waiting for another memflame goal of this build that is writing the report "
                + output, told.get(0));
        assertTrue(told.get(1).startsWith("memflame: done waiting after "), told.toString());
        assertEquals("second", Files.readString(output.resolve("index.html")));
        try (Stream<Path> siblings = Files.list(output.getParent())) {
            assertEquals(List.of(".memflame.lock", "memflame"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private static void await(CountDownLatch latch) throws java.io.IOException {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException();
        }
    }

    @Test
    void theLockIsReentrantAndHoldsTheProcessId() throws Exception {
        OutputDirectory directory = OutputDirectory.of(temp.resolve("memflame"), OutputKind.REPORT);
        List<String> told = new CopyOnWriteArrayList<>();
        try (DirectoryLock outer = directory.lock(told::add)) {
            AtomicDirectory.replace(directory, told::add, staging -> null);
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(temp.resolve(".memflame.lock")));
        }
        assertEquals(List.of(), told, "no wait for a lock this run holds");
    }

    /** A temporary of a run that is alive is another build's file being written: it stays. One of a dead run goes. */
    @Test
    void onlyTheTemporariesOfDeadRunsAreRemoved() throws Exception {
        Process finished = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true).start();
        finished.getInputStream().readAllBytes();
        finished.waitFor();
        long dead = finished.pid();
        Path reports = Files.createDirectories(temp.resolve("memflame-reports"));
        Path live = Files.writeString(reports.resolve(".TEST-memflame.xml.tmp-p" + ProcessHandle.current().pid()
                + "-42"), "another build's, half written");
        Path left = Files.writeString(reports.resolve(".TEST-memflame.xml.tmp-p" + dead + "-7"), "a killed run's");
        Path older = Files.writeString(reports.resolve(".TEST-memflame.xml.tmp-123456"), "an earlier version's");
        AtomicFile.write(reports.resolve("TEST-memflame.xml"), "<testsuites/>");
        assertTrue(Files.exists(live));
        assertFalse(Files.exists(left));
        assertFalse(Files.exists(older));
        assertEquals("<testsuites/>", Files.readString(reports.resolve("TEST-memflame.xml")));
    }
}
