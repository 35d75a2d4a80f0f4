package io.github.memflame.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The order of the snapshots of one run, which every table and chart of the report follows: by name in natural
 * order ({@code scene-2} before {@code scene-10}, see {@link NaturalOrder}), or by the time each dump was written.
 */
public enum RunOrder {
    /** By name, numbers compared as numbers. */
    NAME("name"),
    /** By the dump file's modification time, the oldest first; dumps written at the same time by name. */
    MODIFIED("modified");

    private final String configName;

    RunOrder(String configName) {
        this.configName = configName;
    }

    /** The name in the configuration: {@code name} or {@code modified}. */
    public String configName() {
        return configName;
    }

    /**
     * Parses {@code name} or {@code modified}, in any case; blank or {@code null} is {@link #NAME}.
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public static RunOrder parse(String text) {
        if (text == null || text.isBlank()) {
            return NAME;
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (RunOrder order : values()) {
            if (order.configName.equals(wanted)) {
                return order;
            }
        }
        throw new IllegalArgumentException("runOrder '" + text.trim() + "' is not an order memflame knows; expected "
                + "'name' (natural order of the snapshot names: scene-2 before scene-10) or 'modified' (the time "
                + "each dump was written)");
    }

    /**
     * The names in this order.
     *
     * @param modified when each was written, by name; needed for {@link #MODIFIED} only (may be empty otherwise)
     * @throws IllegalArgumentException when {@link #MODIFIED} lacks the time of a name
     */
    public List<String> sort(List<String> names, Map<String, Instant> modified) {
        Comparator<String> byName = NaturalOrder.INSTANCE;
        Comparator<String> order = byName;
        if (this == MODIFIED) {
            for (String name : names) {
                if (!modified.containsKey(name)) {
                    throw new IllegalArgumentException("no modification time for snapshot " + name);
                }
            }
            order = Comparator.comparing((String name) -> Objects.requireNonNull(modified.get(name)))
                    .thenComparing(byName);
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(order);
        return sorted;
    }
}
