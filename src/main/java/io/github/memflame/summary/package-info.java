/**
 * The report's format: the names of what a report directory holds, the {@code schema} and {@code baselineFormat}
 * versions, and the strict reader of {@code memflame.json} that baselines and the aggregate report share. Knows
 * nothing of Maven.
 */
package io.github.memflame.summary;
