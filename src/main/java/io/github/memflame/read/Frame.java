package io.github.memflame.read;

/**
 * One frame of a traceback exactly as the dump names it: the file name before any normalization, and the line.
 * Line 0 stands for an unknown line (Python 2 dumps write {@code None}).
 */
public record Frame(String file, int line) {
}
