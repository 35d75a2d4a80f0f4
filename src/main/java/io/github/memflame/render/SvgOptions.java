package io.github.memflame.render;

/**
 * How flame graphs are drawn.
 *
 * @param title the heading; the snapshot name and view are added after it
 * @param width the image width in pixels
 * @param minFrameWidth frames narrower than this many pixels are merged into their parent
 * @param inverted draw an icicle graph (root at the top)
 * @param frameHeight the height of one frame in pixels
 * @param fontSize the label font size in pixels
 */
public record SvgOptions(String title, int width, double minFrameWidth, boolean inverted, int frameHeight,
                         int fontSize) {

    /**
     * A byte count below which a frame is narrower than {@code minFrameWidth} in a graph of {@code totalBytes}
     * whatever its margins, so it can be left out of the tree before drawing. Kept a little under the exact
     * threshold, so rounding never drops a frame the graph would draw.
     */
    public long invisibleBelowBytes(long totalBytes) {
        double exact = minFrameWidth * (double) totalBytes / width;
        return Math.max(0, (long) Math.floor(exact * (1 - 1e-9)) - 1);
    }

    public static SvgOptions defaults() {
        return new SvgOptions("Memory flame graph", 1200, 0.1, false, 16, 12);
    }
}
