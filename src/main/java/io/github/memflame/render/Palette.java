package io.github.memflame.render;

/**
 * The colors of a flame graph: one fill per frame, and the fill of frames a search matches. A graph of another
 * kind (a differential one colors by change) brings its own palette to the same markup.
 *
 * @param <N> the node type it colors
 */
interface Palette<N> {
    /** The memory palette: a light green-to-blue color per file, the same in every graph. */
    Palette<Object> MEMORY = new MemoryPalette();

    /** The fill of a frame, as an SVG color; the root frame is the one at depth 0. */
    String fill(FlameLayout.Frame<? extends N> frame);

    /** The longest fill this palette gives, in characters: what a frame's markup costs is estimated with it. */
    int maxFillLength();

    /** The fill of the frames a search matches. */
    String highlight();
}
