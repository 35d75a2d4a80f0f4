package io.github.memflame.check;

import java.nio.file.Path;

/**
 * A check run in a JVM of its own, started by {@link OutOfMemoryTest} with a heap too small for its dump: prints
 * what the build would fail with.
 */
public final class OutOfMemoryChild {
    private OutOfMemoryChild() {
    }

    public static void main(String[] args) throws Exception {
        CheckSettings settings = CheckSettingsBuilder.snapshots(Path.of(args[0])).output(Path.of(args[1]))
                .threads(Integer.parseInt(args[2])).build();
        CheckListener quiet = new CheckListener() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warning(String line) {
            }

            @Override
            public void error(String line) {
            }
        };
        try {
            new MemflameCheck(settings, quiet).run();
            System.out.println("PASSED");
        } catch (CheckFailure e) {
            System.out.println("FAILURE " + e.getMessage());
        }
    }
}
