package io.github.memflame.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call a frame-numbering sink gets, as text, in order: the files asked for, the frames and stacks numbered
 * (numbered here as a sink numbers them: in the order they come) and the traces. A reader parsed ahead must make the
 * real sink get exactly the calls a reader on the calling thread makes.
 */
class FrameIdCallLog implements FrameIdSink {
    final List<String> calls = new ArrayList<>();
    private final Map<List<Integer>, Integer> stacks = new HashMap<>();
    private int frames;
    private long total;

    @Override
    public FileFrames file(String file) {
        calls.add("file " + file);
        Map<Integer, Integer> ids = new HashMap<>();
        return line -> ids.computeIfAbsent(line, added -> {
            calls.add("frame " + file + ":" + line + " = " + frames);
            return frames++;
        });
    }

    @Override
    public int stackId(int[] frameIdsMostRecentFirst, int depth) {
        List<Integer> stack = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            stack.add(frameIdsMostRecentFirst[i]);
        }
        return stacks.computeIfAbsent(stack, added -> {
            calls.add("stack " + stack + " = " + stacks.size());
            return stacks.size();
        });
    }

    @Override
    public void trace(long sizeBytes, int stackId) {
        total = Math.addExact(total, sizeBytes);
        calls.add("trace " + sizeBytes + " " + stackId);
    }

    @Override
    public void trace(long sizeBytes, Traceback traceback) {
        throw new AssertionError("frames are numbered");
    }
}
