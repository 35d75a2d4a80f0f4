package io.github.memflame.check;

import io.github.memflame.format.Numbers;
import java.util.Locale;

/**
 * What a CI log should say instead of a bare {@code Java heap space}: which dump, how big, the heap limit of this
 * JVM, and how to give the build more.
 */
final class OutOfMemoryAdvice {
    private static final long GIB = 1L << 30;

    private OutOfMemoryAdvice() {
    }

    static String whileReading(String name, long fileBytes, long tracesRead, long maxHeapBytes, int threads) {
        return String.format(Locale.ROOT,
                "Out of memory while reading memory snapshot %s (%s on disk, %,d traces read): the heap limit of "
                        + "this build is %s. %s%s",
                name, Numbers.bytes(fileBytes), tracesRead, Numbers.bytes(maxHeapBytes), more(maxHeapBytes),
                threads > 1 ? " Dumps are read " + threads + " at a time; -Dmemflame.threads=1 reads one at a time"
                        + " and needs less." : "");
    }

    static String whileRendering(int snapshots, long maxHeapBytes) {
        return String.format(Locale.ROOT,
                "Out of memory while building the flame graphs and report of %d snapshot%s: the heap limit of this "
                        + "build is %s. %s A larger minFrameWidth also draws fewer frames.",
                snapshots, snapshots == 1 ? "" : "s", Numbers.bytes(maxHeapBytes), more(maxHeapBytes));
    }

    /** Advice to double the heap, in whole GiB as {@code -Xmx} is usually written. */
    private static String more(long maxHeapBytes) {
        long suggestedGib = Math.max(1, (2 * maxHeapBytes + GIB - 1) / GIB);
        return "Give Maven more heap, e.g. MAVEN_OPTS=-Xmx" + suggestedGib + "g (or -Xmx" + suggestedGib
                + "g in .mvn/jvm.config).";
    }
}
