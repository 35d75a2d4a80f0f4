package io.github.memflame.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a plain {@link TraceSink} what a frame-id reader produces: interned frames and tracebacks, as the other
 * readers hand them over.
 */
public final class TracebackRebuilder implements FrameIdSink {
    private final Interner interner;
    private final TraceSink sink;
    private final List<Frame> frames = new ArrayList<>();
    private final List<Traceback> tracebacks = new ArrayList<>();
    private final Map<Traceback, Integer> idOfTraceback = new IdentityHashMap<>();

    TracebackRebuilder(Interner interner, TraceSink sink) {
        this.interner = interner;
        this.sink = sink;
    }

    /** {@code sink} itself when it takes frame ids, else a rebuilder in front of it. */
    public static FrameIdSink of(Interner interner, TraceSink sink) {
        return sink instanceof FrameIdSink ids ? ids : new TracebackRebuilder(interner, sink);
    }

    @Override
    public FileFrames file(String file) {
        Map<Integer, Integer> ids = new HashMap<>();
        return line -> ids.computeIfAbsent(line, known -> {
            frames.add(interner.frame(file, known));
            return frames.size() - 1;
        });
    }

    @Override
    public int stackId(int[] frameIdsMostRecentFirst, int depth) {
        Frame[] mostRecentFirst = new Frame[depth];
        for (int i = 0; i < depth; i++) {
            mostRecentFirst[i] = frames.get(frameIdsMostRecentFirst[i]);
        }
        // The interner gives equal tracebacks one instance, so equal stacks get one id.
        return idOfTraceback.computeIfAbsent(interner.traceback(mostRecentFirst), traceback -> {
            tracebacks.add(traceback);
            return tracebacks.size() - 1;
        });
    }

    @Override
    public void trace(long sizeBytes, int stackId) {
        sink.trace(sizeBytes, tracebacks.get(stackId));
    }

    @Override
    public void trace(long sizeBytes, Traceback traceback) {
        sink.trace(sizeBytes, traceback);
    }
}
