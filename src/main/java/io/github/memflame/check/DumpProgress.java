package io.github.memflame.check;

import io.github.memflame.format.Numbers;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of reading one large dump, for a CI log: one line about every {@link #INTERVAL_NANOS} once the read
 * has taken that long, nothing for a dump read faster. Counts the bytes taken from the file (compressed bytes for
 * a gzip dump, so "of total" is the file size) and the traces the reader has completed.
 */
final class DumpProgress {
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final String name;
    private final long fileBytes;
    private final LongSupplier nanoClock;
    private final CheckListener listener;
    private final long startNanos;
    private long nextReportNanos;
    // Written by the thread that reads the file and by the one that numbers its traces, when those are two (a dump
    // parsed ahead); a progress line reads both.
    private volatile long bytesRead;
    private volatile long traces;

    DumpProgress(String name, long fileBytes, LongSupplier nanoClock, CheckListener listener) {
        this.name = name;
        this.fileBytes = fileBytes;
        this.nanoClock = nanoClock;
        this.listener = listener;
        this.startNanos = nanoClock.getAsLong();
        this.nextReportNanos = startNanos + INTERVAL_NANOS;
    }

    /** Wraps the file's stream so that every read counts toward the progress. */
    InputStream count(InputStream file) {
        return new FilterInputStream(file) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                bytesRead(skipped);
                return skipped;
            }
        };
    }

    /** One more trace completed; the clock is read only every few thousand traces. */
    void trace() {
        long counted = traces + 1;
        traces = counted;
        if ((counted & 0xfff) == 0) {
            reportIfDue();
        }
    }

    long traces() {
        return traces;
    }

    /** Nanoseconds since the read began. */
    long elapsedNanos() {
        return nanoClock.getAsLong() - startNanos;
    }

    private void bytesRead(long n) {
        bytesRead += n;
        reportIfDue();
    }

    private synchronized void reportIfDue() {
        long now = nanoClock.getAsLong();
        if (now < nextReportNanos) {
            return;
        }
        nextReportNanos = now + INTERVAL_NANOS;
        double seconds = (now - startNanos) / 1e9;
        listener.info(String.format(Locale.ROOT, "%s: read %s of %s (%d%%), %,d traces so far, %s/s, %.0f s",
                name, Numbers.bytes(bytesRead), Numbers.bytes(fileBytes),
                fileBytes == 0 ? 100 : Math.min(100, bytesRead * 100 / fileBytes), traces,
                Numbers.bytes((long) (bytesRead / Math.max(seconds, 1e-9))), seconds));
    }
}
