package io.github.memflame.read;

/**
 * A {@link TraceSink} that numbers frames itself, for readers whose input already holds each stack whole (folded
 * stacks: one line, one stack). Such a reader looks a path up once per distinct path and hands over frame ids, so
 * no {@link Frame} and no {@link Traceback} is made or interned per line.
 */
public interface FrameIdSink extends TraceSink {

    /**
     * The frames of one file. A reader asks once for each distinct file name of a dump and keeps the answer.
     *
     * @param file the file name as the dump spells it
     */
    FileFrames file(String file);

    /**
     * One live allocation, its traceback given as frame ids.
     *
     * @param sizeBytes              the allocated bytes, never negative
     * @param frameIdsMostRecentFirst ids from {@link FileFrames#frameId}, the allocating frame first; the caller
     *                               reuses the array, so only its first {@code depth} ids are read, during the call
     * @param depth                  the number of frames, 0 when the dump recorded none
     * @throws ArithmeticException when a running total would exceed {@link Long#MAX_VALUE}
     */
    void trace(long sizeBytes, int[] frameIdsMostRecentFirst, int depth);

    /** The frame ids of the lines of one file. */
    interface FileFrames {
        /** The id of the frame at {@code line} (0 when unknown), the same for every call with that line. */
        int frameId(int line);
    }
}
