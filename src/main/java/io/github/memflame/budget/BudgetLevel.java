package io.github.memflame.budget;

import java.util.Locale;

/** What an exceeded budget does to the build, as the enforcer's rule levels: fail it, or only warn. */
public enum BudgetLevel {
    /** An exceeded budget fails the build (the default). */
    FAIL,
    /** An exceeded budget is reported as a warning; for budgets being introduced. */
    WARN;

    /** The name used in configuration, messages and the summary. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BudgetLevel parse(String text) {
        for (BudgetLevel level : values()) {
            if (level.configName().equalsIgnoreCase(text.trim())) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown level '" + text + "', expected 'fail' or 'warn'");
    }
}
