package io.github.memflame.render;

import io.github.memflame.budget.Growth;
import io.github.memflame.format.Numbers;

/**
 * How the Markdown summary's table cells write a budget's growth since the baseline: {@code +57.6 KiB, +48.0%}
 * and the growth allowed. The lines of the CI log (and of the JUnit report) are {@code BudgetMessages}'.
 */
final class GrowthText {
    private GrowthText() {
    }

    /** {@code +57.6 KiB, +48.0%}: the change and its share of the baseline's figure. */
    static String delta(Growth growth) {
        return Numbers.signedBytes(growth.deltaBytes()) + ", " + Numbers.signedPercent(growth.deltaBytes(),
                growth.baselineBytes());
    }

    /** {@code 10% (12.0 KiB)} for a share of the baseline, {@code 2 MiB} for bytes; {@code null} without a limit. */
    static String limit(Growth growth) {
        if (growth.limit() == null) {
            return null;
        }
        return growth.limit().isPercent()
                ? growth.limit().text() + " (" + Numbers.bytes(growth.allowedBytes()) + ")"
                : growth.limit().text();
    }
}
