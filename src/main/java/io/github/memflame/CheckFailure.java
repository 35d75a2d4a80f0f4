package io.github.memflame;

/**
 * A {@code check} run that cannot give a verdict: no dump found, or a dump that cannot be read exactly.
 * The message is complete on its own, written for a CI log.
 */
public final class CheckFailure extends Exception {
    public CheckFailure(String message) {
        super(message);
    }
}
