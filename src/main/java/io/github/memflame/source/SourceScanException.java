package io.github.memflame.source;

/**
 * A source file the scanner does not name functions in: Python would refuse it, or it goes past a limit that
 * keeps scanning an untrusted file within bounded memory. The message says why, without the file's name.
 */
public final class SourceScanException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceScanException(String reason) {
        super(reason);
    }
}
