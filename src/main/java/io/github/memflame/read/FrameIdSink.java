package io.github.memflame.read;

/**
 * A {@link TraceSink} that numbers frames and stacks itself. A reader looks a file up once per distinct file name,
 * a frame once per distinct line, and a stack once per traceback it builds; every trace is then a size and a stack
 * id, so no {@link Frame}, no {@link Traceback} and no hash lookup is made per trace.
 */
public interface FrameIdSink extends TraceSink {

    /**
     * The frames of one file. A reader asks once for each distinct file name of a dump and keeps the answer.
     *
     * @param file the file name as the dump spells it
     */
    FileFrames file(String file);

    /**
     * The id of a stack of frames, the same for every call with the same frames in the same order.
     *
     * @param frameIdsMostRecentFirst ids from {@link FileFrames#frameId}, the allocating frame first; the caller
     *                                reuses the array, so only its first {@code depth} ids are read, during the call
     * @param depth                   the number of frames, 0 when the dump recorded none
     */
    int stackId(int[] frameIdsMostRecentFirst, int depth);

    /**
     * One live allocation.
     *
     * @param sizeBytes the allocated bytes, never negative
     * @param stackId   its stack, from {@link #stackId}
     * @throws ArithmeticException when a running total would exceed {@link Long#MAX_VALUE}
     */
    void trace(long sizeBytes, int stackId);

    /**
     * The frame ids of many frames, as {@link FileFrames#frameId} gives them one after the other: a sink may look
     * them up together, and lookups that do not wait for each other overlap.
     *
     * @param files     frames of files from {@link #file}
     * @param keys      each frame as the index of its file in {@code files} (high int) and its line (low int)
     * @param from      the first key
     * @param count     the number of keys
     * @param frameIds  receives the id of key {@code from + i} at {@code i}
     */
    default void frameIds(FileFrames[] files, long[] keys, int from, int count, int[] frameIds) {
        for (int i = 0; i < count; i++) {
            long key = keys[from + i];
            frameIds[i] = files[(int) (key >>> 32)].frameId((int) key);
        }
    }

    /** The frame ids of the lines of one file. */
    interface FileFrames {
        /** The id of the frame at {@code line} (0 when unknown), the same for every call with that line. */
        int frameId(int line);
    }
}
