package io.github.memflame.read;

/**
 * A dump that cannot be read exactly. The message names the file, the position (byte offset, JSON path or
 * line and column), what was expected there and what was found, so that a CI log alone says what is wrong.
 */
public final class DumpFormatException extends Exception {
    private final String source;
    private final String position;
    private final String expected;
    private final String found;

    public DumpFormatException(String source, String position, String expected, String found) {
        super(source + ": at " + position + ": expected " + expected + ", found " + found);
        this.source = source;
        this.position = position;
        this.expected = expected;
        this.found = found;
    }

    public String source() {
        return source;
    }

    public String position() {
        return position;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
