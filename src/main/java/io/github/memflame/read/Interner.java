package io.github.memflame.read;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Shares equal file names, frames and tracebacks within one dump. Dumps repeat the same few thousand
 * tracebacks millions of times; interning keeps memory proportional to the distinct ones.
 */
public final class Interner {
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, FileFrames> framesByFile = new HashMap<>();
    private final Map<Traceback, Traceback> tracebacks = new HashMap<>();

    public String string(String value) {
        return strings.computeIfAbsent(value, v -> v);
    }

    /**
     * The one frame of {@code file} and {@code line}. A worst-case dump writes tens of millions of frame tuples over
     * a few hundred files: frames are found by file, then by line in that file's table, without a probe object
     * and without hashing a frame.
     */
    public Frame frame(String file, int line) {
        FileFrames frames = framesByFile.get(file);
        if (frames == null) {
            String shared = string(file);
            frames = new FileFrames(shared);
            framesByFile.put(shared, frames);
        }
        return frames.frame(line);
    }

    public Traceback traceback(Frame[] framesMostRecentFirst) {
        Traceback traceback = new Traceback(framesMostRecentFirst);
        return tracebacks.computeIfAbsent(traceback, t -> t);
    }

    /** The frames of one file: by line in an array while the lines are dense enough, else in a map. */
    private static final class FileFrames {
        /** Lines beyond this are never in the array, so that one far line cannot claim memory. */
        private static final int MAX_DENSE_LINE = 1 << 16;
        private final String file;
        private Frame[] byLine = new Frame[64];
        private Map<Integer, Frame> sparse;
        private int count;

        FileFrames(String file) {
            this.file = file;
        }

        Frame frame(int line) {
            if (line >= byLine.length && line < MAX_DENSE_LINE && line < 16 * (count + 16)) {
                // The array holds at most 16 slots per frame of the file (and 256 more): memory follows the frames.
                byLine = Arrays.copyOf(byLine, Math.min(MAX_DENSE_LINE, Math.max(line + 1, 2 * byLine.length)));
                if (sparse != null) {
                    // A line the map holds moves to the array: one frame per line, whichever holds it.
                    for (Iterator<Frame> held = sparse.values().iterator(); held.hasNext(); ) {
                        Frame frame = held.next();
                        if (frame.line() < byLine.length) {
                            byLine[frame.line()] = frame;
                            held.remove();
                        }
                    }
                }
            }
            if (line >= 0 && line < byLine.length) {
                Frame frame = byLine[line];
                if (frame == null) {
                    frame = byLine[line] = new Frame(file, line);
                    count++;
                }
                return frame;
            }
            if (sparse == null) {
                sparse = new HashMap<>();
            }
            return sparse.computeIfAbsent(line, l -> {
                count++;
                return new Frame(file, l);
            });
        }
    }
}
