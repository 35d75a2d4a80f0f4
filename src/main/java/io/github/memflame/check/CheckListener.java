package io.github.memflame.check;

/**
 * Where a {@code check} run reports what a person should read; the mojo passes Maven's log.
 */
public interface CheckListener {
    void info(String line);

    void warning(String line);

    void error(String line);
}
