package io.github.memflame.check;

import java.nio.file.Path;

/**
 * Where a {@code check} run also tells CI systems its result, beyond the report directory.
 *
 * @param junitReport the JUnit XML file to write ({@code TEST-memflame.xml}), or {@code null} for none
 * @param stepSummary the job-summary file to append {@code memflame.md} to (what {@code GITHUB_STEP_SUMMARY} names),
 *                    or {@code null} for none
 */
public record CiOutputs(Path junitReport, Path stepSummary) {
    /** No CI output: the {@code report} goal, tests. */
    public static final CiOutputs NONE = new CiOutputs(null, null);
}
