package io.github.memflame.output;

import io.github.memflame.history.HistoryFormat;
import io.github.memflame.summary.ReportFiles;
import java.util.Set;

/**
 * What memflame writes as a whole directory, and so what it may replace: a directory it wrote itself, of the same
 * kind, holding only the files it writes. Its {@value ReportFiles#MARKER} file (written into every such directory)
 * says so.
 */
public enum OutputKind {
    /**
     * {@code check}, {@code report}: {@code index.html}, summaries, flame graphs and folded stacks per snapshot, and
     * the history's entries.
     */
    REPORT("report", "report", "outputDirectory", "${project.reporting.outputDirectory}/memflame",
            Set.of(ReportFiles.INDEX, ReportFiles.SUMMARY, ReportFiles.MARKDOWN), true,
            Set.of(".svg", ".folded.gz", HistoryFormat.SUFFIX, ReportFiles.FRAMES_SUFFIX, ReportFiles.LINES_SUFFIX)),
    /** {@code baseline}: {@code memflame.json} and the files it names. */
    BASELINE("baseline", "baseline", "baselineDirectory", "${project.basedir}/src/test/memflame-baseline",
            Set.of(ReportFiles.SUMMARY), true, Set.of(".folded.gz", ".folded", ReportFiles.FRAMES_SUFFIX,
                    ReportFiles.LINES_SUFFIX)),
    /** {@code report-aggregate}: one index and summary over the modules' reports. */
    AGGREGATE("aggregate", "aggregate report", "aggregateOutputDirectory",
            "${project.reporting.outputDirectory}/memflame-aggregate",
            Set.of(ReportFiles.INDEX, ReportFiles.SUMMARY), false, Set.of());

    private final String markerName;
    private final String noun;
    private final String parameter;
    private final String example;
    private final Set<String> topLevelFiles;
    private final boolean subDirectories;
    private final Set<String> suffixes;

    OutputKind(String markerName, String noun, String parameter, String example, Set<String> topLevelFiles,
               boolean subDirectories, Set<String> suffixes) {
        this.markerName = markerName;
        this.noun = noun;
        this.parameter = parameter;
        this.example = example;
        this.topLevelFiles = topLevelFiles;
        this.subDirectories = subDirectories;
        this.suffixes = suffixes;
    }

    /** How the marker names this kind. */
    public String markerName() {
        return markerName;
    }

    /** How messages name what is written, e.g. {@code the report}. */
    public String what() {
        return "the " + noun;
    }

    /** What is written, e.g. {@code report}. */
    String noun() {
        return noun;
    }

    /** One of what is written, e.g. {@code an aggregate report}. */
    String one() {
        return (noun.startsWith("a") ? "an " : "a ") + noun;
    }

    /** The kind a marker names, or null for a name no kind has. */
    static OutputKind ofMarkerName(String markerName) {
        for (OutputKind kind : values()) {
            if (kind.markerName.equals(markerName)) {
                return kind;
            }
        }
        return null;
    }

    /** The goal parameter that sets the directory. */
    public String parameter() {
        return parameter;
    }

    /** A directory of its own, as a POM would spell it. */
    String example() {
        return example;
    }

    /** The marker's content for this kind. */
    public String markerText() {
        return "{\"kind\": \"" + markerName + "\", \"schema\": " + ReportFiles.MARKER_SCHEMA + "}\n";
    }

    /** Whether memflame writes a file of this name, at the top ({@code topLevel}) or in a sub-directory. */
    boolean writesFile(String name, boolean topLevel) {
        if (topLevel && (topLevelFiles.contains(name) || name.equals(ReportFiles.MARKER))) {
            return true;
        }
        for (String suffix : suffixes) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return true;
            }
        }
        return false;
    }

    /** Whether memflame writes sub-directories (snapshot names with a {@code /}). */
    boolean writesSubDirectories() {
        return subDirectories;
    }
}
