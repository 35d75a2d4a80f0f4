package io.github.memflame.check;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code view} run needs, as plain values: the goal's parameters, paths resolved.
 *
 * @param dumps the dump files in the order given, wherever they are; each snapshot is named after its file name
 * @param outputDirectory where the report goes
 * @param stripPrefixes install roots removed from recorded file names
 * @param sourceRoots where the game's Python sources are, to name the function of each frame; empty for none
 * @param fileNameEncoding the encoding of Python 2 byte-string file names
 * @param maxDecompressedBytes the most one gzip dump may expand to
 */
public record ViewSettings(List<Path> dumps, Path outputDirectory, List<String> stripPrefixes, List<Path> sourceRoots,
                           Charset fileNameEncoding, long maxDecompressedBytes) {

    public ViewSettings {
        dumps = List.copyOf(dumps);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        stripPrefixes = List.copyOf(stripPrefixes);
        sourceRoots = List.copyOf(sourceRoots);
        Objects.requireNonNull(fileNameEncoding, "fileNameEncoding");
    }
}
