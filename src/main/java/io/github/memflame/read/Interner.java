package io.github.memflame.read;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal file names, frames and tracebacks within one dump. Dumps repeat the same few thousand
 * tracebacks millions of times; interning keeps memory proportional to the distinct ones.
 */
public final class Interner {
    private final Map<String, String> strings = new HashMap<>();
    private final Map<Frame, Frame> frames = new HashMap<>();
    private final Map<Traceback, Traceback> tracebacks = new HashMap<>();

    public String string(String value) {
        return strings.computeIfAbsent(value, v -> v);
    }

    public Frame frame(String file, int line) {
        Frame frame = new Frame(string(file), line);
        return frames.computeIfAbsent(frame, f -> f);
    }

    public Traceback traceback(Frame[] framesMostRecentFirst) {
        Traceback traceback = new Traceback(framesMostRecentFirst);
        return tracebacks.computeIfAbsent(traceback, t -> t);
    }
}
