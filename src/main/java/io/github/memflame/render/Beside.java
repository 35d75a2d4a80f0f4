package io.github.memflame.render;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The result of work done on another thread beside the caller's: a snapshot's stack view, drawn or written. */
final class Beside {
    private Beside() {
    }

    /** The result of a computation that throws nothing checked; what it threw is thrown again here. */
    static <T> T result(Future<T> future) {
        try {
            return await(future);
        } catch (IOException e) {
            throw new IllegalStateException("a drawing threw " + e, e);
        }
    }

    /** Waits for {@code future}; what it threw is thrown again here, an {@link IOException} as it was. */
    static <T> T await(Future<T> future) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // The work writes into the report's staging directory: it must be over before the caller goes on.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for {@code future} when the caller already fails: what it throws is left to the caller's failure. */
    static void awaitQuietly(Future<?> future) {
        try {
            await(future);
        } catch (IOException | RuntimeException | Error ignored) {
            // The caller's own failure is the one reported.
        }
    }
}
