package io.github.memflame.baseline;

/**
 * A baseline that exists but cannot be used: of another format version, broken, inconsistent or naming files
 * outside its directory. The message names the file and, where there is one, the position.
 */
public final class BaselineException extends Exception {
    public BaselineException(String message) {
        super(message);
    }

    public BaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}
