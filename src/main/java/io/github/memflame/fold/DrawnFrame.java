package io.github.memflame.fold;

import java.util.List;

/**
 * A frame as a flame graph draws it, whether of a {@link FlameTree} or of a {@link DiffTree}: its figures in this
 * run and, for a differential graph, in the baseline.
 *
 * @param <N> the frame type, whose children are frames of the same type
 */
public interface DrawnFrame<N extends DrawnFrame<N>> {
    /** The frame's own label: a path segment, a line number or a {@code path:line} site. */
    String label();

    /** The children, in label order. */
    List<N> children();

    /** This run's bytes of all traces through this frame: they set its width as drawn. */
    long bytes();

    /** This run's bytes of the traces that end at this frame. */
    long selfBytes();

    /** This run's number of traces through this frame. */
    long traces();

    /** The bytes of the siblings before this frame that a pruned tree left out; 0 in a whole tree. */
    long droppedBytesBefore();

    /** The baseline's bytes through this frame; 0 without a baseline. */
    long baselineBytes();

    /** The baseline's bytes of the left-out siblings before this frame; 0 without a baseline. */
    long droppedBaselineBytesBefore();
}
