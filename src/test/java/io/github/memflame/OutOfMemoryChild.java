package io.github.memflame;

import io.github.memflame.render.SvgOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A check run in a JVM of its own, started by {@link OutOfMemoryTest} with a heap too small for its dump: prints
 * what the build would fail with.
 */
public final class OutOfMemoryChild {
    private OutOfMemoryChild() {
    }

    public static void main(String[] args) throws Exception {
        CheckSettings settings = new CheckSettings(Path.of(args[0]), List.of(), List.of(), true, true,
                StandardCharsets.UTF_8, 1L << 30, List.of(), List.of(), List.of(), 0, Path.of(args[1]),
                SvgOptions.defaults(), Integer.parseInt(args[2]));
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
