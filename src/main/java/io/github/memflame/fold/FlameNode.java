package io.github.memflame.fold;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One frame of a flame graph: its label, the bytes of every trace through it, and the bytes allocated by it
 * directly. Children are kept in label order, as {@code flamegraph.pl} draws them, so graphs are stable.
 */
public final class FlameNode {
    /** Beyond this many children a lookup map is built; below it a scan is cheaper than a map's memory. */
    private static final int SCAN_LIMIT = 8;
    private static final FlameNode[] NO_CHILDREN = new FlameNode[0];

    private final String label;
    // The stack view of a million distinct tracebacks has tens of millions of frames, most with one child or
    // none, so children live in a plain array and a map is made only for wide frames.
    private FlameNode[] children = NO_CHILDREN;
    private int childCount;
    private Map<String, FlameNode> childrenByLabel;
    private boolean sorted = true;
    private boolean line;
    private long totalBytes;
    private long selfBytes;
    private long traces;
    private String function;

    FlameNode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The qualified name of the function enclosing this frame's site (a stack-view frame, a path-view line), or
     * {@code null} when unknown or not a site. Not part of the label: graphs keep their shape and folded output
     * its frames.
     */
    public String function() {
        return function;
    }

    /** The label as graphs show it: with the function's name after a site's label, when known. */
    public String labelWithFunction() {
        return Site.withFunction(label, function);
    }

    /** True for a line frame of the path view: its label is the line number below its file's frame. */
    public boolean isLine() {
        return line;
    }

    /** Bytes of all traces whose stack passes through this frame. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Bytes of the traces that end at this frame. */
    public long selfBytes() {
        return selfBytes;
    }

    /** Number of traces whose stack passes through this frame. */
    public long traces() {
        return traces;
    }

    public List<FlameNode> children() {
        if (!sorted) {
            Arrays.sort(children, 0, childCount, Comparator.comparing(FlameNode::label));
            sorted = true;
        }
        return Collections.unmodifiableList(Arrays.asList(children).subList(0, childCount));
    }

    FlameNode child(String childLabel) {
        FlameNode found = childrenByLabel != null ? childrenByLabel.get(childLabel) : scan(childLabel);
        if (found != null) {
            return found;
        }
        FlameNode child = new FlameNode(childLabel);
        if (childCount == children.length) {
            children = Arrays.copyOf(children, Math.max(2, childCount * 2));
        }
        children[childCount++] = child;
        sorted = childCount == 1;
        if (childrenByLabel != null) {
            childrenByLabel.put(childLabel, child);
        } else if (childCount > SCAN_LIMIT) {
            childrenByLabel = new HashMap<>();
            for (int i = 0; i < childCount; i++) {
                childrenByLabel.put(children[i].label, children[i]);
            }
        }
        return child;
    }

    private FlameNode scan(String childLabel) {
        for (int i = 0; i < childCount; i++) {
            if (children[i].label.equals(childLabel)) {
                return children[i];
            }
        }
        return null;
    }

    void nameFunction(String qualname) {
        function = qualname;
    }

    void markLine() {
        line = true;
    }

    void add(long bytes, long traceCount) {
        totalBytes = Math.addExact(totalBytes, bytes);
        traces += traceCount;
    }

    void addSelf(long bytes) {
        selfBytes = Math.addExact(selfBytes, bytes);
    }
}
