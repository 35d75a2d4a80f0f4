package io.github.memflame.run;

import java.util.Objects;

/**
 * What a check looks at across the snapshots of one run, as plain values.
 *
 * @param order the order of the snapshots in every table and chart
 */
public record RunChecks(RunOrder order) {
    /** Natural order of names, nothing checked across snapshots. */
    public static final RunChecks NONE = new RunChecks(RunOrder.NAME);

    public RunChecks {
        Objects.requireNonNull(order, "order");
    }
}
