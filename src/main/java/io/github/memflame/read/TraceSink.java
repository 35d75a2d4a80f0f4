package io.github.memflame.read;

/**
 * Receives the traces of one dump as a reader completes them, so that no reader has to hold the whole dump.
 */
public interface TraceSink {

    /**
     * One live allocation.
     *
     * @param sizeBytes the allocated bytes, never negative
     * @param traceback its interned traceback; may have no frames when the dump recorded none
     * @throws ArithmeticException when a running total would exceed {@link Long#MAX_VALUE}
     */
    void trace(long sizeBytes, Traceback traceback);
}
