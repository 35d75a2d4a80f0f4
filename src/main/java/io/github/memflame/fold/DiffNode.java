package io.github.memflame.fold;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One frame of a differential flame graph: a frame of this run's tree, of the baseline's, or of both, with its
 * bytes in each. A frame only the baseline has holds 0 bytes of this run; one new in this run holds 0 baseline
 * bytes. Children are in label order, as in a {@link FlameNode}.
 */
public final class DiffNode implements DrawnFrame<DiffNode> {
    private static final DiffNode[] NO_CHILDREN = new DiffNode[0];

    private final String label;
    private DiffNode[] children = NO_CHILDREN;
    private int childCount;
    private boolean line;
    private String function;
    private long bytes;
    private long baselineBytes;
    private long selfBytes;
    private long baselineSelfBytes;
    private long traces;
    private long baselineTraces;
    // As in FlameNode: bytes of dropped siblings before this frame, and those dropped since the last child, in
    // this run and in the baseline, so the frame keeps its place in either run's widths.
    private long droppedBefore;
    private long droppedBaselineBefore;
    private long droppedPending;
    private long droppedBaselinePending;

    DiffNode(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The function enclosing this frame's site, from this run or else the baseline; {@code null} when unknown. */
    public String function() {
        return function;
    }

    /** True for a line frame of the path view. */
    public boolean isLine() {
        return line;
    }

    /** This run's bytes of every trace through this frame; 0 for a frame only the baseline has. */
    @Override
    public long bytes() {
        return bytes;
    }

    /** The baseline's bytes of every trace through this frame; 0 for a frame new in this run. */
    @Override
    public long baselineBytes() {
        return baselineBytes;
    }

    /** This run's bytes minus the baseline's. */
    public long deltaBytes() {
        return bytes - baselineBytes;
    }

    /** This run's bytes of the traces that end at this frame. */
    @Override
    public long selfBytes() {
        return selfBytes;
    }

    /** The baseline's bytes of the traces that end at this frame. */
    public long baselineSelfBytes() {
        return baselineSelfBytes;
    }

    /** This run's traces through this frame. */
    @Override
    public long traces() {
        return traces;
    }

    /** The baseline's traces through this frame. */
    public long baselineTraces() {
        return baselineTraces;
    }

    @Override
    public List<DiffNode> children() {
        return Collections.unmodifiableList(Arrays.asList(children).subList(0, childCount));
    }

    /** This run's bytes of the siblings before this frame that a pruned tree left out; 0 in a whole tree. */
    @Override
    public long droppedBytesBefore() {
        return droppedBefore;
    }

    /** The same in the baseline. */
    @Override
    public long droppedBaselineBytesBefore() {
        return droppedBaselineBefore;
    }

    DiffNode appendChild(String childLabel) {
        DiffNode child = new DiffNode(childLabel);
        child.droppedBefore = droppedPending;
        child.droppedBaselineBefore = droppedBaselinePending;
        droppedPending = 0;
        droppedBaselinePending = 0;
        if (childCount == children.length) {
            children = Arrays.copyOf(children, Math.max(2, childCount * 2));
        }
        children[childCount++] = child;
        return child;
    }

    /** Drops the last child, leaving its bytes in this frame's totals and as a gap before the next child. */
    void removeLastChild() {
        DiffNode dropped = children[--childCount];
        children[childCount] = null;
        droppedPending += dropped.droppedBefore + dropped.bytes;
        droppedBaselinePending += dropped.droppedBaselineBefore + dropped.baselineBytes;
    }

    /** Names the function unless a name is known already (this run's entries come first). */
    void nameFunction(String qualname) {
        if (function == null) {
            function = qualname;
        }
    }

    void markLine() {
        line = true;
    }

    void add(long addedBytes, long addedTraces, long addedBaselineBytes, long addedBaselineTraces) {
        bytes = Math.addExact(bytes, addedBytes);
        traces += addedTraces;
        baselineBytes = Math.addExact(baselineBytes, addedBaselineBytes);
        baselineTraces += addedBaselineTraces;
    }

    void addSelf(long addedBytes, long addedBaselineBytes) {
        selfBytes = Math.addExact(selfBytes, addedBytes);
        baselineSelfBytes = Math.addExact(baselineSelfBytes, addedBaselineBytes);
    }
}
