package io.github.memflame.read;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A reader on a thread of its own, while the calling thread numbers what it read. The reader is given this sink,
 * which records each file, stack and trace it is given, in batches, and answers with numbers of its own (files and
 * stacks counted in the order they come); the calling thread gives the real sink the same, in the same order, so
 * the real sink numbers every frame and stack as it would have with the reader on its own thread. A large dump then
 * reads in about the time of the slower half, when a core is free.
 *
 * <p>The reader stops at the first error, which the calling thread throws once it has given the real sink
 * everything before it, as a single thread would; and the reader is stopped, and waited for, when the calling
 * thread stops. The running total is checked as the reader goes, so that an overflow is met where the reader can
 * say where it is.
 *
 * <p>The reader gives its frames with {@link #frameIds}, each followed by {@link #stackId} of as many frames.
 */
public final class ParsedAheadSink implements FrameIdSink {
    /** Batches on their way, and free ones: enough that neither thread waits for the other on a steady dump. */
    private static final int BATCHES = 4;
    private static final byte FILE = 0;
    private static final byte STACK = 1;
    private static final byte TRACE = 2;

    private final BlockingQueue<Batch> parsed = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private Batch filling = new Batch();
    private int files;
    private int stacks;
    private long runningTotalBytes;
    /** How many frames the last {@link #frameIds} gave, which the next {@link #stackId} takes. */
    private int pendingFrames = -1;

    /** What reads a dump into a frame-numbering sink. */
    public interface Reading {
        void into(FrameIdSink sink) throws IOException, DumpFormatException;
    }

    private ParsedAheadSink() {
        for (int i = 1; i < BATCHES; i++) {
            free.add(new Batch());
        }
    }

    /**
     * Runs {@code reading} on a thread of its own and gives {@code sink}, on the calling thread, every file, stack
     * and trace it reads, in order; returns when both are done, and throws what the reading threw.
     */
    public static void read(Reading reading, FrameIdSink sink) throws IOException, DumpFormatException {
        ParsedAheadSink ahead = new ParsedAheadSink();
        Thread reader = new Thread(() -> ahead.run(reading), "memflame-parse");
        reader.setDaemon(true);
        reader.start();
        try {
            ahead.replay(sink);
        } finally {
            // Stops a reader that is still going (the numbering failed), and waits for it: the caller closes the
            // stream once this returns.
            reader.interrupt();
            boolean interrupted = false;
            while (reader.isAlive()) {
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(Reading reading) {
        try {
            try {
                reading.into(this);
            } catch (StoppedReading stopped) {
                return;
            } catch (IOException | DumpFormatException | RuntimeException | Error e) {
                filling.failure = e;
            }
            filling.last = true;
            // Never waits: the reader holds one of the batches, so the queue has room for the others.
            parsed.put(filling);
        } catch (InterruptedException e) {
            // The calling thread stopped reading.
        }
    }

    private void replay(FrameIdSink sink) throws IOException, DumpFormatException {
        FileFrames[] fileFrames = new FileFrames[64];
        int fileCount = 0;
        int[] stackIds = new int[1024];
        int stackCount = 0;
        int[] frameIds = new int[64];
        while (true) {
            Batch batch;
            try {
                batch = parsed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a dump");
            }
            int name = 0;
            int key = 0;
            for (int op = 0; op < batch.ops; op++) {
                switch (batch.kinds[op]) {
                    case FILE -> {
                        if (fileCount == fileFrames.length) {
                            fileFrames = Arrays.copyOf(fileFrames, 2 * fileCount);
                        }
                        fileFrames[fileCount++] = sink.file(batch.names.get(name++));
                    }
                    case STACK -> {
                        int depth = (int) batch.values[op];
                        if (depth > frameIds.length) {
                            frameIds = new int[Math.max(depth, 2 * frameIds.length)];
                        }
                        if (depth > 0) {
                            sink.frameIds(fileFrames, batch.keys, key, depth, frameIds);
                        }
                        if (stackCount == stackIds.length) {
                            stackIds = Arrays.copyOf(stackIds, 2 * stackCount);
                        }
                        stackIds[stackCount++] = sink.stackId(frameIds, depth);
                        key += depth;
                    }
                    default -> sink.trace(batch.values[op], stackIds[batch.stackOfTrace[op]]);
                }
            }
            if (batch.failure != null) {
                throw rethrown(batch.failure);
            }
            if (batch.last) {
                return;
            }
            batch.clear();
            free.add(batch);
        }
    }

    private static IOException rethrown(Throwable failure) throws DumpFormatException {
        if (failure instanceof DumpFormatException format) {
            throw format;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return (IOException) failure;
    }

    // ---- the reader's side ----

    @Override
    public FileFrames file(String file) {
        room(0);
        filling.kinds[filling.ops++] = FILE;
        filling.names.add(file);
        return new Numbered(files++);
    }

    @Override
    public void frameIds(FileFrames[] fileFrames, long[] keys, int from, int count, int[] frameIds) {
        // The stack that follows takes these frames: both go into one batch.
        room(count);
        long[] into = filling.keys;
        for (int i = 0; i < count; i++) {
            long frame = keys[from + i];
            into[filling.keyCount + i] = (long) ((Numbered) fileFrames[(int) (frame >>> 32)]).number << 32
                    | frame & 0xFFFFFFFFL;
        }
        filling.keyCount += count;
        pendingFrames = count;
    }

    @Override
    public int stackId(int[] frameIdsMostRecentFirst, int depth) {
        if (depth > 0 && pendingFrames != depth) {
            throw new IllegalStateException("a stack of " + depth + " frames after frame ids of " + pendingFrames);
        }
        if (depth == 0) {
            room(0);
        }
        pendingFrames = -1;
        filling.kinds[filling.ops] = STACK;
        filling.values[filling.ops++] = depth;
        return stacks++;
    }

    @Override
    public void trace(long sizeBytes, int stackId) {
        runningTotalBytes = Math.addExact(runningTotalBytes, sizeBytes);
        room(0);
        filling.kinds[filling.ops] = TRACE;
        filling.values[filling.ops] = sizeBytes;
        filling.stackOfTrace[filling.ops++] = stackId;
    }

    @Override
    public void trace(long sizeBytes, Traceback traceback) {
        throw new UnsupportedOperationException("a reader parsed ahead gives stack ids");
    }

    /** Hands the batch over when it lacks room for one more operation and {@code keys} more frames. */
    private void room(int keys) {
        if (filling.ops + 1 < Batch.MAX_OPS && filling.keyCount + keys <= filling.keys.length) {
            return;
        }
        if (filling.ops > 0) {
            try {
                parsed.put(filling);
                filling = free.take();
            } catch (InterruptedException e) {
                // The calling thread stopped reading: unwind the reader.
                throw new StoppedReading();
            }
        }
        if (keys > filling.keys.length) {
            // One stack deeper than a batch holds.
            filling.keys = new long[keys];
        }
    }

    /** A file as the reader knows it: its number among the files, in the order they came. */
    private record Numbered(int number) implements FileFrames {
        @Override
        public int frameId(int line) {
            throw new UnsupportedOperationException("a reader parsed ahead gives its frames with frameIds");
        }
    }

    /** Unwinds the reader when the calling thread has stopped; never seen by it. */
    private static final class StoppedReading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedReading() {
            super(null, null, false, false);
        }
    }

    /** Operations recorded, on their way to the real sink: arrays refilled batch after batch, no object per one. */
    private static final class Batch {
        static final int MAX_OPS = 1 << 14;
        private static final int MAX_KEYS = 1 << 17;
        final byte[] kinds = new byte[MAX_OPS];
        /** A stack's depth, a trace's size. */
        final long[] values = new long[MAX_OPS];
        /** A trace's stack, as the reader numbered it. */
        final int[] stackOfTrace = new int[MAX_OPS];
        long[] keys = new long[MAX_KEYS];
        int keyCount;
        int ops;
        final List<String> names = new ArrayList<>();
        Throwable failure;
        boolean last;

        void clear() {
            ops = 0;
            keyCount = 0;
            names.clear();
            if (keys.length > MAX_KEYS) {
                keys = new long[MAX_KEYS];
            }
        }
    }
}
