package io.github.memflame.render;

/**
 * How flame graphs are drawn. Checked when made, with the limits the {@code check} goal documents.
 *
 * @param title the heading; the snapshot name and view are added after it; blank for the default
 * @param width the image width in pixels, at least {@value #MIN_WIDTH}
 * @param minFrameWidth frames narrower than this many pixels are merged into their parent; at least 0
 * @param inverted draw an icicle graph (root at the top)
 * @param frameHeight the height of one frame in pixels, at least {@value #MIN_FRAME_HEIGHT}
 * @param fontSize the label font size in pixels, at least {@value #MIN_FONT_SIZE}
 * @throws IllegalArgumentException naming every value out of range
 */
public record SvgOptions(String title, int width, double minFrameWidth, boolean inverted, int frameHeight,
                         int fontSize) {
    public static final String DEFAULT_TITLE = "Memory flame graph";
    public static final int MIN_WIDTH = 100;
    public static final int MIN_FRAME_HEIGHT = 4;
    public static final int MIN_FONT_SIZE = 4;

    public SvgOptions {
        title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
        if (width < MIN_WIDTH || frameHeight < MIN_FRAME_HEIGHT || fontSize < MIN_FONT_SIZE
                || !(minFrameWidth >= 0) || Double.isInfinite(minFrameWidth)) {
            throw new IllegalArgumentException("flame graph options out of range: width must be at least "
                    + MIN_WIDTH + " (was " + width + "), frameHeight and fontSize at least " + MIN_FRAME_HEIGHT
                    + " (were " + frameHeight + ", " + fontSize + "), minFrameWidth a number of pixels of at least 0 "
                    + "(was " + minFrameWidth + ")");
        }
    }

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
        return new SvgOptions(DEFAULT_TITLE, 1200, 0.1, false, 16, 12);
    }
}
