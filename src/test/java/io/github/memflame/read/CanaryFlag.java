package io.github.memflame.read;

/** Kept apart from {@link Canary} so that reading the flags does not initialize it. */
final class CanaryFlag {
    static volatile boolean initialized;
    static volatile boolean called;

    private CanaryFlag() {
    }
}
