/**
 * Baselines: an earlier run's report ({@code memflame.json} and the folded stacks it names) read back into
 * snapshots that budgets are measured on exactly as on this run, and copied for teams that commit their baseline.
 * Knows nothing of Maven.
 */
package io.github.memflame.baseline;
