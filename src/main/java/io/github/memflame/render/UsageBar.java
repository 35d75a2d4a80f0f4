package io.github.memflame.render;

import io.github.memflame.format.Numbers;
import java.util.Locale;

/**
 * A small inline SVG bar in a table cell: how much of a limit is used, green below {@value #NEARLY}%, amber up to
 * the limit, red over it (the bar then full). Hovering it gives the share.
 */
final class UsageBar {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 8;
    /** The space before the bar, drawn in the SVG so that the cell's text stays its figures alone. */
    private static final int GAP = 6;
    /** The share from which the bar turns amber. */
    private static final int NEARLY = 80;

    private UsageBar() {
    }

    /**
     * @param used the bytes used (or grown); negative counts as none
     * @param allowed the bytes the limit allows, at least 0
     * @param of what the limit is, for the title: {@code the limit}, {@code the growth allowed}
     */
    static void write(Markup html, long used, long allowed, String of) {
        double share = allowed <= 0 ? (used > 0 ? Double.POSITIVE_INFINITY : 0) : Math.max(0, used) / (double) allowed;
        String color = share > 1 ? "#c62828" : share * 100 >= NEARLY ? "#f9a825" : "#2e7d32";
        double filled = Math.min(1, share) * WIDTH;
        String title = (allowed <= 0 ? (used > 0 ? "over " : "none of ") : Numbers.percent(Math.max(0, used), allowed, 1)
                + " of ") + of;
        // The share is the wrapper's title (a tooltip), not text: the cell reads as its figures.
        html.constant("<span class=\"usage\"").attribute("title", title).attribute("data-of", of)
                .attribute("data-share", allowed <= 0 ? (used > 0 ? "Infinity" : "0")
                        : String.format(Locale.ROOT, "%.4f", share))
                .constant("><svg").attribute("width", GAP + WIDTH).attribute("height", HEIGHT)
                .constant(" aria-hidden=\"true\"><rect fill=\"#e3e6ea\"").attribute("x", GAP).attribute("width", WIDTH)
                .attribute("height", HEIGHT).constant(" rx=\"2\"/><rect").attribute("fill", color).attribute("x", GAP)
                .coordinate("width", filled, 1).attribute("height", HEIGHT).constant(" rx=\"2\"/></svg></span>");
    }
}
