package io.github.memflame.run;

import java.util.List;
import java.util.Objects;

/**
 * What a check looks at across the snapshots of one run, as plain values.
 *
 * @param order the order of the snapshots in every table and chart
 * @param comparisons the comparisons of two snapshots of a run, in configuration order
 * @param leakChecks the leak checks over repeated rounds of a run, in configuration order
 */
public record RunChecks(RunOrder order, List<Comparison> comparisons, List<LeakCheck> leakChecks) {
    /** Natural order of names, nothing checked across snapshots. */
    public static final RunChecks NONE = new RunChecks(RunOrder.NAME);

    public RunChecks {
        Objects.requireNonNull(order, "order");
        comparisons = List.copyOf(comparisons);
        leakChecks = List.copyOf(leakChecks);
    }

    /** An order, nothing checked across snapshots. */
    public RunChecks(RunOrder order) {
        this(order, List.of(), List.of());
    }
}
