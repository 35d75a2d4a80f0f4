package io.github.memflame.fold;

import io.github.memflame.read.DumpFormat;
import java.util.List;

/**
 * One snapshot after reading and normalization: what every view and every budget is computed from.
 *
 * @param name the path of the dump relative to the snapshot directory, with {@code /} separators
 * @param format the format it was read as
 * @param traces the number of traces counted (excluded ones not included)
 * @param totalBytes the bytes of the counted traces
 * @param excludedTraces traces left out by {@code excludeFrames}
 * @param excludedBytes their bytes
 * @param stacks the counted traces grouped by traceback; two tracebacks may normalize to the same stack
 */
public record FoldedSnapshot(
        String name,
        DumpFormat format,
        long traces,
        long totalBytes,
        long excludedTraces,
        long excludedBytes,
        List<StackTotal> stacks) {
}
