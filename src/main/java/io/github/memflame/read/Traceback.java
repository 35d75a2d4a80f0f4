package io.github.memflame.read;

import java.util.Arrays;

/**
 * The frames of one allocation, most recent (allocating) frame first, as every tracemalloc version stores them.
 * Instances are immutable and compared by content; readers intern them through {@link Interner} so that a dump
 * of a million traces sharing a few thousand tracebacks holds only those few thousand.
 */
public final class Traceback {
    private final Frame[] framesMostRecentFirst;
    private final int hash;

    public Traceback(Frame[] framesMostRecentFirst) {
        this.framesMostRecentFirst = framesMostRecentFirst.clone();
        this.hash = Arrays.hashCode(this.framesMostRecentFirst);
    }

    public int depth() {
        return framesMostRecentFirst.length;
    }

    /** Frame {@code index}, counted from the allocating frame (0) towards the root. */
    public Frame frame(int index) {
        return framesMostRecentFirst[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Traceback that
                && hash == that.hash
                && Arrays.equals(framesMostRecentFirst, that.framesMostRecentFirst);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(framesMostRecentFirst);
    }
}
