package io.github.memflame.render;

import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.fold.FlameNode;
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
            (function () {
              var svg = document.getElementById('timeline');
              var tip = document.getElementById('timeline-tip');
              if (!svg || !tip) { return; }
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
            })();
            """;

    private RunTimeline() {
    }

    /**
     * The chart's section, or nothing when no snapshot was read.
     *
     * @param snapshots the snapshots in run order
     * @param budgets every budget result; those with a {@code max} on a snapshot are drawn
     */
    static void write(Markup html, List<SnapshotReport> snapshots, List<BudgetResult> budgets) {
        if (snapshots.isEmpty()) {
            return;
        }
        List<String> layers = layers(snapshots);
        long largest = 1;
        for (SnapshotReport snapshot : snapshots) {
            largest = Math.max(largest, snapshot.snapshot().totalBytes());
        }
        long top = largest;
        List<BudgetResult> limits = new ArrayList<>();
        List<BudgetResult> above = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < snapshots.size(); i++) {
            index.putIfAbsent(snapshots.get(i).snapshot().name(), i);
        }
        for (BudgetResult result : budgets) {
            if (result.budget().hasMax() && result.snapshot() != null && index.containsKey(result.snapshot())) {
                if (result.budget().maxBytes() / LIMIT_SCALE > largest) {
                    above.add(result);
                } else {
                    limits.add(result);
                    top = Math.max(top, result.budget().maxBytes());
                }
            }
        }
        double scale = PLOT / (top * 1.08);
        double band = (double) (WIDTH - LEFT - RIGHT) / snapshots.size();
        double barWidth = Math.max(1, band * 0.7);

        html.constant("<section id=\"run\">\n<h2>The run</h2>\n<p class=\"note\">Each snapshot's total in run ")
                .constant("order, by top-level path; dashed lines are budget limits. Hover for the figures, click a ")
                .constant("bar to open its flame graph.</p>\n<svg id=\"timeline\" class=\"timeline\" ")
                .attribute("width", WIDTH).attribute("height", HEIGHT)
                .attribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT)
                .attribute("data-snapshots", snapshots.size()).constant(" role=\"img\"")
                .attribute("aria-label", "memory of " + snapshots.size() + " snapshots in run order")
                .constant(" font-size=\"11\" font-family=\"sans-serif\">\n");
        axis(html, top * 1.08, scale);
        for (int i = 0; i < snapshots.size(); i++) {
            bar(html, snapshots.get(i), layers, LEFT + i * band + (band - barWidth) / 2, barWidth, scale);
        }
        for (BudgetResult limit : limits) {
            limitLine(html, limit, LEFT + index.get(limit.snapshot()) * band, band, scale);
        }
        legend(html, layers);
        html.constant("<g id=\"timeline-tip\" visibility=\"hidden\" pointer-events=\"none\"><rect rx=\"3\" ")
                .constant("fill=\"#222\" fill-opacity=\"0.88\" height=\"20\"/><text fill=\"#fff\" x=\"6\" y=\"14\"/>")
                .constant("</g>\n</svg>\n");
        if (!above.isEmpty()) {
            html.constant("<p class=\"note\" id=\"timeline-above\">Limits far above the chart, not drawn: ");
            Map<String, String> named = new LinkedHashMap<>();
            above.forEach(result -> named.putIfAbsent(BudgetMessages.displayPath(result.budget()) + " ("
                    + result.budget().scope().configName() + ")", Numbers.bytes(result.budget().maxBytes())));
            List<String> parts = new ArrayList<>();
            named.forEach((budget, max) -> parts.add(budget + " " + max));
            html.text(String.join(", ", parts)).constant(".</p>\n");
        }
        html.constant("</section>\n");
    }

    /**
     * The {@value #LAYERS} top-level paths holding the most over the whole run, largest first (ties by name), then
     * {@value #OTHER} when more paths hold memory.
     */
    static List<String> layers(List<SnapshotReport> snapshots) {
        Map<String, Long> totals = new HashMap<>();
        for (SnapshotReport snapshot : snapshots) {
            topLevel(snapshot).forEach((path, bytes) -> totals.merge(path, bytes, Long::sum));
        }
        List<String> paths = new ArrayList<>(totals.keySet());
        paths.sort(Comparator.comparing((String path) -> totals.get(path)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        List<String> layers = new ArrayList<>(paths.subList(0, Math.min(LAYERS, paths.size())));
        if (paths.size() > LAYERS) {
            layers.add(OTHER);
        }
        return layers;
    }

    /** The bytes of each top-level path of a snapshot's path view. */
    private static Map<String, Long> topLevel(SnapshotReport snapshot) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        FlameTree tree = snapshot.pathView();
        if (tree != null) {
            for (FlameNode child : tree.root().children()) {
                bytes.merge(child.label(), child.totalBytes(), Long::sum);
            }
        }
        return bytes;
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

    private static void bar(Markup html, SnapshotReport snapshot, List<String> layers, double x, double width,
                            double scale) {
        String name = snapshot.snapshot().name();
        long total = snapshot.snapshot().totalBytes();
        Map<String, Long> byPath = topLevel(snapshot);
        Map<String, Long> byLayer = new LinkedHashMap<>();
        for (String layer : layers) {
            byLayer.put(layer, 0L);
        }
        byPath.forEach((path, bytes) -> byLayer.merge(byLayer.containsKey(path) ? path : OTHER, bytes, Long::sum));
        html.constant("<a class=\"tl-snapshot\"").attribute("href", PageParts.href(snapshot.svgFile(FlameTree.View.PATH)))
                .attribute("data-snapshot", name).attribute("data-total", total).constant(">\n");
        String totalFigure = name + ": " + Numbers.bytes(total) + " in all (" + Numbers.grouped(total) + " bytes)";
        html.constant("<rect class=\"tl-hit\" fill=\"transparent\"").coordinate("x", x, 1).attribute("y", TOP)
                .coordinate("width", width, 1).attribute("height", PLOT).attribute("data-figure", totalFigure)
                .constant("><title>").text(totalFigure).constant("</title></rect>\n");
        double y = TOP + PLOT;
        int color = 0;
        for (Map.Entry<String, Long> layer : byLayer.entrySet()) {
            String fill = COLORS[layer.getKey().equals(OTHER) ? COLORS.length - 1 : color++];
            long bytes = layer.getValue();
            if (bytes <= 0) {
                continue;
            }
            double height = bytes * scale;
            y -= height;
            String figure = name + " \u00b7 " + layer.getKey() + ": " + Numbers.bytes(bytes) + " ("
                    + Numbers.grouped(bytes) + " bytes, " + Numbers.percent(bytes, total, 1) + ")";
            html.constant("<rect class=\"tl-layer\"").attribute("fill", fill).coordinate("x", x, 1)
                    .coordinate("y", y, 2).coordinate("width", width, 1).coordinate("height", height, 2)
                    .attribute("data-layer", layer.getKey()).attribute("data-bytes", bytes)
                    .attribute("data-figure", figure).constant("><title>").text(figure).constant("</title></rect>\n");
        }
        String shown = name.length() > NAME_CHARS ? name.substring(0, NAME_CHARS - 1) + "\u2026" : name;
        double nameX = x + width / 2;
        int nameY = TOP + PLOT + 12;
        html.constant("<text class=\"tl-name\" text-anchor=\"end\" fill=\"#333\"").coordinate("x", nameX, 1)
                .attribute("y", nameY).attribute("transform", "rotate(-35 " + format(nameX) + " " + nameY + ")")
                .constant(">").text(shown).constant("</text>\n</a>\n");
    }

    private static void limitLine(Markup html, BudgetResult result, double x, double band, double scale) {
        long max = result.budget().maxBytes();
        double y = TOP + PLOT - max * scale;
        String budget = BudgetMessages.displayPath(result.budget()) + " (" + result.budget().scope().configName() + ")";
        String figure = "budget " + budget + " in " + result.snapshot() + ": " + Numbers.bytes(result.actualBytes())
                + " of " + Numbers.bytes(max) + " (" + Numbers.percent(result.actualBytes(), max, 1) + " of the limit)";
        html.constant("<line class=\"tl-limit\" stroke=\"#c62828\" stroke-width=\"2\" stroke-dasharray=\"5 3\"")
                .coordinate("x1", x + 2, 1).coordinate("x2", x + band - 2, 1).coordinate("y1", y, 2)
                .coordinate("y2", y, 2).attribute("data-budget", budget).attribute("data-limit", max)
                .attribute("data-snapshot", result.snapshot()).attribute("data-figure", figure).constant("><title>")
                .text(figure).constant("</title></line>\n");
    }

    private static void legend(Markup html, List<String> layers) {
        int x = WIDTH - RIGHT + 14;
        int y = TOP;
        int color = 0;
        List<String> fills = new ArrayList<>();
        for (String layer : layers) {
            fills.add(COLORS[layer.equals(OTHER) ? COLORS.length - 1 : color++]);
        }
        // Top of the stack first, as the layers are drawn bottom up.
        for (int i = layers.size() - 1; i >= 0; i--) {
            String layer = layers.get(i);
            html.constant("<g class=\"tl-legend\"").attribute("data-layer", layer).constant("><rect width=\"10\" ")
                    .constant("height=\"10\"").attribute("fill", fills.get(i)).attribute("x", x).attribute("y", y)
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
