package io.github.memflame.fold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One frame of a flame graph: its label, the bytes of every trace through it, and the bytes allocated by it
 * directly. Children are kept in label order, as {@code flamegraph.pl} draws them, so graphs are stable.
 */
public final class FlameNode {
    private final String label;
    private final Map<String, FlameNode> childrenByLabel = new HashMap<>();
    private List<FlameNode> sortedChildren;
    private long totalBytes;
    private long selfBytes;
    private long traces;

    FlameNode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
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
        if (sortedChildren == null) {
            List<FlameNode> sorted = new ArrayList<>(childrenByLabel.values());
            sorted.sort(Comparator.comparing(FlameNode::label));
            sortedChildren = List.copyOf(sorted);
        }
        return sortedChildren;
    }

    FlameNode child(String childLabel) {
        sortedChildren = null;
        return childrenByLabel.computeIfAbsent(childLabel, FlameNode::new);
    }

    void add(long bytes, long traceCount) {
        totalBytes = Math.addExact(totalBytes, bytes);
        traces += traceCount;
    }

    void addSelf(long bytes) {
        selfBytes = Math.addExact(selfBytes, bytes);
    }
}
