package io.github.memflame.render;

import io.github.memflame.fold.PathNormalizer;

/**
 * Colors {@code #rrggbb} (short: a graph holds tens of thousands of them): a light green-to-blue (memory, not CPU) color from a hash of the label, so the same label has the same color
 * in every graph; a {@code path:line} label is colored by its path, so the frames of one file share a color.
 * Dark text stays readable on all of them.
 */
final class MemoryPalette implements Palette<Object> {
    private static final String ROOT_FILL = "#c8d0d8";
    private static final String PSEUDO_FILE_FILL = "#c4c4c4";
    private static final String HIGHLIGHT = "#ec5cd6";

    @Override
    public String fill(FlameLayout.Frame<?> frame) {
        return frame.depth() == 0 ? ROOT_FILL : color(frame.label());
    }

    @Override
    public int maxFillLength() {
        return ROOT_FILL.length();
    }

    @Override
    public String highlight() {
        return HIGHLIGHT;
    }

    /** The color of a label; {@code <unknown>} and other pseudo-files are grey. */
    static String color(String label) {
        if (PathNormalizer.isPseudoFile(label)) {
            return PSEUDO_FILE_FILL;
        }
        String key = label;
        int colon = label.lastIndexOf(':');
        if (colon > 0 && colon < label.length() - 1) {
            boolean digits = true;
            for (int i = colon + 1; i < label.length() && digits; i++) {
                digits = label.charAt(i) >= '0' && label.charAt(i) <= '9';
            }
            if (digits) {
                key = label.substring(0, colon);
            }
        }
        int hash = 0x811c9dc5;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x01000193;
        }
        hash ^= hash >>> 15;
        hash *= 0x2c1b3c6d;
        hash ^= hash >>> 12;
        double hue = 140 + (hash & 0xff) / 255.0 * 75;
        double saturation = 0.42 + ((hash >>> 8) & 0xff) / 255.0 * 0.28;
        double lightness = 0.68 + ((hash >>> 16) & 0xff) / 255.0 * 0.12;
        return hsl(hue, saturation, lightness);
    }

    /** {@code #rrggbb} of a color given as hue (degrees), saturation and lightness (0 to 1). */
    static String hsl(double hue, double saturation, double lightness) {
        double chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
        double h = hue / 60;
        double second = chroma * (1 - Math.abs(h % 2 - 1));
        double r;
        double g;
        double b;
        if (h < 1) {
            r = chroma; g = second; b = 0;
        } else if (h < 2) {
            r = second; g = chroma; b = 0;
        } else if (h < 3) {
            r = 0; g = chroma; b = second;
        } else if (h < 4) {
            r = 0; g = second; b = chroma;
        } else if (h < 5) {
            r = second; g = 0; b = chroma;
        } else {
            r = chroma; g = 0; b = second;
        }
        double m = lightness - chroma / 2;
        long rgb = Math.round((r + m) * 255) << 16 | Math.round((g + m) * 255) << 8 | Math.round((b + m) * 255);
        return "#" + Long.toHexString(0x1000000 | rgb).substring(1);
    }
}
