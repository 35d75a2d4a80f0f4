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
 * @param unresolvedFileCount how many files have a frame not named
 * @param unresolvedFiles the first few of them, in the order met, each with the reason
 */
public record ResolutionSummary(long resolved, long unresolved, int unresolvedFileCount,
                                Map<String, String> unresolvedFiles) {

    public ResolutionSummary {
        if (resolved < 0 || unresolved < 0 || unresolvedFileCount < unresolvedFiles.size()) {
            throw new IllegalArgumentException("inconsistent counts: " + resolved + " named, " + unresolved
                    + " not, in " + unresolvedFileCount + " files, " + unresolvedFiles.size() + " of them listed");
        }
        unresolvedFiles = Collections.unmodifiableMap(new LinkedHashMap<>(unresolvedFiles));
    }

    /**
     * The log line: {@code Function names: 57 of 60 frames named from sourceRoots; 3 frames in 1 file keep
     * file:line: net/pool.py (not found under any source root)}.
     */
    public String describe() {
        StringBuilder line = new StringBuilder("Function names: ").append(String.format(Locale.ROOT,
                "%,d of %,d frames named from sourceRoots", resolved, resolved + unresolved));
        if (unresolved > 0) {
            line.append(String.format(Locale.ROOT, "; %,d %s in %,d %s %s file:line: ", unresolved,
                    unresolved == 1 ? "frame" : "frames", unresolvedFileCount,
                    unresolvedFileCount == 1 ? "file" : "files", unresolved == 1 ? "keeps" : "keep"));
            String separator = "";
            for (Map.Entry<String, String> file : unresolvedFiles.entrySet()) {
                line.append(separator).append(file.getKey()).append(" (").append(file.getValue()).append(')');
                separator = ", ";
            }
            if (unresolvedFileCount > unresolvedFiles.size()) {
                line.append(String.format(Locale.ROOT, " and %,d more", unresolvedFileCount - unresolvedFiles.size()));
            }
        }
        return line.toString();
    }
}
