package io.github.memflame.read;

/**
 * One frame of a traceback exactly as the dump names it: the file name before any normalization, and the line.
 * Line 0 stands for an unknown line (Python 2 dumps write {@code None}).
 */
public record Frame(String file, int line) {

    /**
     * Spreads frames of one file over many buckets. The record's default hash, about {@code 31 * file + line},
     * collides for similar file names with wide line ranges, and interning millions of frames then crawls.
     */
    @Override
    public int hashCode() {
        int hash = file.hashCode() * 0x9E3779B1 + line;
        return hash ^ (hash >>> 16);
    }
}
