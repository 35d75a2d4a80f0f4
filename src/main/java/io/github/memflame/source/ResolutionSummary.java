package io.github.memflame.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How many frames were named from the sources and how many kept their {@code file:line}.
 *
 * @param resolved frames named (each distinct site of each snapshot counts once)
 * @param unresolved frames not named
 * @param unresolvedFiles the first few files with a frame not named, in the order met, each with the reason
 */
public record ResolutionSummary(long resolved, long unresolved, Map<String, String> unresolvedFiles) {

    public ResolutionSummary {
        if (resolved < 0 || unresolved < 0) {
            throw new IllegalArgumentException("frame counts cannot be negative: " + resolved + ", " + unresolved);
        }
        unresolvedFiles = Collections.unmodifiableMap(new LinkedHashMap<>(unresolvedFiles));
    }

    /**
     * The log line: {@code Function names: 57 of 60 frames named from sourceRoots; 3 not, e.g. net/pool.py (not
     * found under any source root)}.
     */
    public String describe() {
        StringBuilder line = new StringBuilder("Function names: ").append(String.format(Locale.ROOT,
                "%,d of %,d frames named from sourceRoots", resolved, resolved + unresolved));
        if (unresolved > 0) {
            line.append(String.format(Locale.ROOT, "; %,d not (they show file:line), first in ", unresolved));
            String separator = "";
            for (Map.Entry<String, String> file : unresolvedFiles.entrySet()) {
                line.append(separator).append(file.getKey()).append(" (").append(file.getValue()).append(')');
                separator = ", ";
            }
        }
        return line.toString();
    }
}
