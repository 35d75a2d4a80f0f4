package io.github.memflame.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip at {@link Deflater#BEST_SPEED}, compressed block by block on threads of their own while the writer goes on:
 * the stack export of a large dump is hundreds of megabytes of folded text, and one core compresses it at some
 * 70 MB/s, longer than it took to read the dump. Each block of {@value #BLOCK_BYTES} bytes is deflated on its own,
 * primed with the last 32 KiB before it and ended on a byte boundary (a sync flush), the way {@code pigz} does; the
 * blocks joined are one deflate stream, so the file is one gzip member that every gunzip reads.
 *
 * <p>The bytes depend only on the content, never on how many threads compressed it nor on how it was written, so
 * equal content gives equal files: the header holds neither a modification time nor a file name. Content of at
 * most one block is compressed on the calling thread, as {@link java.util.zip.GZIPOutputStream} at the same level
 * compresses it, byte for byte.
 *
 * <p>The fastest level because folded text is so repetitive that it stores it almost as small as the default level 6,
 * at a fraction of the CPU time.
 */
public final class BackgroundGzipStream extends OutputStream {
    static final int BLOCK_BYTES = 1 << 20;
    /** The window of deflate: a block primed with this much of the content before it loses no match. */
    private static final int DICTIONARY_BYTES = 1 << 15;
    /** What {@link java.util.zip.GZIPOutputStream} writes: deflate, no name, no time, operating system unknown. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final int compressors;
    private ExecutorService compressing;
    /** The blocks handed over, oldest first. */
    private final Deque<Compressing> inFlight = new ArrayDeque<>();
    /** Blocks written out, to be filled again: a large export is hundreds of them. */
    private final Deque<byte[]> spare = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private long length;
    private byte[] filling = new byte[BLOCK_BYTES];
    private int filled;
    /** The last {@value #DICTIONARY_BYTES} bytes before the block being filled; empty for the first block. */
    private byte[] dictionary = new byte[0];
    private boolean finished;
    private boolean closed;

    /**
     * @param compressors how many blocks may be compressed at once, each on a thread of its own; at least 1
     */
    public BackgroundGzipStream(OutputStream out, int compressors) throws IOException {
        if (compressors < 1) {
            throw new IllegalArgumentException("at least one compressor, not " + compressors);
        }
        this.out = out;
        this.compressors = compressors;
        out.write(HEADER);
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
        if (finished) {
            return;
        }
        finished = true;
        track(filling, filled);
        // The last block is deflated here while the ones before it finish on their threads.
        byte[] last = deflate(filling, filled, dictionary, true);
        while (!inFlight.isEmpty()) {
            writeOldest();
        }
        out.write(last);
        byte[] trailer = new byte[8];
        littleEndian(trailer, 0, crc.getValue());
        littleEndian(trailer, 4, length);
        out.write(trailer);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (compressing != null) {
                compressing.shutdownNow();
            }
        } finally {
            out.close();
        }
    }

    /** Hands the full block to a compressor, after writing the oldest one out when all are busy. */
    private void handOver() throws IOException {
        if (inFlight.size() == compressors) {
            writeOldest();
        }
        if (compressing == null) {
            compressing = Executors.newFixedThreadPool(compressors, task -> {
                Thread thread = new Thread(task, "memflame-gzip");
                thread.setDaemon(true);
                return thread;
            });
        }
        track(filling, filled);
        byte[] block = filling;
        byte[] primer = dictionary;
        inFlight.add(new Compressing(block, compressing.submit(() -> deflate(block, BLOCK_BYTES, primer, false))));
        dictionary = Arrays.copyOfRange(block, BLOCK_BYTES - DICTIONARY_BYTES, BLOCK_BYTES);
        filling = spare.isEmpty() ? new byte[BLOCK_BYTES] : spare.pop();
        filled = 0;
    }

    /** A block being compressed, and its compressed bytes once done. */
    private record Compressing(byte[] block, Future<byte[]> compressed) {
    }

    private void track(byte[] block, int blockLength) {
        crc.update(block, 0, blockLength);
        length += blockLength;
    }

    private void writeOldest() throws IOException {
        Compressing oldest = inFlight.poll();
        byte[] compressed;
        try {
            compressed = oldest.compressed().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing a report file");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        spare.push(oldest.block());
        out.write(compressed);
    }

    /**
     * One block as raw deflate: primed with {@code primer}, the content just before it; the last block ends the
     * stream, every other ends with a sync flush, on a byte boundary, so that the next can follow it.
     */
    private static byte[] deflate(byte[] block, int blockLength, byte[] primer, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            if (primer.length > 0) {
                deflater.setDictionary(primer);
            }
            deflater.setInput(block, 0, blockLength);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(blockLength / 3 + 64);
            byte[] buffer = new byte[1 << 16];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    compressed.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                // A sync flush has written everything once it leaves room in the buffer.
                int written;
                do {
                    written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    compressed.write(buffer, 0, written);
                } while (written == buffer.length);
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void littleEndian(byte[] into, int at, long value) {
        for (int i = 0; i < 4; i++) {
            into[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
