package io.github.memflame.output;

import java.io.IOException;

/**
 * memflame refuses to replace an output directory: it is or contains something memflame must not delete, holds
 * files memflame did not write, or cannot be deleted. Thrown before any dump or report is read.
 */
public final class OutputRefusedException extends IOException {
    public OutputRefusedException(String message) {
        super(message);
    }
}
