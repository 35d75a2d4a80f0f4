package io.github.memflame.render;

import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.format.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The picture of a run at the top of {@code index.html}: an inline SVG ({@code id="timeline"}), one bar per
 * snapshot in run order, its total stacked by the {@value #LAYERS} top-level paths holding the most over the run
 * plus "other", and each budget's {@code max} drawn as a dashed line over the snapshots it applies to. Hovering a
 * part shows its figure ({@link #HOVER_SCRIPT}, in the page's script, writes it into the chart; the SVG
 * {@code <title>} says the same);
 * clicking a snapshot's bar opens its path flame graph. Nothing outside the page is loaded.
 */
final class RunTimeline {
    /** How many top-level paths get a layer of their own. */
    static final int LAYERS = 8;
    static final String OTHER = "other";
    /** The one layer of each bar when the snapshots' top-level paths are not known. */
    static final String TOTAL = "total";
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2",
            "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int WIDTH = 960;
    private static final int LEFT = 74;
    private static final int RIGHT = 150;
    private static final int TOP = 26;
    private static final int PLOT = 220;
    private static final int NAMES = 96;
    private static final int HEIGHT = TOP + PLOT + NAMES;
    /** A limit further above the largest total than this many times is not drawn, or the bars would be slivers. */
    private static final int LIMIT_SCALE = 3;
    private static final int NAME_CHARS = 26;

    /**
     * Shows the figure of the part under the pointer in the chart's own tip, placed in the chart's coordinates so
     * that it follows the page's zoom; part of the page's one script.
     */
    static final String HOVER_SCRIPT = """
            Array.prototype.forEach.call(document.querySelectorAll('svg.timeline'), function (svg) {
              var tip = svg.querySelector('.timeline-tip');
              if (!tip) { return; }
              var text = tip.querySelector('text');
              var box = tip.querySelector('rect');
              svg.addEventListener('mouseover', function (event) {
                var figure = event.target.getAttribute && event.target.getAttribute('data-figure');
                if (!figure) { return; }
                text.textContent = figure;
                var point = svg.createSVGPoint();
                point.x = event.clientX;
                point.y = event.clientY;
                var at = point.matrixTransform(svg.getScreenCTM().inverse());
                var width = text.getComputedTextLength() + 12;
                var x = Math.max(0, Math.min(at.x + 12, svg.viewBox.baseVal.width - width));
                var y = Math.max(0, at.y - 30);
                box.setAttribute('width', width);
                tip.setAttribute('transform', 'translate(' + x + ',' + y + ')');
                tip.setAttribute('visibility', 'visible');
              });
              svg.addEventListener('mouseleave', function () { tip.setAttribute('visibility', 'hidden'); });
            });
            """;

    private RunTimeline() {
    }

    /**
     * One snapshot as the chart takes it: its figures, not its trees.
     *
     * @param name the snapshot's name as the chart shows it
     * @param href the address of its flame graph, percent-encoded
     * @param total its total bytes
     * @param topLevel the bytes of the top-level paths of its path view, all of them or the largest (those of
     *                 the others are drawn as {@value RunTimeline#OTHER}), or {@code null} when not known (a
     *                 {@code memflame.json} written before they were stated): then the chart shows totals only
     */
    record Snapshot(String name, String href, long total, Map<String, Long> topLevel) {

        /** The bytes of its top-level paths that {@code topLevel} does not name. */
        long unnamedBytes() {
            return total - topLevel.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One snapshot's bar.
     *
     * @param name the snapshot's name as the chart shows it
     * @param href the address of its flame graph, percent-encoded
     * @param total its total bytes
     * @param layers its bytes by layer, in the chart's layer order (missing layers hold none)
     */
    private record Bar(String name, String href, long total, Map<String, Long> layers) {
    }

    /**
     * A budget's {@code max} on one snapshot.
     *
     * @param budget how the chart names the budget: {@code client (self)}
     * @param bar the index of the snapshot's bar
     * @param max the limit in bytes
     * @param actual the budget's figure in the snapshot
     */
    record Limit(String budget, int bar, long max, long actual) {
    }

    /**
     * The chart's section at the top of {@code index.html} ({@code id="timeline"}), or nothing when no snapshot was
     * read: the snapshots stacked by top-level path.
     *
     * @param snapshots the snapshots in run order
     * @param budgets every budget result; those with a {@code max} on a snapshot are drawn
     */
    static void write(Markup html, List<SnapshotReport> snapshots, List<BudgetResult> budgets) {
        if (snapshots.isEmpty()) {
            return;
        }
        List<Snapshot> figures = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (SnapshotReport snapshot : snapshots) {
            index.putIfAbsent(snapshot.snapshot().name(), figures.size());
            figures.add(new Snapshot(snapshot.snapshot().name(), PageParts.href(snapshot.svgFile(FlameTree.View.PATH)),
                    snapshot.snapshot().totalBytes(),
                    snapshot.pathView() == null ? Map.of() : snapshot.pathView().topLevelBytes()));
        }
        List<Limit> limits = new ArrayList<>();
        for (BudgetResult result : budgets) {
            if (result.budget().hasMax() && result.snapshot() != null && index.containsKey(result.snapshot())) {
                limits.add(new Limit(BudgetMessages.displayPath(result.budget()) + " ("
                        + result.budget().scope().configName() + ")", index.get(result.snapshot()),
                        result.budget().maxBytes(), result.actualBytes()));
            }
        }
        html.constant("<section id=\"run\">\n<h2>The run</h2>\n<p class=\"note\">Each snapshot's total in run ")
                .constant("order, by top-level path; dashed lines are budget limits. Hover for the figures, click a ")
                .constant("bar to open its flame graph.</p>\n");
        draw(html, "timeline", figures, limits);
        html.constant("</section>\n");
    }

    /**
     * A chart of the snapshots' bars, stacked by top-level path, and of the limits ({@code id} and {@code id-tip}
     * for its hover tip), and the note naming the limits too far above the bars to draw. When a snapshot's
     * top-level paths are not known, every bar is one layer, {@value #TOTAL}.
     */
    static void draw(Markup html, String id, List<Snapshot> snapshots, List<Limit> limits) {
        boolean stacked = snapshots.stream().allMatch(snapshot -> snapshot.topLevel() != null);
        List<String> layers = stacked ? layers(snapshots) : List.of(TOTAL);
        List<Bar> bars = new ArrayList<>();
        for (Snapshot snapshot : snapshots) {
            Map<String, Long> byLayer = new LinkedHashMap<>();
            layers.forEach(layer -> byLayer.put(layer, 0L));
            if (stacked) {
                snapshot.topLevel().forEach((path, bytes) -> byLayer.merge(byLayer.containsKey(path) ? path : OTHER,
                        bytes, Long::sum));
                if (snapshot.unnamedBytes() > 0) {
                    byLayer.merge(OTHER, snapshot.unnamedBytes(), Long::sum);
                }
            } else {
                byLayer.put(TOTAL, snapshot.total());
            }
            bars.add(new Bar(snapshot.name(), snapshot.href(), snapshot.total(), byLayer));
        }
        drawBars(html, id, bars, layers, limits);
    }

    private static void drawBars(Markup html, String id, List<Bar> bars, List<String> layers, List<Limit> limits) {
        long largest = 1;
        for (Bar bar : bars) {
            largest = Math.max(largest, bar.total());
        }
        long top = largest;
        List<Limit> drawn = new ArrayList<>();
        Map<String, Long> above = new LinkedHashMap<>();
        for (Limit limit : limits) {
            if (limit.max() / LIMIT_SCALE > largest) {
                above.putIfAbsent(limit.budget(), limit.max());
            } else {
                drawn.add(limit);
                top = Math.max(top, limit.max());
            }
        }
        double scale = PLOT / (top * 1.08);
        double band = (double) (WIDTH - LEFT - RIGHT) / bars.size();
        double barWidth = Math.max(1, band * 0.7);
        html.constant("<svg class=\"timeline\"").attribute("id", id).attribute("width", WIDTH)
                .attribute("height", HEIGHT).attribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT)
                .attribute("data-snapshots", bars.size()).constant(" role=\"img\"")
                .attribute("aria-label", "memory of " + bars.size() + " snapshots in run order")
                .constant(" font-size=\"11\" font-family=\"sans-serif\">\n");
        axis(html, top * 1.08, scale);
        for (int i = 0; i < bars.size(); i++) {
            bar(html, bars.get(i), layers, LEFT + i * band + (band - barWidth) / 2, barWidth, scale);
        }
        for (Limit limit : drawn) {
            limitLine(html, limit, bars.get(limit.bar()).name(), LEFT + limit.bar() * band, band, scale);
        }
        legend(html, layers);
        html.constant("<g class=\"timeline-tip\"").attribute("id", id + "-tip")
                .constant(" visibility=\"hidden\" pointer-events=\"none\"><rect rx=\"3\" fill=\"#222\" ")
                .constant("fill-opacity=\"0.88\" height=\"20\"/><text fill=\"#fff\" x=\"6\" y=\"14\"/></g>\n</svg>\n");
        if (!above.isEmpty()) {
            List<String> parts = new ArrayList<>();
            above.forEach((budget, max) -> parts.add(budget + " " + Numbers.bytes(max)));
            html.constant("<p class=\"note timeline-above\">Limits far above the chart, not drawn: ")
                    .text(String.join(", ", parts)).constant(".</p>\n");
        }
    }

    /**
     * The {@value #LAYERS} top-level paths holding the most over the whole run, largest first (ties by name), then
     * {@value #OTHER} when more paths hold memory, or a snapshot's figures do not name all of its paths.
     */
    static List<String> layers(List<Snapshot> snapshots) {
        Map<String, Long> totals = new HashMap<>();
        boolean unnamed = false;
        for (Snapshot snapshot : snapshots) {
            // Saturating: the figures of a module's memflame.json may each be up to Long.MAX_VALUE.
            snapshot.topLevel().forEach((path, bytes) -> totals.merge(path, bytes,
                    (sum, more) -> sum > Long.MAX_VALUE - more ? Long.MAX_VALUE : sum + more));
            unnamed |= snapshot.unnamedBytes() > 0;
        }
        List<String> paths = new ArrayList<>(totals.keySet());
        paths.sort(Comparator.comparing((String path) -> totals.get(path)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        List<String> layers = new ArrayList<>(paths.subList(0, Math.min(LAYERS, paths.size())));
        if (paths.size() > LAYERS || unnamed) {
            layers.add(OTHER);
        }
        return layers;
    }

    private static void axis(Markup html, double top, double scale) {
        for (int step = 0; step <= 4; step++) {
            long value = Math.round(top * step / 4);
            double y = TOP + PLOT - value * scale;
            html.constant("<line class=\"tl-grid\" stroke=\"#e3e6ea\"").attribute("x1", LEFT)
                    .attribute("x2", WIDTH - RIGHT).coordinate("y1", y, 1).coordinate("y2", y, 1).constant("/>")
                    .constant("<text class=\"tl-axis\" text-anchor=\"end\" fill=\"#555\"").attribute("x", LEFT - 6)
                    .coordinate("y", y + 4, 1).constant(">").text(Numbers.bytes(value)).constant("</text>\n");
        }
    }

    private static void bar(Markup html, Bar bar, List<String> layers, double x, double width, double scale) {
        String name = bar.name();
        long total = bar.total();
        html.constant("<a class=\"tl-snapshot\"").attribute("href", bar.href()).attribute("target", "_top")
                .attribute("data-snapshot", name).attribute("data-total", total).constant(">\n");
        String totalFigure = name + ": " + Numbers.bytes(total) + " in all (" + Numbers.grouped(total) + " bytes)";
        html.constant("<rect class=\"tl-hit\" fill=\"transparent\"").coordinate("x", x, 1).attribute("y", TOP)
                .coordinate("width", width, 1).attribute("height", PLOT).attribute("data-figure", totalFigure)
                .constant("><title>").text(totalFigure).constant("</title></rect>\n");
        double y = TOP + PLOT;
        for (int i = 0; i < layers.size(); i++) {
            String layer = layers.get(i);
            long bytes = bar.layers().getOrDefault(layer, 0L);
            if (bytes <= 0) {
                continue;
            }
            double height = bytes * scale;
            y -= height;
            String figure = name + " \u00b7 " + layer + ": " + Numbers.bytes(bytes) + " ("
                    + Numbers.grouped(bytes) + " bytes, " + Numbers.percent(bytes, total, 1) + ")";
            html.constant("<rect class=\"tl-layer\"").attribute("fill", color(layers, i)).coordinate("x", x, 1)
                    .coordinate("y", y, 2).coordinate("width", width, 1).coordinate("height", height, 2)
                    .attribute("data-layer", layer).attribute("data-bytes", bytes)
                    .attribute("data-figure", figure).constant("><title>").text(figure).constant("</title></rect>\n");
        }
        String shown = name.length() > NAME_CHARS ? name.substring(0, NAME_CHARS - 1) + "\u2026" : name;
        double nameX = x + width / 2;
        int nameY = TOP + PLOT + 12;
        html.constant("<text class=\"tl-name\" text-anchor=\"end\" fill=\"#333\"").coordinate("x", nameX, 1)
                .attribute("y", nameY).attribute("transform", "rotate(-35 " + format(nameX) + " " + nameY + ")")
                .constant(">").text(shown).constant("</text>\n</a>\n");
    }

    /** The fill of a layer: a color of its own, grey for {@value #OTHER}. */
    private static String color(List<String> layers, int index) {
        return layers.get(index).equals(OTHER) && index == layers.size() - 1 ? COLORS[COLORS.length - 1]
                : COLORS[index % (COLORS.length - 1)];
    }

    private static void limitLine(Markup html, Limit limit, String snapshot, double x, double band, double scale) {
        double y = TOP + PLOT - limit.max() * scale;
        String figure = "budget " + limit.budget() + " in " + snapshot + ": " + Numbers.bytes(limit.actual()) + " of "
                + Numbers.bytes(limit.max()) + " (" + Numbers.percent(limit.actual(), limit.max(), 1)
                + " of the limit)";
        html.constant("<line class=\"tl-limit\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"5 3\"")
                .coordinate("x1", x + 2, 1).coordinate("x2", x + band - 2, 1).coordinate("y1", y, 2)
                .coordinate("y2", y, 2).attribute("data-budget", limit.budget()).attribute("data-limit", limit.max())
                .attribute("data-snapshot", snapshot).attribute("data-figure", figure).constant("><title>")
                .text(figure).constant("</title></line>\n");
    }

    private static void legend(Markup html, List<String> layers) {
        int x = WIDTH - RIGHT + 14;
        int y = TOP;
        // Top of the stack first, as the layers are drawn bottom up.
        for (int i = layers.size() - 1; i >= 0; i--) {
            String layer = layers.get(i);
            html.constant("<g class=\"tl-legend\"").attribute("data-layer", layer).constant("><rect width=\"10\" ")
                    .constant("height=\"10\"").attribute("fill", color(layers, i)).attribute("x", x).attribute("y", y)
                    .constant("/><text fill=\"#333\"").attribute("x", x + 14).attribute("y", y + 9).constant(">")
                    .text(layer.length() > 18 ? layer.substring(0, 17) + "\u2026" : layer).constant("</text></g>\n");
            y += 16;
        }
        html.constant("<g class=\"tl-legend\"><line stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"5 3\"")
                .attribute("x1", x).attribute("x2", x + 10).attribute("y1", y + 5).attribute("y2", y + 5)
                .constant("/><text fill=\"#333\"").attribute("x", x + 14).attribute("y", y + 9)
                .constant(">budget limit</text></g>\n");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
