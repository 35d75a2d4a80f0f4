package io.github.memflame.run;

/** A check across the run that cannot be decided as configured: it names the check and what it found. */
public final class RunCheckException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunCheckException(String message) {
        super(message);
    }
}
