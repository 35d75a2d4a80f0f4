package io.github.memflame.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one dump format and streams its traces into a {@link TraceSink}. Implementations never execute,
 * instantiate or look up anything the dump names; they only recognize the shapes tracemalloc writes.
 */
public interface SnapshotReader {

    /** The format's name as the summary reports it, e.g. {@code tracemalloc-pickle}. */
    DumpFormat format();

    /**
     * Reads the whole dump.
     *
     * @param in the decompressed content; the caller closes it
     * @param source the file name used in error messages
     * @param sink receives every trace; on an exception the caller discards what it received
     * @throws DumpFormatException when the content is not a complete, valid dump of this format
     */
    void read(InputStream in, String source, Interner interner, TraceSink sink) throws IOException, DumpFormatException;
}
