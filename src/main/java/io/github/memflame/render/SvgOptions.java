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
 * @param diffThreshold in a differential graph, a frame whose bytes changed by less than this percentage of its
 *                      baseline bytes is drawn neutral (grey) rather than red or blue; from 0 to 100
 * @throws IllegalArgumentException naming every value out of range
 */
public record SvgOptions(String title, int width, double minFrameWidth, boolean inverted, int frameHeight,
                         int fontSize, double diffThreshold) {
    public static final String DEFAULT_TITLE = "Memory flame graph";
    public static final int MIN_WIDTH = 100;
    public static final int MIN_FRAME_HEIGHT = 4;
    public static final int MIN_FONT_SIZE = 4;
    /** The default {@link #diffThreshold()}: a change under 1% of a frame's baseline bytes is no change. */
    public static final double DEFAULT_DIFF_THRESHOLD = 1.0;

    public SvgOptions {
        title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
        if (width < MIN_WIDTH || frameHeight < MIN_FRAME_HEIGHT || fontSize < MIN_FONT_SIZE
                || !(minFrameWidth >= 0) || Double.isInfinite(minFrameWidth)) {
            throw new IllegalArgumentException("flame graph options out of range: width must be at least "
                    + MIN_WIDTH + " (was " + width + "), frameHeight and fontSize at least " + MIN_FRAME_HEIGHT
                    + " (were " + frameHeight + ", " + fontSize + "), minFrameWidth a number of pixels of at least 0 "
                    + "(was " + minFrameWidth + ")");
        }
        if (!(diffThreshold >= 0 && diffThreshold <= 100)) {
            throw new IllegalArgumentException("flame graph options out of range: diffThreshold must be a percentage "
                    + "from 0 to 100 (was " + diffThreshold + ")");
        }
    }

    /** Options with the default {@link #diffThreshold()}. */
    public SvgOptions(String title, int width, double minFrameWidth, boolean inverted, int frameHeight,
                      int fontSize) {
        this(title, width, minFrameWidth, inverted, frameHeight, fontSize, DEFAULT_DIFF_THRESHOLD);
    }

    /** These options with another {@link #diffThreshold()}, a percentage from 0 to 100. */
    public SvgOptions withDiffThreshold(double percent) {
        return new SvgOptions(title, width, minFrameWidth, inverted, frameHeight, fontSize, percent);
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
