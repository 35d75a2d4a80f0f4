package io.github.memflame.read;

import java.util.ArrayList;
import java.util.List;

/** Keeps every trace a reader emits, in order, for assertions. */
final class RecordingSink implements TraceSink {
    record Recorded(long size, Traceback traceback) {
    }

    final List<Recorded> traces = new ArrayList<>();

    @Override
    public void trace(long sizeBytes, Traceback traceback) {
        traces.add(new Recorded(sizeBytes, traceback));
    }

    long total() {
        return traces.stream().mapToLong(Recorded::size).sum();
    }
}
