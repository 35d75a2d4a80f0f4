package io.github.memflame.fold;

import java.util.List;

/**
 * All traces of one snapshot that share one traceback, with the call stack it normalizes to.
 *
 * @param rootFirst the stack from the outermost caller to the allocating site; empty when the dump recorded no frame
 * @param bytes the bytes of those traces together
 * @param traces how many traces
 */
public record StackTotal(List<Site> rootFirst, long bytes, long traces) {

    /** The allocating (innermost) site, or {@code null} for a trace without frames. */
    public Site allocatingSite() {
        return rootFirst.isEmpty() ? null : rootFirst.get(rootFirst.size() - 1);
    }
}
