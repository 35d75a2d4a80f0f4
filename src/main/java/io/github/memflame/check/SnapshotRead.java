package io.github.memflame.check;

import io.github.memflame.fold.FoldedSnapshot;

/** What reading and folding one dump came to; a failure is kept as a value until its turn in name order. */
sealed interface SnapshotRead {

    /** Read and folded in {@code readNanos}. */
    record Folded(FoldedSnapshot snapshot, long readNanos) implements SnapshotRead {
    }

    /** Not a dump memflame can read exactly; {@code error} names the file, the position and what was expected. */
    record Unreadable(String name, String error) implements SnapshotRead {
    }

    /** The heap ran out while this dump was read; {@code message} says what to do. */
    record OutOfMemory(String message) implements SnapshotRead {
    }
}
