package io.github.memflame.render;

import io.github.memflame.fold.DiffNode;

/**
 * The colors of a differential flame graph, by how each frame changed since the baseline: red where it grew, blue
 * where it shrank, the deeper the larger the change relative to the frame, and neutral grey where the change is
 * under {@link SvgOptions#diffThreshold()} percent of the frame's baseline bytes. A frame new in this run is
 * deep red, one that vanished deep blue.
 *
 * <p>Depth follows the ratio of the two runs' bytes on a log scale, so that doubling and halving look alike;
 * 4&times; or more (or a frame of one run only) is the deepest.
 */
final class DiffPalette implements Palette<DiffNode> {
    static final String NEUTRAL = "#d6d6d6";
    static final String HIGHLIGHT = "#ffd400";
    private static final double GROWTH_HUE = 0;
    private static final double SHRINK_HUE = 215;
    private static final double DEEPEST_RATIO = Math.log(4);

    private final double thresholdPercent;

    DiffPalette(double thresholdPercent) {
        this.thresholdPercent = thresholdPercent;
    }

    @Override
    public String fill(FlameLayout.Frame<? extends DiffNode> frame) {
        return color(frame.node().baselineBytes(), frame.node().bytes());
    }

    @Override
    public int maxFillLength() {
        return NEUTRAL.length();
    }

    @Override
    public String highlight() {
        return HIGHLIGHT;
    }

    /** The color of a frame of {@code before} baseline bytes and {@code after} bytes in this run. */
    String color(long before, long after) {
        long delta = after - before;
        if (delta == 0 || Math.abs((double) delta) * 100 < thresholdPercent * before) {
            return NEUTRAL;
        }
        double change = before == 0 || after == 0 ? 1
                : Math.min(1, Math.abs(Math.log((double) after / before)) / DEEPEST_RATIO);
        // Even the smallest change that counts is clearly tinted; the largest stays light enough for dark text.
        double depth = 0.2 + 0.8 * change;
        return MemoryPalette.hsl(delta > 0 ? GROWTH_HUE : SHRINK_HUE, 0.85, 0.90 - 0.32 * depth);
    }
}
