package io.github.memflame.fold;

import io.github.memflame.read.DumpFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One snapshot after reading and normalization: what every view and every budget is computed from.
 *
 * @param name the path of the dump relative to the snapshot directory, with {@code /} separators
 * @param format the format it was read as
 * @param traces the number of traces counted (excluded ones not included)
 * @param totalBytes the bytes of the counted traces
 * @param excludedTraces traces left out by {@code excludeFrames}
 * @param excludedBytes their bytes
 * @param stacks the counted traces grouped by traceback; two tracebacks may normalize to the same stack
 * @param functionNames the function enclosing each site of the stacks that could be named (see {@link FunctionNamer})
 * @param frameIdentities what identifies each site's line across edits, for the sites read from the sources (see
 *                        {@link FrameMatcher}); empty without sources
 * @param formerLines of a baseline aligned with a run by {@link FrameMatcher}: the line each site whose line number
 *                    differs had in the baseline; empty otherwise
 */
public record FoldedSnapshot(
        String name,
        DumpFormat format,
        long traces,
        long totalBytes,
        long excludedTraces,
        long excludedBytes,
        List<StackTotal> stacks,
        Map<Site, String> functionNames,
        Map<Site, FrameIdentity> frameIdentities,
        Map<Site, Integer> formerLines) {

    public FoldedSnapshot {
        Objects.requireNonNull(stacks, "stacks");
        Objects.requireNonNull(functionNames, "functionNames (empty when no function is named)");
        Objects.requireNonNull(frameIdentities, "frameIdentities (empty without sources)");
        Objects.requireNonNull(formerLines, "formerLines (empty unless aligned with a run)");
    }

    /** A snapshot whose frames are not identified from sources. */
    public FoldedSnapshot(String name, DumpFormat format, long traces, long totalBytes, long excludedTraces,
                          long excludedBytes, List<StackTotal> stacks, Map<Site, String> functionNames) {
        this(name, format, traces, totalBytes, excludedTraces, excludedBytes, stacks, functionNames, Map.of(),
                Map.of());
    }

    /** The line a site had in the baseline when {@link FrameMatcher} matched it to a line of another number, else null. */
    public Integer formerLine(Site site) {
        return site == null ? null : formerLines.get(site);
    }

    /** The qualified name of the function enclosing a site, or {@code null} when it is not known. */
    public String functionAt(Site site) {
        return site == null ? null : functionNames.get(site);
    }

    /** This snapshot with the function of each distinct site of its stacks named by {@code namer}, asked once each. */
    public FoldedSnapshot withFunctionNames(FunctionNamer namer) {
        Set<Site> asked = new HashSet<>();
        Map<Site, String> names = new HashMap<>();
        for (StackTotal stack : stacks) {
            for (Site site : stack.rootFirst()) {
                if (asked.add(site)) {
                    String function = namer.functionAt(site.path(), site.line());
                    if (function != null) {
                        names.put(site, function);
                    }
                }
            }
        }
        return new FoldedSnapshot(name, format, traces, totalBytes, excludedTraces, excludedBytes, stacks,
                Collections.unmodifiableMap(names), frameIdentities, formerLines);
    }

    /**
     * This snapshot with what identifies each distinct site's line across edits, asked once each; a site
     * {@code identifier} cannot identify (it returns {@code null}) has none.
     */
    public FoldedSnapshot withFrameIdentities(BiFunction<String, Integer, FrameIdentity> identifier) {
        Map<Site, FrameIdentity> identities = new HashMap<>();
        for (StackTotal stack : stacks) {
            for (Site site : stack.rootFirst()) {
                if (!identities.containsKey(site)) {
                    identities.put(site, identifier.apply(site.path(), site.line()));
                }
            }
        }
        identities.values().removeIf(Objects::isNull);
        return new FoldedSnapshot(name, format, traces, totalBytes, excludedTraces, excludedBytes, stacks,
                functionNames, Collections.unmodifiableMap(identities), formerLines);
    }
}
