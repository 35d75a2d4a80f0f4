package io.github.memflame.fold;

/**
 * A normalized source location: the path after {@link PathNormalizer} and the line (0 when unknown).
 */
public record Site(String path, int line) {

    /** {@code path:line}, or the path alone when the line is unknown; the label of a stack-view frame. */
    public String label() {
        return line == 0 ? path : path + ":" + line;
    }
}
