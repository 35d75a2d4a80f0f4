package io.github.memflame.render;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The result of work done on another thread beside the caller's: a snapshot's stack view, drawn or written, or a
 * dump read.
 */
public final class Beside {
    private Beside() {
    }

    /** Work that writes. */
    interface Work {
        void run() throws IOException;
    }

    /**
     * Runs {@code besideWork} on {@code beside} while the calling thread runs {@code callerWork}, one after the other
     * without {@code beside}; both are over when this returns, whatever failed, since both write into the report's
     * staging directory. What either threw is thrown here, the caller's first.
     */
    static void both(ExecutorService beside, Work besideWork, Work callerWork) throws IOException {
        if (beside == null) {
            callerWork.run();
            besideWork.run();
            return;
        }
        Future<Void> besideDone = beside.submit(() -> {
            besideWork.run();
            return null;
        });
        try {
            callerWork.run();
        } catch (IOException | RuntimeException | Error e) {
            awaitQuietly(besideDone);
            throw e;
        }
        await(besideDone);
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
            throw thrown(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What the work behind {@code failed} threw, to be thrown again by the thread that waited for it: an unchecked
     * exception or error is thrown from here, an {@link IOException} returned as it was, anything else wrapped in one.
     */
    public static IOException thrown(ExecutionException failed) {
        Throwable cause = failed.getCause();
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof IOException io ? io : new IOException(cause);
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
