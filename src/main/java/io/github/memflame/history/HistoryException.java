package io.github.memflame.history;

import java.io.IOException;

/** A history entry or directory that cannot be read; the message names the file, where and why. */
public final class HistoryException extends IOException {
    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }
}
