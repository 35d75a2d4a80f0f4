package io.github.memflame.render;

import io.github.memflame.budget.ByteSize;
import io.github.memflame.fold.FlameNode;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.Site;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Draws a flame tree as one self-contained, interactive SVG file: inline style and script, no external resource,
 * so it works opened from disk ({@code file://}), as a CI artifact and inside a Maven site.
 *
 * <p>What it offers the reader:
 * <ul>
 *   <li>click a frame to zoom: it fills the width, its ancestors stay (dimmed, full width), everything else hides;
 *       the {@code Reset Zoom} control ({@code id="unzoom"}), a click on the root frame or Escape zooms out;</li>
 *   <li>search by regular expression with the {@code Search} control ({@code id="search"}) or Ctrl-F (Cmd-F):
 *       matching frames are highlighted and {@code id="matched"} shows {@code Matched: 23.4% (1.2 MiB)} of the
 *       zoomed view, each byte counted once however deeply matches nest; a leading {@code (?i)} ignores case; a
 *       {@code ?s=REGEX} query parameter searches on load;</li>
 *   <li>hover a frame for the details line ({@code id="details"}); every frame also has a {@code <title>}
 *       tooltip: its full name, exact and human bytes, percent of the snapshot and trace count.</li>
 * </ul>
 *
 * <p>Every frame is written as
 * {@code <g class="frame" data-label="LABEL" data-bytes="BYTES"><title>..</title><rect/><text>..</text></g>}
 * in pre-order (parents before children, siblings in label order), so scripts and tests can read the data
 * back; path-view line frames also carry {@code data-text=":42"}, the text drawn for them. Frame x and width are
 * computed from cumulative byte offsets, so widths are exactly proportional to bytes and children never
 * exceed their parent.
 *
 * <p>Size and depth are bounded: frames narrower than {@link SvgOptions#minFrameWidth()} are not drawn (their
 * bytes stay in the parent's width); if the frames left would still make the file larger than about
 * {@value #FRAME_BUDGET_BYTES} bytes, the smallest are merged too and the subtitle says so. Levels deeper than
 * {@value #MAX_DEPTH} are not drawn. The tree is walked without recursion.
 */
public final class SvgFlameGraph {
    /** The deepest level drawn below the root; deeper frames stay inside their ancestor at this level. */
    public static final int MAX_DEPTH = 1024;
    /** About how many bytes of frame markup a graph may hold, to keep a huge snapshot's graph under 3 MB. */
    static final long FRAME_BUDGET_BYTES = 2_400_000;
    /** The horizontal margin, in pixels, on each side of the frames. */
    static final int XPAD = 10;
    /** The text width of one character as a share of the font size, as {@code flamegraph.pl} estimates it. */
    static final double CHAR_WIDTH = 0.59;
    static final String HIGHLIGHT = "rgb(236,92,214)";
    private static final String ROOT_LABEL = "all";
    private static final String ROOT_FILL = "rgb(200,208,216)";
    private static final String UNKNOWN_FILL = "rgb(196,196,196)";
    private static final int CHUNK = 1 << 16;

    private SvgFlameGraph() {
    }

    /**
     * Writes the graph of {@code tree} as UTF-8 to {@code out} (not closed).
     *
     * @see #write(FlameTree, long, SvgOptions, Writer)
     */
    public static void write(FlameTree tree, long snapshotTotalBytes, SvgOptions options, OutputStream out)
            throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        write(tree, snapshotTotalBytes, options, writer);
        writer.flush();
    }

    /**
     * Writes the graph of {@code tree} to {@code out}, which must encode UTF-8 (the XML declaration says so);
     * {@code out} is flushed, not closed.
     *
     * @param tree the flame tree; widths are relative to its root's total
     * @param snapshotTotalBytes the bytes the percentages in tooltips are relative to: the snapshot's total
     * @param options title, width, minimum frame width, orientation, frame height and font size
     * @throws IllegalArgumentException when the options cannot be drawn (width too small, sizes not positive)
     */
    public static void write(FlameTree tree, long snapshotTotalBytes, SvgOptions options, Writer out)
            throws IOException {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(out, "out");
        check(options);
        new Renderer(tree, snapshotTotalBytes, options).write(out);
    }

    private static void check(SvgOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.width() < 2 * XPAD + 10) {
            throw new IllegalArgumentException("flame graph width must be at least " + (2 * XPAD + 10)
                    + " pixels, not " + options.width());
        }
        if (options.frameHeight() < 1 || options.fontSize() < 1) {
            throw new IllegalArgumentException("flame graph frameHeight and fontSize must be positive, not "
                    + options.frameHeight() + " and " + options.fontSize());
        }
        if (!(options.minFrameWidth() >= 0) || Double.isInfinite(options.minFrameWidth())) {
            throw new IllegalArgumentException("flame graph minFrameWidth must be a number of pixels >= 0, not "
                    + options.minFrameWidth());
        }
    }

    /** One frame to draw. */
    private record Placed(FlameNode node, int depth, long offset, String name, String text) {
    }

    private static final class Renderer {
        private final FlameTree tree;
        private final long snapshotTotal;
        private final SvgOptions options;
        private final FlameNode root;
        private final boolean pathView;
        private final double plotWidth;
        private final double scale;
        private final double charWidth;
        private boolean budgetMerged;

        Renderer(FlameTree tree, long snapshotTotal, SvgOptions options) {
            this.tree = tree;
            this.snapshotTotal = snapshotTotal;
            this.options = options;
            this.root = tree.root();
            this.pathView = tree.view() == FlameTree.View.PATH;
            this.plotWidth = options.width() - 2.0 * XPAD;
            this.scale = root.totalBytes() > 0 ? plotWidth / root.totalBytes() : 0;
            this.charWidth = CHAR_WIDTH * options.fontSize();
        }

        void write(Writer out) throws IOException {
            List<Placed> frames = place(threshold());
            int maxDepth = 0;
            for (Placed frame : frames) {
                maxDepth = Math.max(maxDepth, frame.depth());
            }
            int fontSize = options.fontSize();
            int frameHeight = options.frameHeight();
            int top = fontSize * 3 + 22;
            int bottom = fontSize * 2 + 12;
            int height = top + (maxDepth + 1) * frameHeight + bottom;
            int width = options.width();
            int y0 = options.inverted() ? top : top + maxDepth * frameHeight;

            StringBuilder sb = new StringBuilder(CHUNK + 4096);
            String title = options.title() == null || options.title().isBlank() ? "Memory flame graph" : options.title();
            String viewName = tree.view().fileSuffix() + " view";
            sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n")
                    .append("<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                    .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                    .append(height).append("\" data-view=\"").append(tree.view().fileSuffix())
                    .append("\" data-snapshot=\"");
            Markup.escape(nullToEmpty(tree.snapshotName()), sb);
            sb.append("\" data-total-bytes=\"").append(root.totalBytes())
                    .append("\" data-snapshot-bytes=\"").append(snapshotTotal).append("\">\n<title>");
            Markup.escape(title + " \u2014 " + nullToEmpty(tree.snapshotName()) + " (" + viewName + ")", sb);
            sb.append("</title>\n<style>").append(style()).append("</style>\n")
                    .append("<rect id=\"background\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fbfcfd\"/>\n");
            int titleY = fontSize + 12;
            sb.append("<text id=\"title\" x=\"").append(width / 2).append("\" y=\"").append(titleY)
                    .append("\" text-anchor=\"middle\">");
            Markup.escape(title, sb);
            sb.append("</text>\n<text id=\"subtitle\" x=\"").append(width / 2).append("\" y=\"")
                    .append(titleY + fontSize + 8).append("\" text-anchor=\"middle\">");
            StringBuilder subtitle = new StringBuilder();
            subtitle.append(nullToEmpty(tree.snapshotName())).append(" \u00b7 ").append(viewName).append(" \u00b7 ")
                    .append(ByteSize.format(root.totalBytes())).append(" (").append(Markup.grouped(root.totalBytes()))
                    .append(" bytes) in ").append(Markup.grouped(root.traces())).append(" traces");
            if (budgetMerged) {
                subtitle.append(" \u00b7 smallest frames merged into their parents to keep the file small");
            }
            subtitle.append(" \u00b7 click to zoom, Ctrl-F to search");
            Markup.escape(subtitle.toString(), sb);
            sb.append("</text>\n");
            control(sb, "unzoom", "Reset Zoom", "Reset Zoom", XPAD, titleY, false, true);
            control(sb, "search", "Search", "Reset Search", width - XPAD, titleY, true, false);
            sb.append("<text id=\"details\" x=\"").append(XPAD).append("\" y=\"").append(height - fontSize / 2 - 4)
                    .append("\"> </text>\n<text id=\"matched\" x=\"").append(width - XPAD).append("\" y=\"")
                    .append(height - fontSize / 2 - 4).append("\" text-anchor=\"end\"> </text>\n<g id=\"frames\">\n");

            for (Placed frame : frames) {
                frame(frame, y0, sb);
                if (sb.length() >= CHUNK) {
                    out.write(sb.toString());
                    sb.setLength(0);
                }
            }
            sb.append("</g>\n<script type=\"text/ecmascript\"><![CDATA[\n").append(script(y0)).append("]]></script>\n")
                    .append("</svg>\n");
            out.write(sb.toString());
            out.flush();
        }

        /**
         * The smallest byte count a frame below the root must hold to be drawn: at least minFrameWidth wide and,
         * taking frames largest first, within the size budget.
         */
        private long threshold() {
            if (root.totalBytes() <= 0) {
                return Long.MAX_VALUE;
            }
            double minWidth = options.minFrameWidth();
            long minBytes = Math.max(1, (long) Math.ceil(minWidth / scale));
            while (minBytes > 1 && (minBytes - 1) * scale >= minWidth) {
                minBytes--;
            }
            while (minBytes < Long.MAX_VALUE && minBytes * scale < minWidth) {
                minBytes++;
            }
            // Largest first: a child never holds more than its parent, so the frames popped before a node are
            // exactly those with more bytes; stopping at a node's bytes keeps a whole tie group out.
            record Candidate(FlameNode node, int depth, int nameLength) {
            }
            PriorityQueue<Candidate> queue = new PriorityQueue<>(
                    (a, b) -> Long.compare(b.node().totalBytes(), a.node().totalBytes()));
            queue.add(new Candidate(root, 0, ROOT_LABEL.length()));
            long estimated = 0;
            while (!queue.isEmpty()) {
                Candidate candidate = queue.poll();
                estimated += estimatedSize(candidate.node(), candidate.nameLength());
                if (estimated > FRAME_BUDGET_BYTES && candidate.node() != root) {
                    budgetMerged = true;
                    return candidate.node().totalBytes() + 1;
                }
                if (candidate.depth() < MAX_DEPTH) {
                    for (FlameNode child : candidate.node().children()) {
                        if (child.totalBytes() >= minBytes) {
                            int nameLength = candidate.node() == root || !pathView
                                    ? child.label().length()
                                    : candidate.nameLength() + 1 + child.label().length();
                            queue.add(new Candidate(child, candidate.depth() + 1, nameLength));
                        }
                    }
                }
            }
            return minBytes;
        }

        private static long estimatedSize(FlameNode node, int nameLength) {
            return 200 + 3L * utf8Length(node.label()) + 3L * nameLength;
        }

        /** The frames to draw, in pre-order, found without recursion. */
        private List<Placed> place(long threshold) {
            List<Placed> placed = new ArrayList<>();
            Deque<Placed> stack = new ArrayDeque<>();
            stack.push(new Placed(root, 0, 0, ROOT_LABEL, ROOT_LABEL));
            List<Placed> children = new ArrayList<>();
            while (!stack.isEmpty()) {
                Placed parent = stack.pop();
                placed.add(parent);
                if (parent.depth() >= MAX_DEPTH) {
                    continue;
                }
                children.clear();
                long offset = parent.offset();
                for (FlameNode child : parent.node().children()) {
                    if (child.totalBytes() >= threshold) {
                        children.add(placed(parent, child, offset));
                    }
                    offset += child.totalBytes();
                }
                for (int i = children.size() - 1; i >= 0; i--) {
                    stack.push(children.get(i));
                }
            }
            return placed;
        }

        private Placed placed(Placed parent, FlameNode child, long offset) {
            String label = child.label();
            int depth = parent.depth() + 1;
            if (!pathView) {
                return new Placed(child, depth, offset, child.labelWithFunction(), child.labelWithFunction());
            }
            if (isLine(child, depth)) {
                String line = "0".equals(label) ? "?" : label;
                return new Placed(child, depth, offset, Site.withFunction(parent.name() + ":" + line, child.function()),
                        Site.withFunction(":" + line, child.function()));
            }
            String name = parent.node() == root ? label : parent.name() + "/" + label;
            return new Placed(child, depth, offset, name, label);
        }

        /** A path-view line frame: the number below a file, always a leaf. */
        private static boolean isLine(FlameNode node, int depth) {
            if (depth < 2 || !node.children().isEmpty() || node.label().isEmpty()) {
                return false;
            }
            for (int i = 0; i < node.label().length(); i++) {
                if (node.label().charAt(i) < '0' || node.label().charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        private void frame(Placed frame, int y0, StringBuilder sb) {
            FlameNode node = frame.node();
            // Both edges come from cumulative byte offsets and are rounded the same way, so siblings never
            // overlap and children never stick out of their parent, whatever the rounding.
            long left = Math.round((XPAD + frame.offset() * scale) * 10_000);
            long right = node == root ? Math.round((XPAD + plotWidth) * 10_000)
                    : Math.round((XPAD + (frame.offset() + node.totalBytes()) * scale) * 10_000);
            double x = left / 10_000.0;
            double w = (right - left) / 10_000.0;
            int frameHeight = options.frameHeight();
            int y = options.inverted() ? y0 + frame.depth() * frameHeight : y0 - frame.depth() * frameHeight;
            String label = node == root ? ROOT_LABEL : node.label();
            sb.append("<g class=\"frame\" data-label=\"");
            Markup.escape(label, sb);
            sb.append("\" data-bytes=\"").append(node.totalBytes()).append('"');
            if (!frame.text().equals(label)) {
                sb.append(" data-text=\"");
                Markup.escape(frame.text(), sb);
                sb.append('"');
            }
            sb.append("><title>");
            Markup.escape(Markup.oneLine(frame.name()), sb);
            sb.append('\n').append(Markup.grouped(node.totalBytes())).append(" bytes (")
                    .append(ByteSize.format(node.totalBytes())).append("), ")
                    .append(Markup.percent(node.totalBytes(), snapshotTotal, 2)).append(" of snapshot\n")
                    .append(Markup.grouped(node.traces())).append(node.traces() == 1 ? " trace" : " traces");
            if (node.selfBytes() > 0 && node.selfBytes() != node.totalBytes()) {
                sb.append(", ").append(Markup.grouped(node.selfBytes())).append(" bytes (")
                        .append(ByteSize.format(node.selfBytes())).append(") allocated here");
            }
            sb.append("</title><rect x=\"");
            Markup.coordinate(x, sb);
            sb.append("\" y=\"").append(y).append("\" width=\"");
            Markup.coordinate(w, sb);
            sb.append("\" height=\"").append(Math.max(1, frameHeight - 1)).append("\" fill=\"")
                    .append(node == root ? ROOT_FILL : color(label)).append("\"/><text x=\"");
            Markup.coordinate(x + 3, sb);
            sb.append("\" y=\"");
            Markup.coordinate(y + (frameHeight - 1) / 2.0 + options.fontSize() * 0.35, sb);
            sb.append("\">");
            Markup.escape(Markup.oneLine(fit(frame.text(), w, charWidth, !pathView)), sb);
            sb.append("</text></g>\n");
        }

        private void control(StringBuilder sb, String id, String text, String widest, int x, int baseline,
                             boolean alignEnd, boolean disabled) {
            int fontSize = options.fontSize();
            double textWidth = widest.length() * charWidth;
            double left = alignEnd ? x - textWidth - 8 : x;
            sb.append("<g id=\"").append(id).append("\" class=\"control").append(disabled ? " disabled" : "")
                    .append("\" tabindex=\"0\"><rect x=\"");
            Markup.coordinate(left, sb);
            sb.append("\" y=\"").append(baseline - fontSize - 2).append("\" width=\"");
            Markup.coordinate(textWidth + 8, sb);
            sb.append("\" height=\"").append(fontSize + 7).append("\" rx=\"3\"/><text x=\"");
            Markup.coordinate(left + 4, sb);
            sb.append("\" y=\"").append(baseline).append("\">").append(text).append("</text></g>\n");
        }

        private String style() {
            int fs = options.fontSize();
            return "\ntext{font-family:Verdana,\"DejaVu Sans\",\"Helvetica Neue\",Arial,sans-serif;font-size:" + fs
                    + "px;fill:#111}\n"
                    + "#title{font-size:" + (fs + 5) + "px;font-weight:bold}\n"
                    + "#subtitle{fill:#555}\n"
                    + ".frame{cursor:pointer}\n"
                    + ".frame text{pointer-events:none}\n"
                    + ".frame:hover rect{stroke:#1b1b1b;stroke-width:0.8}\n"
                    + ".frame.parent rect{opacity:0.55}\n"
                    + ".hide{display:none}\n"
                    + ".control{cursor:pointer}\n"
                    + ".control rect{fill:#e6edf3;stroke:#8fa4b8}\n"
                    + ".control:hover rect{fill:#d3e0ec}\n"
                    + ".control.disabled{opacity:0.4}\n"
                    + ".control.active rect{fill:" + HIGHLIGHT + "}\n"
                    + "@media print{.control{display:none}}\n";
        }

        private String script(int y0) {
            return SCRIPT.replace("%XPAD%", Integer.toString(XPAD))
                    .replace("%PLOT%", Double.toString(plotWidth))
                    .replace("%FH%", Integer.toString(options.frameHeight()))
                    .replace("%FS%", Integer.toString(options.fontSize()))
                    .replace("%Y0%", Integer.toString(y0))
                    .replace("%INVERTED%", Boolean.toString(options.inverted()))
                    .replace("%KEEPEND%", Boolean.toString(!pathView))
                    .replace("%CW%", Double.toString(CHAR_WIDTH))
                    .replace("%HIGHLIGHT%", HIGHLIGHT);
        }
    }

    /**
     * The fill of a frame: a light green-to-blue (memory, not CPU) color from a hash of the label, so the same
     * label has the same color in every graph; a {@code path:line} label is colored by its path, so the frames of
     * one file share a color. Dark text stays readable on all of them.
     */
    static String color(String label) {
        if (label.equals(FlameTree.UNKNOWN) || (label.startsWith("<") && label.endsWith(">"))) {
            return UNKNOWN_FILL;
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

    private static String hsl(double hue, double saturation, double lightness) {
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
        return "rgb(" + Math.round((r + m) * 255) + "," + Math.round((g + m) * 255) + "," + Math.round((b + m) * 255)
                + ")";
    }

    /**
     * The text that fits a frame {@code width} pixels wide, as the script computes it after a zoom: whole when it
     * fits, else cut with {@code ..} at the end (or, with {@code keepEnd}, at the start, so a long
     * {@code path:line} keeps its file and line), and empty when fewer than three characters fit. Characters of
     * East Asian scripts count twice.
     */
    static String fit(String text, double width, double charWidth, boolean keepEnd) {
        int available = (int) Math.floor((width - 6) / charWidth);
        if (available < 3) {
            return "";
        }
        int total = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            total += units(cp);
            i += Character.charCount(cp);
        }
        if (total <= available) {
            return text;
        }
        int budget = available - 2;
        int used = 0;
        if (keepEnd) {
            int start = text.length();
            while (start > 0) {
                int cp = text.codePointBefore(start);
                if (used + units(cp) > budget) {
                    break;
                }
                used += units(cp);
                start -= Character.charCount(cp);
            }
            return ".." + text.substring(start);
        }
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            if (used + units(cp) > budget) {
                break;
            }
            used += units(cp);
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + "..";
    }

    /** How many character widths a code point takes: two for East Asian wide characters, else one. */
    static int units(int cp) {
        boolean wide = cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf)
                || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f)
                || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)
                || (cp >= 0x20000 && cp <= 0x3fffd));
        return wide ? 2 : 1;
    }

    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return length;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    /**
     * The inline script. It embeds no data: it reads every frame from the DOM (data-label, data-bytes, data-text,
     * the first line of the title, rect geometry), rebuilds the tree from document order and depth, and must never
     * contain the CDATA end marker.
     */
    private static final String SCRIPT = """
            (function () {
              'use strict';
              var XPAD = %XPAD%, PLOT = %PLOT%, FH = %FH%, FS = %FS%, Y0 = %Y0%, INVERTED = %INVERTED%;
              var KEEP_END = %KEEPEND%, CHAR_WIDTH = %CW% * FS, HIGHLIGHT = '%HIGHLIGHT%';
              var svg = document.documentElement;
              var snapshotBytes = Number(svg.getAttribute('data-snapshot-bytes')) || 0;
              var details = document.getElementById('details');
              var matchedText = document.getElementById('matched');
              var unzoomButton = document.getElementById('unzoom');
              var searchButton = document.getElementById('search');
              var searchLabel = searchButton.getElementsByTagName('text')[0];
              var framesGroup = document.getElementById('frames');
              var frames = [];
              var zoomed = null;
              var pattern = null;
              var lastTerm = '';

              function child(g, tag) {
                return g.getElementsByTagName(tag)[0] || null;
              }
              function firstLine(s) {
                var i = s.indexOf('\\n');
                return i < 0 ? s : s.substring(0, i);
              }
              function grouped(n) {
                return String(n).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');
              }
              var UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
              function human(bytes) {
                if (bytes < 1024) {
                  return bytes + ' B';
                }
                var index = -1, unit = 1;
                while (bytes >= unit * 1024 && index < UNITS.length - 1) {
                  unit *= 1024;
                  index++;
                }
                var tenths = Math.floor(bytes * 10 / unit + 0.5);
                return Math.floor(tenths / 10) + '.' + (tenths % 10) + ' ' + UNITS[index];
              }
              function percent(part, whole) {
                return whole > 0 ? (part * 100 / whole).toFixed(2) + '%' : 'n/a';
              }
              function units(cp) {
                return cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) ||
                    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
                    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
                    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd)) ? 2 : 1;
              }
              function fit(text, width) {
                var available = Math.floor((width - 6) / CHAR_WIDTH);
                if (available < 3) {
                  return '';
                }
                var chars = Array.from(text), total = 0, i;
                for (i = 0; i < chars.length; i++) {
                  total += units(chars[i].codePointAt(0));
                }
                if (total <= available) {
                  return text;
                }
                var budget = available - 2, used = 0, u;
                if (KEEP_END) {
                  for (i = chars.length - 1; i >= 0; i--) {
                    u = units(chars[i].codePointAt(0));
                    if (used + u > budget) {
                      break;
                    }
                    used += u;
                  }
                  return '..' + chars.slice(i + 1).join('');
                }
                for (i = 0; i < chars.length; i++) {
                  u = units(chars[i].codePointAt(0));
                  if (used + u > budget) {
                    break;
                  }
                  used += u;
                }
                return chars.slice(0, i).join('') + '..';
              }

              var groups = framesGroup.getElementsByTagName('g');
              var open = [];
              for (var i = 0; i < groups.length; i++) {
                var g = groups[i];
                var rect = child(g, 'rect'), text = child(g, 'text'), title = child(g, 'title');
                if (!rect || !text) {
                  continue;
                }
                var y = parseFloat(rect.getAttribute('y'));
                var depth = Math.max(0, Math.round((INVERTED ? y - Y0 : Y0 - y) / FH));
                var label = g.getAttribute('data-label') || '';
                var f = {
                  i: frames.length, g: g, rect: rect, text: text, depth: depth, label: label,
                  x: parseFloat(rect.getAttribute('x')), w: parseFloat(rect.getAttribute('width')),
                  bytes: Number(g.getAttribute('data-bytes')) || 0,
                  display: g.hasAttribute('data-text') ? g.getAttribute('data-text') : label,
                  name: title ? firstLine(title.textContent) : label,
                  fill: rect.getAttribute('fill'), parent: null, end: frames.length, match: false
                };
                while (open.length > depth) {
                  open.pop().end = f.i - 1;
                }
                f.parent = open.length ? open[open.length - 1] : null;
                open.push(f);
                g.memflameFrame = f;
                frames.push(f);
              }
              while (open.length) {
                open.pop().end = frames.length - 1;
              }
              if (!frames.length) {
                return;
              }
              var root = frames[0];

              function show(f, x, w, parent) {
                f.g.classList.remove('hide');
                if (parent) {
                  f.g.classList.add('parent');
                } else {
                  f.g.classList.remove('parent');
                }
                f.rect.setAttribute('x', x.toFixed(4));
                f.rect.setAttribute('width', w.toFixed(4));
                f.text.setAttribute('x', (x + 3).toFixed(4));
                f.text.textContent = fit(f.display, w);
              }
              function zoom(target) {
                zoomed = target && target !== root ? target : null;
                var z = zoomed || root;
                for (var k = 0; k < frames.length; k++) {
                  var e = frames[k];
                  if (!zoomed) {
                    show(e, e.x, e.w, false);
                  } else if (k >= z.i && k <= z.end) {
                    var w = z.bytes > 0 ? e.bytes / z.bytes * PLOT : (z.w > 0 ? e.w * PLOT / z.w : 0);
                    var x = XPAD + (z.w > 0 ? (e.x - z.x) * PLOT / z.w : 0);
                    show(e, x, w, false);
                  } else if (k < z.i && e.end >= z.end) {
                    show(e, XPAD, PLOT, true);
                  } else {
                    e.g.classList.add('hide');
                  }
                }
                if (zoomed) {
                  unzoomButton.classList.remove('disabled');
                } else {
                  unzoomButton.classList.add('disabled');
                }
                updateMatched();
              }
              function updateMatched() {
                if (!pattern) {
                  matchedText.textContent = ' ';
                  return;
                }
                var z = zoomed || root, sum = 0, a;
                for (a = z; a; a = a.parent) {
                  if (a.match) {
                    break;
                  }
                }
                if (a) {
                  sum = z.bytes;
                } else {
                  for (var k = z.i; k <= z.end;) {
                    if (frames[k].match) {
                      sum += frames[k].bytes;
                      k = frames[k].end + 1;
                    } else {
                      k++;
                    }
                  }
                }
                var share = z.bytes > 0 ? sum * 100 / z.bytes : 0;
                matchedText.textContent = 'Matched: ' + share.toFixed(1) + '% (' + human(sum) + ')';
              }
              function resetSearch() {
                pattern = null;
                for (var k = 0; k < frames.length; k++) {
                  frames[k].match = false;
                  frames[k].rect.setAttribute('fill', frames[k].fill);
                }
                searchLabel.textContent = 'Search';
                searchButton.classList.remove('active');
                updateMatched();
              }
              function search(term) {
                if (term === null || term === undefined) {
                  return;
                }
                term = String(term);
                if (term === '') {
                  resetSearch();
                  return;
                }
                lastTerm = term;
                var flags = '';
                if (term.indexOf('(?i)') === 0) {
                  flags = 'i';
                  term = term.substring(4);
                }
                var re;
                try {
                  re = new RegExp(term, flags);
                } catch (err) {
                  resetSearch();
                  matchedText.textContent = 'Not a regular expression: ' + term;
                  return;
                }
                pattern = re;
                for (var k = 0; k < frames.length; k++) {
                  var e = frames[k];
                  e.match = e !== root && re.test(e.name);
                  e.rect.setAttribute('fill', e.match ? HIGHLIGHT : e.fill);
                }
                searchLabel.textContent = 'Reset Search';
                searchButton.classList.add('active');
                updateMatched();
              }
              function askSearch() {
                var answer = window.prompt('Search frames (regular expression; start with (?i) to ignore case)',
                    lastTerm);
                search(answer);
              }
              function frameOf(node) {
                while (node && node !== framesGroup) {
                  if (node.memflameFrame) {
                    return node.memflameFrame;
                  }
                  node = node.parentNode;
                }
                return null;
              }

              framesGroup.addEventListener('click', function (event) {
                var f = frameOf(event.target);
                if (f) {
                  zoom(f);
                }
              });
              framesGroup.addEventListener('mouseover', function (event) {
                var f = frameOf(event.target);
                if (f) {
                  details.textContent = f.name + ' (' + grouped(f.bytes) + ' bytes, ' + human(f.bytes) + ', ' +
                      percent(f.bytes, snapshotBytes) + ' of snapshot)';
                }
              });
              framesGroup.addEventListener('mouseout', function () {
                details.textContent = ' ';
              });
              unzoomButton.addEventListener('click', function () {
                zoom(null);
              });
              searchButton.addEventListener('click', function () {
                if (pattern) {
                  resetSearch();
                } else {
                  askSearch();
                }
              });
              window.addEventListener('keydown', function (event) {
                if ((event.ctrlKey || event.metaKey) && (event.key === 'f' || event.key === 'F')) {
                  event.preventDefault();
                  askSearch();
                } else if (event.key === 'Escape') {
                  if (pattern) {
                    resetSearch();
                  } else {
                    zoom(null);
                  }
                }
              });
              window.memflame = {
                frames: frames, search: search, resetSearch: resetSearch,
                zoom: function (g) {
                  zoom(g ? frameOf(g) : null);
                },
                unzoom: function () {
                  zoom(null);
                },
                human: human
              };
              try {
                var query = /[?&]s=([^&]*)/.exec(window.location.search || '');
                if (query) {
                  search(decodeURIComponent(query[1].replace(/\\+/g, ' ')));
                }
              } catch (err) {
                // a malformed query is ignored
              }
            })();
            """;

    static {
        if (SCRIPT.contains("]]>")) {
            throw new AssertionError("the flame graph script must not contain the CDATA end marker");
        }
    }
}
