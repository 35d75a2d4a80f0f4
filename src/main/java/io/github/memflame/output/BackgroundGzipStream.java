package io.github.memflame.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip at {@link Deflater#BEST_SPEED}, compressed on a thread of its own one block behind the writer: the stack
 * export of a 400 MB folded input is hundreds of megabytes of text, and its compression then runs on a second core
 * while the text is being made. The deflater sees the same bytes in the same order as when written directly (no
 * flush in between), so the file is the same; {@link GZIPOutputStream} writes neither a modification time nor a file
 * name into the header, so equal content gives equal files.
 *
 * <p>The fastest level because folded text is so repetitive that it stores it almost as small as the default level 6,
 * at a fraction of the CPU time.
 */
public final class BackgroundGzipStream extends OutputStream {
    private static final int BLOCK_BYTES = 1 << 20;
    private final GZIPOutputStream gzip;
    private final ExecutorService compressor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "memflame-gzip");
        thread.setDaemon(true);
        return thread;
    });
    private byte[] filling = new byte[BLOCK_BYTES];
    /** The block being compressed, free again once {@link #pending} is done. */
    private byte[] compressing = new byte[BLOCK_BYTES];
    private int filled;
    private Future<?> pending;
    private boolean closed;

    public BackgroundGzipStream(OutputStream out) throws IOException {
        gzip = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == BLOCK_BYTES) {
            handOver();
        }
        filling[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (filled == BLOCK_BYTES) {
                handOver();
            }
            int taken = Math.min(length, BLOCK_BYTES - filled);
            System.arraycopy(bytes, offset, filling, filled, taken);
            filled += taken;
            offset += taken;
            length -= taken;
        }
    }

    /** Compresses everything written so far and writes the gzip trailer, without closing the stream below. */
    public void finish() throws IOException {
        handOver();
        awaitPending();
        gzip.finish();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            awaitPending();
        } finally {
            compressor.shutdownNow();
            gzip.close();
        }
    }

    private void handOver() throws IOException {
        awaitPending();
        byte[] block = filling;
        int length = filled;
        pending = compressor.submit(() -> {
            gzip.write(block, 0, length);
            return null;
        });
        filling = compressing;
        compressing = block;
        filled = 0;
    }

    private void awaitPending() throws IOException {
        if (pending == null) {
            return;
        }
        Future<?> awaited = pending;
        pending = null;
        try {
            awaited.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing a report file");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
