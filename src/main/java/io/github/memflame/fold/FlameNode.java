package io.github.memflame.fold;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One frame of a flame graph: its label, the bytes of every trace through it, and the bytes allocated by it
 * directly. Children are in label order, as {@code flamegraph.pl} draws them, so graphs are stable.
 */
public final class FlameNode {
    private static final FlameNode[] NO_CHILDREN = new FlameNode[0];

    private final String label;
    // Most frames have one child or none: a plain array, filled in label order by FlameTree's single pass.
    private FlameNode[] children = NO_CHILDREN;
    private int childCount;
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
        return Collections.unmodifiableList(Arrays.asList(children).subList(0, childCount));
    }

    /** A new last child; the caller appends children in label order. */
    FlameNode appendChild(String childLabel) {
        FlameNode child = new FlameNode(childLabel);
        if (childCount == children.length) {
            children = Arrays.copyOf(children, Math.max(2, childCount * 2));
        }
        children[childCount++] = child;
        return child;
    }

    /** Drops the last child, leaving its bytes in this frame's total. */
    void removeLastChild() {
        children[--childCount] = null;
    }

    void add(long bytes, long traceCount) {
        totalBytes = Math.addExact(totalBytes, bytes);
        traces += traceCount;
    }

    void addSelf(long bytes) {
        selfBytes = Math.addExact(selfBytes, bytes);
    }
}
