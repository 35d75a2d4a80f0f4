package io.github.memflame.budget;

import java.util.Locale;

/** What a budget counts. */
public enum Scope {
    /** Bytes allocated by code in files under the path: the allocating frame is under it. */
    SELF,
    /** Bytes of every trace with any frame under the path, each trace counted once. */
    INCLUSIVE;

    /** The name used in configuration, messages and the summary. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String text) {
        for (Scope scope : values()) {
            if (scope.configName().equalsIgnoreCase(text.trim())) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + text + "', expected 'self' or 'inclusive'");
    }
}
