package io.github.memflame.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the checks across a run found.
 *
 * @param comparisons every comparison in every run it applies to, in configuration order
 * @param leakChecks every leak check in every run it applies to, in configuration order
 */
public record RunResults(List<ComparisonResult> comparisons, List<LeakCheckResult> leakChecks) {
    /** Nothing checked across the run. */
    public static final RunResults NONE = new RunResults(List.of(), List.of());

    public RunResults {
        comparisons = List.copyOf(comparisons);
        leakChecks = List.copyOf(leakChecks);
    }

    /** The differential graphs to draw, in report order. */
    public List<RunDiff> diffs() {
        List<RunDiff> diffs = new ArrayList<>();
        comparisons.forEach(result -> diffs.add(result.diff()));
        leakChecks.stream().map(LeakCheckResult::diff).filter(Objects::nonNull).forEach(diffs::add);
        return diffs;
    }

    /** Whether a check across the run fails the build. */
    public boolean failsBuild() {
        return comparisons.stream().anyMatch(ComparisonResult::failsBuild)
                || leakChecks.stream().anyMatch(LeakCheckResult::failsBuild);
    }

    /**
     * {@code 1 memory comparison exceeded, 1 leak check failed}, or {@code null} when nothing across the run fails
     * the build.
     */
    public String failureSummary() {
        long comparisonsFailing = comparisons.stream().filter(ComparisonResult::failsBuild).count();
        long leaksFailing = leakChecks.stream().filter(LeakCheckResult::failsBuild).count();
        List<String> parts = new ArrayList<>();
        if (comparisonsFailing > 0) {
            parts.add(comparisonsFailing + (comparisonsFailing == 1 ? " memory comparison exceeded"
                    : " memory comparisons exceeded"));
        }
        if (leaksFailing > 0) {
            parts.add(leaksFailing + (leaksFailing == 1 ? " memory leak check failed" : " memory leak checks failed"));
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
