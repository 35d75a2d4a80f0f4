package io.github.memflame.read;

/**
 * Named by pickles of the malicious corpus: if a reader ever loaded, instantiated or called what a dump names,
 * this class would be initialized and {@link CanaryFlag} would say so.
 */
public final class Canary {
    static {
        CanaryFlag.initialized = true;
    }

    public Canary() {
        CanaryFlag.called = true;
    }

    public static void call() {
        CanaryFlag.called = true;
    }
}
