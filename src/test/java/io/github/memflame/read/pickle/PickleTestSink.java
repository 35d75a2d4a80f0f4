package io.github.memflame.read.pickle;

import io.github.memflame.read.TraceSink;
import io.github.memflame.read.Traceback;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects what a reader sends; totals overflow as the real sinks do (ArithmeticException). */
final class PickleTestSink implements TraceSink {
    long traces;
    long totalBytes;
    final Map<Traceback, long[]> byTraceback = new LinkedHashMap<>();
    final Map<Traceback, Boolean> instances = new IdentityHashMap<>();
    final List<Long> sizes = new ArrayList<>();
    private final boolean keepSizes;

    PickleTestSink(boolean keepSizes) {
        this.keepSizes = keepSizes;
    }

    @Override
    public void trace(long sizeBytes, Traceback traceback) {
        totalBytes = Math.addExact(totalBytes, sizeBytes);
        traces++;
        long[] totals = byTraceback.computeIfAbsent(traceback, t -> new long[2]);
        totals[0] += sizeBytes;
        totals[1]++;
        instances.put(traceback, Boolean.TRUE);
        if (keepSizes) {
            sizes.add(sizeBytes);
        }
    }
}
