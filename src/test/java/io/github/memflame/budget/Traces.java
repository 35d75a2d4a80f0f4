package io.github.memflame.budget;

import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.PathNormalizer;
import io.github.memflame.fold.SnapshotFolder;
import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.Interner;
import java.util.List;

/** Traces for the budget tests, frames written {@code "file:line"} root first, folded as a dump's would be. */
final class Traces {
    private final Interner interner = new Interner();
    private final SnapshotFolder folder = new SnapshotFolder();

    /** One trace of {@code bytes}; no frame at all is a trace without traceback. */
    Traces add(long bytes, String... rootFirst) {
        Frame[] mostRecentFirst = new Frame[rootFirst.length];
        for (int i = 0; i < rootFirst.length; i++) {
            int colon = rootFirst[i].lastIndexOf(':');
            mostRecentFirst[rootFirst.length - 1 - i] = interner.frame(rootFirst[i].substring(0, colon),
                    Integer.parseInt(rootFirst[i].substring(colon + 1)));
        }
        folder.trace(bytes, interner.traceback(mostRecentFirst));
        return this;
    }

    FoldedSnapshot fold(String name, DumpFormat format) {
        return fold(name, format, new PathNormalizer(List.of()));
    }

    /** Folded with this normalizer, which remembers what the names lost in front. */
    FoldedSnapshot fold(String name, DumpFormat format, PathNormalizer normalizer) {
        return folder.fold(name, format, normalizer, List.of());
    }
}
