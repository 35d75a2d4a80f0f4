package io.github.memflame;

import io.github.memflame.budget.ByteSize;
import io.github.memflame.check.Defaults;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that read gzip-compressed files: dumps ({@code check}, {@code report}, {@code view}) or a report's
 * folded stacks ({@code baseline}).
 */
public abstract class ReadingMojo extends MemflameMojo {
    /**
     * The most one gzip-compressed file (a dump, or for {@code baseline} a folded file of the report) may expand to,
     * with an optional unit; a larger one fails as corrupt, so a gzip bomb cannot exhaust the build machine. On the
     * command line: {@code -Dmemflame.maxDecompressedSize=8GiB}.
     * <pre>{@code <maxDecompressedSize>8 GiB</maxDecompressedSize>}</pre>
     */
    @Parameter(property = "memflame.maxDecompressedSize", defaultValue = Defaults.MAX_DECOMPRESSED_SIZE)
    private String maxDecompressedSize;

    /** The {@code maxDecompressedSize} parameter in bytes; a bad one fails naming the parameter. */
    protected final long maxDecompressedBytes() {
        return size("maxDecompressedSize", maxDecompressedSize);
    }

    /** A byte size parameter; a bad one fails naming the parameter. */
    static long size(String name, String text) {
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
