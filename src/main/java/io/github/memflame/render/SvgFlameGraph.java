package io.github.memflame.render;

import io.github.memflame.fold.DiffTree;
import io.github.memflame.fold.DrawnFrame;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.format.Numbers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Draws a flame tree as one self-contained, interactive SVG file: inline style and script, no external resource,
 * so it works opened from disk ({@code file://}), as a CI artifact and inside a Maven site.
 *
 * <p>What it offers the reader (the behaviour is {@code flamegraph.js}, inlined from the resources):
 * <ul>
 *   <li>click a frame to zoom: it fills the width, its ancestors stay (dimmed, full width), everything else hides;
 *       the {@code Reset Zoom} control ({@code id="unzoom"}), a click on the root frame or Escape zooms out;</li>
 *   <li>search by regular expression with the {@code Search} control ({@code id="search"}) or Ctrl-F (Cmd-F):
 *       matching frames are highlighted and {@code id="matched"} shows {@code Matched: 23.4% (1.2 MiB)} of the
 *       zoomed view, each byte counted once however deeply matches nest; a leading {@code (?i)} ignores case; a
 *       {@code ?s=REGEX} query parameter searches on load;</li>
 *   <li>hover a frame for the details line ({@code id="details"}) and its tooltip: full name, exact and human
 *       bytes, percent of the snapshot and trace count, computed by the script from the frame's data;</li>
 *   <li>in a graph of a report, a line of links under the subtitle ({@code id="nav"}, see {@link GraphLinks}):
 *       back to {@code index.html} and to the snapshot's other graphs, plain SVG links that need no script.</li>
 * </ul>
 *
 * <p>Every frame is a child of {@code <g id="frames">}, written compactly (a graph of a big dump holds tens of
 * thousands) in pre-order (parents before children, siblings in label order) as
 * {@code <g data-bytes="BYTES" data-traces="TRACES"><title>NAME</title><rect/><text>..</text></g>}:
 * <ul>
 *   <li>the title is the frame's full name; the script adds the figures to it on hover;</li>
 *   <li>{@code data-bytes} and {@code data-traces} are left out where they equal the parent's (a call chain);
 *       {@code data-gap} gives the bytes of siblings too narrow to draw before the frame, so the script can
 *       place frames by bytes; {@code data-self} the bytes allocated by the frame itself when some but not all
 *       are;</li>
 *   <li>{@code data-label} gives the label when it differs from the name (path view: {@code bag.py} of
 *       {@code client/ui/bag.py}), {@code data-text} the text drawn when it differs from the label (path-view
 *       lines: {@code :42});</li>
 *   <li>x and width are rounded to {@value FlameLayout#GEOMETRY_DECIMALS} decimal; the {@code <text>} is written
 *       only for frames wide enough to show some of it, and the script adds it when a zoom widens a frame.</li>
 * </ul>
 * Settings the script needs are {@code data-*} attributes of the {@code <svg>} element.
 *
 * <p>A differential graph ({@link #writeDiff}) is the same document drawn from a {@link DiffTree}: frame widths
 * from this run, colors by change ({@link DiffPalette}), {@code data-diff="true"} on the {@code <svg>} element,
 * and per frame {@code data-before} (the baseline's bytes; this run's are {@code data-bytes}) and
 * {@code data-bgap} (the baseline's bytes of the siblings too narrow to draw before it). It holds every frame wide
 * enough in either run, a frame only the baseline has with 0 bytes of this run, and a control
 * ({@code id="diff-widths"}) with which the script re-lays out every frame in the baseline's widths and back;
 * zoom and search work in both. The tooltips show both runs' bytes and the change.
 *
 * <p>Layout and pruning are {@link FlameLayout}'s, colors the {@link Palette}'s, label cutting
 * {@link LabelFit}'s; this class writes the markup. A graph stays under {@value #MAX_FILE_BYTES} bytes: the
 * layout is given what the frames may cost, estimated from above frame by frame; if frames at least
 * minFrameWidth wide had to be merged for that, the subtitle says so.
 */
public final class SvgFlameGraph {
    /** The deepest level drawn below the root; deeper frames stay inside their ancestor at this level. */
    public static final int MAX_DEPTH = FlameLayout.MAX_DEPTH;
    /** The most bytes a graph may take: frames beyond it are merged into their parents (the subtitle says so). */
    static final long MAX_FILE_BYTES = 3_000_000;
    private static final long ASSET_BYTES = Assets.FLAME_GRAPH_SCRIPT.getBytes(StandardCharsets.UTF_8).length
            + Assets.FLAME_GRAPH_STYLE.getBytes(StandardCharsets.UTF_8).length;
    /** The horizontal margin, in pixels, on each side of the frames. */
    static final int XPAD = FlameLayout.XPAD;
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
     * Writes the graph of {@code tree}, a graph on its own (no links to a report), to {@code out}, which must
     * encode UTF-8 (the XML declaration says so); {@code out} is flushed, not closed.
     *
     * @param tree the flame tree; widths are relative to its root's total
     * @param snapshotTotalBytes the bytes the percentages in tooltips are relative to: the snapshot's total
     * @param options title, width, minimum frame width, orientation, frame height and font size
     */
    public static void write(FlameTree tree, long snapshotTotalBytes, SvgOptions options, Writer out)
            throws IOException {
        write(tree, snapshotTotalBytes, options, null, out);
    }

    /**
     * Writes the graph of {@code tree} as {@link #write(FlameTree, long, SvgOptions, Writer)} does, with the
     * header links of a graph in a report.
     *
     * @param links the links to the report's index and the snapshot's other graphs, or {@code null} for none
     */
    public static void write(FlameTree tree, long snapshotTotalBytes, SvgOptions options, GraphLinks links,
                             Writer out) throws IOException {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        new Document<>(DrawnTree.of(tree), snapshotTotalBytes, options, Palette.MEMORY, links).write(out);
    }

    /**
     * Writes the differential graph of {@code tree} as UTF-8 to {@code out} (flushed, not closed): this run's
     * widths, colored by change with {@link SvgOptions#diffThreshold()}; percentages are of this run's total.
     */
    public static void writeDiff(DiffTree tree, SvgOptions options, Writer out) throws IOException {
        writeDiff(tree, options, null, out);
    }

    /**
     * Writes the differential graph of {@code tree} as {@link #writeDiff(DiffTree, SvgOptions, Writer)} does, with
     * the header links of a graph in a report ({@code null} for none).
     */
    public static void writeDiff(DiffTree tree, SvgOptions options, GraphLinks links, Writer out)
            throws IOException {
        writeDiff(tree, options, links, "baseline", out);
    }

    /**
     * Writes the differential graph of {@code tree} against an earlier snapshot of the same run rather than the
     * baseline: its heading says {@code path view since BEFORE}.
     *
     * @param before what the graph's earlier figures are of: {@code baseline}, or a snapshot's name
     */
    public static void writeDiff(DiffTree tree, SvgOptions options, GraphLinks links, String before, Writer out)
            throws IOException {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(out, "out");
        new Document<>(DrawnTree.of(tree), tree.root().bytes(), options, new DiffPalette(options.diffThreshold()),
                links, before).write(out);
    }

    private static final class Document<N extends DrawnFrame<N>> {
        private final DrawnTree<N> tree;
        private final long snapshotTotal;
        private final SvgOptions options;
        private final Palette<? super N> palette;
        private final boolean keepEnd;
        private final double charWidth;
        private final FrameGeometry geometry;
        private final GraphLinks links;
        /** What a differential graph's earlier figures are of; {@code null} for a graph of one snapshot. */
        private final String before;

        Document(DrawnTree<N> tree, long snapshotTotal, SvgOptions options, Palette<? super N> palette,
                 GraphLinks links) {
            this(tree, snapshotTotal, options, palette, links, null);
        }

        Document(DrawnTree<N> tree, long snapshotTotal, SvgOptions options, Palette<? super N> palette,
                 GraphLinks links, String before) {
            this.before = before;
            this.tree = tree;
            this.snapshotTotal = snapshotTotal;
            this.options = options;
            this.palette = palette;
            this.keepEnd = tree.view() == FlameTree.View.STACK;
            this.charWidth = LabelFit.CHAR_WIDTH * options.fontSize();
            this.geometry = new FrameGeometry(options, links != null);
            this.links = links;
        }

        void write(Writer out) throws IOException {
            String snapshotName = tree.snapshotName() == null ? "" : tree.snapshotName();
            // Everything but the frames: the assets, about 2 KB of headings and controls (a differential graph's
            // longer subtitle and its toggle half a KB more), the names in them.
            long otherBytes = ASSET_BYTES + 2_048 + (tree.differential() ? 512 : 0)
                    + 3 * (Markup.escapedLength(options.title())
                    + Markup.escapedLength(snapshotName) + (before == null ? 0 : Markup.escapedLength(before))) + (links == null ? 0 : links.markupBytes());
            FlameLayout<N> layout = FlameLayout.of(tree, options, this::cost, MAX_FILE_BYTES - otherBytes);
            int fontSize = options.fontSize();
            int height = geometry.height(layout.maxDepth());
            int width = options.width();
            int y0 = geometry.rootY(layout.maxDepth());
            N root = tree.root();
            boolean diff = tree.differential();
            String viewName = tree.view().fileSuffix() + " view" + (diff ? " since " + before : "");

            Markup svg = new Markup(CHUNK + 4096);
            svg.constant("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n")
                    .constant("<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\"")
                    .attribute("width", width).attribute("height", height)
                    .attribute("viewBox", "0 0 " + width + " " + height).attribute("font-size", fontSize)
                    .attribute("data-view", tree.view().fileSuffix()).attribute("data-snapshot", snapshotName)
                    .attribute("data-total-bytes", root.bytes()).attribute("data-snapshot-bytes", snapshotTotal)
                    .attribute("data-xpad", XPAD).attribute("data-frame-height", options.frameHeight())
                    .attribute("data-inverted", Boolean.toString(options.inverted()))
                    .attribute("data-char-width", Double.toString(charWidth))
                    .attribute("data-highlight", palette.highlight());
            if (diff) {
                svg.attribute("data-diff", "true").attribute("data-baseline-bytes", root.baselineBytes());
            }
            svg.constant(">\n<title>").text(options.title() + " \u2014 " + snapshotName + " (" + viewName + ")")
                    .constant("</title>\n<style>").constant(Assets.FLAME_GRAPH_STYLE).constant("</style>\n")
                    .constant("<rect id=\"background\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fbfcfd\"/>\n");
            int titleY = fontSize + 12;
            StringBuilder subtitle = new StringBuilder();
            subtitle.append(snapshotName).append(" \u00b7 ").append(viewName).append(" \u00b7 ")
                    .append(Numbers.bytes(root.bytes()));
            if (diff) {
                // Shorter than a normal graph's: the change and the legend must fit on the line.
                long before = root.baselineBytes();
                long delta = root.bytes() - before;
                subtitle.append(", ").append(Numbers.signedBytes(delta)).append(" (")
                        .append(Numbers.changePercent(delta, before)).append(") from ").append(Numbers.bytes(before))
                        .append(" \u00b7 red grew, blue shrank, grey under ")
                        .append(BigDecimal.valueOf(options.diffThreshold()).stripTrailingZeros().toPlainString())
                        .append('%');
            } else {
                subtitle.append(" (").append(Numbers.grouped(root.bytes())).append(" bytes) in ")
                        .append(Numbers.grouped(root.traces())).append(" traces");
            }
            if (layout.merged()) {
                subtitle.append(" \u00b7 smallest frames merged into their parents to keep the file small");
            }
            if (!diff) {
                subtitle.append(" \u00b7 click to zoom, Ctrl-F to search");
            }
            svg.constant("<text id=\"title\"").attribute("x", width / 2).attribute("y", titleY)
                    .attribute("font-size", fontSize + 5).constant(" text-anchor=\"middle\">").text(options.title())
                    .constant("</text>\n<text id=\"subtitle\"").attribute("x", width / 2)
                    .attribute("y", titleY + fontSize + 8).constant(" text-anchor=\"middle\">")
                    .text(subtitle.toString()).constant("</text>\n");
            if (links != null) {
                navigation(svg, geometry.navY());
            }
            double unzoomEnd = control(svg, "unzoom", "Reset Zoom", "Reset Zoom", XPAD, titleY, false, true);
            if (diff) {
                control(svg, "diff-widths", "Widths: this run", "Widths: baseline", unzoomEnd + 8, titleY, false,
                        false);
            }
            control(svg, "search", "Search", "Reset Search", width - XPAD, titleY, true, false);
            int detailsY = height - fontSize / 2 - 4;
            svg.constant("<text id=\"details\"").attribute("x", XPAD).attribute("y", detailsY)
                    .constant("> </text>\n<text id=\"matched\"").attribute("x", width - XPAD)
                    .attribute("y", detailsY).constant(" text-anchor=\"end\"> </text>\n<g id=\"frames\">\n");
            for (FlameLayout.Frame<N> frame : layout.frames()) {
                frame(svg, frame, y0);
                if (svg.length() >= CHUNK) {
                    svg.flushTo(out);
                }
            }
            svg.constant("</g>\n<script type=\"text/ecmascript\"><![CDATA[\n").constant(Assets.FLAME_GRAPH_SCRIPT)
                    .constant("]]></script>\n</svg>\n");
            svg.flushTo(out);
            out.flush();
        }

        private void frame(Markup svg, FlameLayout.Frame<N> frame, int y0) {
            N node = frame.node();
            N parent = frame.parent();
            String title = Markup.oneLine(frame.name());
            svg.constant("<g");
            // A frame holding all its parent's bytes (a call chain) takes its figures from the parent.
            if (parent == null || parent.bytes() != node.bytes()) {
                svg.attribute("data-bytes", node.bytes());
            }
            if (parent == null || parent.traces() != node.traces()) {
                svg.attribute("data-traces", node.traces());
            }
            if (frame.gap() > 0) {
                svg.attribute("data-gap", frame.gap());
            }
            long self = node.selfBytes();
            if (self > 0 && self != node.bytes()) {
                svg.attribute("data-self", self);
            }
            if (tree.differential()) {
                svg.attribute("data-before", node.baselineBytes());
                if (frame.baselineGap() > 0) {
                    svg.attribute("data-bgap", frame.baselineGap());
                }
            }
            if (!frame.label().equals(title)) {
                svg.attribute("data-label", frame.label());
            }
            if (!frame.text().equals(frame.label())) {
                svg.attribute("data-text", frame.text());
            }
            int y = geometry.y(y0, frame.depth());
            svg.constant("><title>").text(title).constant("</title><rect")
                    .coordinate("x", frame.x(), FlameLayout.GEOMETRY_DECIMALS).attribute("y", y)
                    .coordinate("width", frame.width(), FlameLayout.GEOMETRY_DECIMALS)
                    .attribute("height", geometry.rectHeight()).attribute("fill", palette.fill(frame))
                    .constant("/>");
            String text = LabelFit.fit(frame.text(), frame.width(), charWidth, keepEnd);
            if (!text.isEmpty()) {
                svg.constant("<text").coordinate("x", frame.x() + 3, FlameLayout.GEOMETRY_DECIMALS)
                        .coordinate("y", geometry.textY(y), FlameLayout.GEOMETRY_DECIMALS).constant(">")
                        .text(Markup.oneLine(text)).constant("</text>");
            }
            svg.constant("</g>\n");
        }

        /**
         * At most what {@link #frame} writes for such a frame, in UTF-8 bytes, and only a little more: the
         * budget is spent on frames, so an estimate far above the truth would merge frames that fit.
         */
        private long cost(N node, N parent, String name, String label, String text, double width, int deepest) {
            int xDigits = digits(options.width()) + 2;
            int yDigits = digits(geometry.height(deepest));
            String title = Markup.oneLine(name);
            // <g><title></title><rect x="" y="" width="" height="" fill=""/></g> and a line break
            long bytes = 68 + Markup.escapedLength(title) + xDigits + yDigits + digits((long) width) + 2
                    + digits(geometry.rectHeight()) + palette.maxFillLength();
            if (parent == null || parent.bytes() != node.bytes()) {
                bytes += 14 + digits(node.bytes()) + 12 + digits(parent == null ? 0 : parent.bytes());
            }
            if (parent == null || parent.traces() != node.traces()) {
                bytes += 15 + digits(node.traces());
            }
            long self = node.selfBytes();
            if (self > 0 && self != node.bytes()) {
                bytes += 13 + digits(self);
            }
            if (tree.differential()) {
                // data-before="", and data-bgap="" of at most the parent's baseline bytes
                bytes += 15 + digits(node.baselineBytes()) + 13
                        + digits(parent == null ? 0 : parent.baselineBytes());
            }
            if (!label.equals(title)) {
                bytes += 14 + Markup.escapedLength(label);
            }
            if (!text.equals(label)) {
                bytes += 13 + Markup.escapedLength(text);
            }
            if (LabelFit.showsText(width, charWidth)) {
                // <text x="" y=""></text>, the text cut with ".." at most 2 characters longer
                bytes += 23 + xDigits + yDigits + 2 + Markup.escapedLength(text) + 2;
            }
            return bytes;
        }

        private static int digits(long value) {
            return Long.toString(value).length();
        }

        /**
         * The line of links under the subtitle: {@code <a>} elements inside one {@code <text>}, so the browser
         * lays them out and they work without the script; the graph shown is named, not linked.
         */
        private void navigation(Markup svg, int baseline) {
            svg.constant("<text id=\"nav\"").attribute("x", XPAD).attribute("y", baseline).constant(">");
            link(svg, links.index());
            for (GraphLinks.Link graph : links.graphs()) {
                svg.constant(" \u00b7 ");
                link(svg, graph);
            }
            svg.constant("</text>\n");
        }

        private static void link(Markup svg, GraphLinks.Link link) {
            if (link.current()) {
                svg.constant("<tspan class=\"current\">").text(link.text()).constant("</tspan>");
            } else {
                svg.constant("<a").attribute("href", link.href()).constant(">").text(link.text()).constant("</a>");
            }
        }

        /** Writes a control; returns the x of its right edge. */
        private double control(Markup svg, String id, String text, String widest, double x, int baseline,
                               boolean alignEnd, boolean disabled) {
            int fontSize = options.fontSize();
            double textWidth = widest.length() * charWidth;
            double left = alignEnd ? x - textWidth - 8 : x;
            svg.constant("<g").attribute("id", id).attribute("class", disabled ? "control disabled" : "control")
                    .constant(" tabindex=\"0\"><rect").coordinate("x", left, FlameLayout.GEOMETRY_DECIMALS)
                    .attribute("y", baseline - fontSize - 2)
                    .coordinate("width", textWidth + 8, FlameLayout.GEOMETRY_DECIMALS)
                    .attribute("height", fontSize + 7).constant(" rx=\"3\"/><text")
                    .coordinate("x", left + 4, FlameLayout.GEOMETRY_DECIMALS).attribute("y", baseline)
                    .constant(">").text(text).constant("</text></g>\n");
            return left + textWidth + 8;
        }
    }

    /**
     * Vertical placement: the title area on top (title, subtitle and, in a report, the line of links), one row per
     * level, the details line at the bottom.
     */
    private record FrameGeometry(SvgOptions options, boolean navigation) {
        int top() {
            return options.fontSize() * 3 + 22 + (navigation ? options.fontSize() + 8 : 0);
        }

        /** The baseline of the line of links, a line below the subtitle's. */
        int navY() {
            return options.fontSize() * 3 + 28;
        }

        int height(int maxDepth) {
            return top() + (maxDepth + 1) * options.frameHeight() + options.fontSize() * 2 + 12;
        }

        /** The y of the root frame: at the bottom of a flame graph, at the top of an icicle graph. */
        int rootY(int maxDepth) {
            return options.inverted() ? top() : top() + maxDepth * options.frameHeight();
        }

        int y(int rootY, int depth) {
            return options.inverted() ? rootY + depth * options.frameHeight() : rootY - depth * options.frameHeight();
        }

        int rectHeight() {
            return Math.max(1, options.frameHeight() - 1);
        }

        /** The baseline of a frame's label, vertically centered in its rect. */
        double textY(int y) {
            return y + (options.frameHeight() - 1) / 2.0 + options.fontSize() * 0.35;
        }
    }
}
