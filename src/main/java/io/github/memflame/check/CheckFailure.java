package io.github.memflame.check;

/**
 * A {@code check} run that cannot give a verdict: no dump found, or a dump that cannot be read exactly.
 * The message is complete on its own, written for a CI log (names from dumps made {@link LogText#printable}).
 */
public final class CheckFailure extends Exception {
    public CheckFailure(String message) {
        super(LogText.printable(message));
    }
}
