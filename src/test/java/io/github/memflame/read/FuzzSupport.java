package io.github.memflame.read;

/** What every fuzz target checks of a read that succeeded: the traces the reader sent are sane. */
public final class FuzzSupport {
    /** Decompressed bytes a fuzzed gzip input may expand to: a bomb must fail here, not exhaust the heap. */
    static final long MAX_DECOMPRESSED = 1 << 20;

    private FuzzSupport() {
    }

    /** A sink that checks each trace as the readers promise it and totals with overflow detection. */
    public static final class CheckingSink implements TraceSink {
        long total;
        long traces;

        @Override
        public void trace(long sizeBytes, Traceback traceback) {
            if (sizeBytes < 0) {
                throw new AssertionError("negative size " + sizeBytes);
            }
            if (traceback == null) {
                throw new AssertionError("null traceback");
            }
            total = Math.addExact(total, sizeBytes);
            traces++;
        }
    }
}
