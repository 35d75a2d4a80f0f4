package io.github.memflame.render;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.run.RunDiff;
import io.github.memflame.summary.ReportFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The links in the header of a flame graph of the report: back to the report's {@code index.html} and to the
 * snapshot's other graphs (the path and stack views, and both differential graphs when there is a baseline).
 * Addresses are relative to the graph's own file and percent-encoded as the index page's are, so the report can
 * be moved, zipped or opened from disk, and a hostile snapshot name never becomes a scheme or markup.
 *
 * @param index the link to the report's index page
 * @param graphs the snapshot's graphs in the order the header lists them; the graph the links are drawn in is
 *               among them, marked {@code current} (shown, not linked)
 */
public record GraphLinks(Link index, List<Link> graphs) {
    /** The text of the link back to the index page. */
    static final String INDEX_TEXT = "\u2190 index";

    /**
     * One link.
     *
     * @param text what the header shows: {@code path graph}, {@code stack diff}
     * @param href the relative, percent-encoded address
     * @param current whether this is the graph the header belongs to
     */
    public record Link(String text, String href, boolean current) {
        public Link {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(href, "href");
        }
    }

    public GraphLinks {
        Objects.requireNonNull(index, "index");
        graphs = List.copyOf(graphs);
    }

    /**
     * The links of one of a snapshot's graphs as {@link ReportWriter} writes them.
     *
     * @param view the view of the graph the links are drawn in
     * @param diff whether that graph is the differential one
     */
    public static GraphLinks of(SnapshotReport snapshot, FlameTree.View view, boolean diff) {
        String file = diff ? snapshot.diffSvgFile(view) : snapshot.svgFile(view);
        Link index = new Link(INDEX_TEXT, "../".repeat(directoryDepth(file)) + PageParts.href(ReportFiles.INDEX),
                false);
        List<Link> graphs = new ArrayList<>();
        for (FlameTree.View other : FlameTree.View.values()) {
            graphs.add(sibling(other.fileSuffix() + " graph", snapshot.svgFile(other), !diff && other == view));
        }
        if (snapshot.baseline() != null) {
            for (FlameTree.View other : FlameTree.View.values()) {
                graphs.add(sibling(other.fileSuffix() + " diff", snapshot.diffSvgFile(other), diff && other == view));
            }
        }
        return new GraphLinks(index, graphs);
    }

    /**
     * The links of one of the differential graphs between two snapshots of a run (a comparison, a leak check): back
     * to the index, and to the other view's graph.
     */
    public static GraphLinks of(RunDiff diff, FlameTree.View view) {
        String file = diff.file(view);
        Link index = new Link(INDEX_TEXT, "../".repeat(directoryDepth(file)) + PageParts.href(ReportFiles.INDEX),
                false);
        List<Link> graphs = new ArrayList<>();
        for (FlameTree.View other : FlameTree.View.values()) {
            graphs.add(sibling(other.fileSuffix() + " diff", diff.file(other), other == view));
        }
        return new GraphLinks(index, graphs);
    }

    /** A graph of the same snapshot: in the same directory, so its file name is its address. */
    private static Link sibling(String text, String file, boolean current) {
        return new Link(text, PageParts.href(file.substring(file.lastIndexOf('/') + 1)), current);
    }

    /**
     * How many directories below the report directory a report file is: its {@code /}-separated name resolved
     * lexically, as {@link ReportWriter} resolves it (an empty or {@code .} segment names no directory, {@code ..}
     * goes up one).
     */
    static int directoryDepth(String reportFile) {
        String[] segments = reportFile.split("/", -1);
        int depth = 0;
        for (int i = 0; i < segments.length - 1; i++) {
            String segment = segments[i];
            if (segment.equals("..")) {
                depth = Math.max(0, depth - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
        }
        return depth;
    }

    /** At most the UTF-8 bytes the header's links take in a graph, for the graph's size budget. */
    long markupBytes() {
        long bytes = 64 + Markup.escapedLength(index.text()) + Markup.escapedLength(index.href());
        for (Link link : graphs) {
            bytes += 40 + Markup.escapedLength(link.text()) + Markup.escapedLength(link.href());
        }
        return bytes;
    }
}
