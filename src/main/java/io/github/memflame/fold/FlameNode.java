package io.github.memflame.fold;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One frame of a flame graph: its label, the bytes of every trace through it, and the bytes allocated by it
 * directly. Children are in label order, as {@code flamegraph.pl} draws them, so graphs are stable.
 */
public final class FlameNode implements DrawnFrame<FlameNode> {
    private static final FlameNode[] NO_CHILDREN = new FlameNode[0];

    private final String label;
    // Most frames have one child or none: a plain array, filled in label order by FlameTree's single pass.
    private FlameNode[] children = NO_CHILDREN;
    private int childCount;
    private boolean line;
    // Bytes of children dropped as too narrow to draw: those just before this frame (so that it stays where
    // it would be among all its siblings), and those dropped since this frame's last child was added.
    private long droppedBefore;
    private long droppedPending;
    private long totalBytes;
    private long selfBytes;
    private long traces;
    private String function;

    FlameNode(String label) {
        this.label = label;
    }

    @Override
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

    /** True for a line frame of the path view: its label is the line number below its file's frame. */
    public boolean isLine() {
        return line;
    }

    /** Bytes of all traces whose stack passes through this frame. */
    public long totalBytes() {
        return totalBytes;
    }

    /** The same as {@link #totalBytes}: a flame graph's frame is as wide as its bytes. */
    @Override
    public long bytes() {
        return totalBytes;
    }

    /** Bytes of the traces that end at this frame. */
    @Override
    public long selfBytes() {
        return selfBytes;
    }

    /** Number of traces whose stack passes through this frame. */
    @Override
    public long traces() {
        return traces;
    }

    @Override
    public List<FlameNode> children() {
        return Collections.unmodifiableList(Arrays.asList(children).subList(0, childCount));
    }

    /**
     * Bytes of the siblings before this frame, in label order, that were left out of a pruned tree: a graph
     * places this frame after them, as it would among all its siblings. 0 in a whole tree.
     */
    @Override
    public long droppedBytesBefore() {
        return droppedBefore;
    }

    /** 0: a flame graph has no baseline. */
    @Override
    public long baselineBytes() {
        return 0;
    }

    /** 0: a flame graph has no baseline. */
    @Override
    public long droppedBaselineBytesBefore() {
        return 0;
    }

    /** A new last child; the caller appends children in label order. */
    FlameNode appendChild(String childLabel) {
        FlameNode child = new FlameNode(childLabel);
        child.droppedBefore = droppedPending;
        droppedPending = 0;
        if (childCount == children.length) {
            children = Arrays.copyOf(children, Math.max(2, childCount * 2));
        }
        children[childCount++] = child;
        return child;
    }

    /** Counts a child too narrow to be made at all as one dropped after the last child. */
    void dropChild(long bytes) {
        droppedPending += bytes;
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
