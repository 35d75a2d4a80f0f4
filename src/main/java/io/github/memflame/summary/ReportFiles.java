package io.github.memflame.summary;

import io.github.memflame.fold.FlameTree;

/**
 * The names of what a report directory holds, and the versions of what it promises: the one place the report's
 * format is spelled, for the code that writes it ({@code render}), copies it ({@code baseline}), reads it back
 * ({@code baseline}, {@code aggregate}) and guards it ({@code output}). Snapshot file names are relative to the
 * report directory; a snapshot name with {@code /} puts its files in sub-directories.
 */
public final class ReportFiles {
    /** The report's page. */
    public static final String INDEX = "index.html";
    /** The report's summary, for scripts, baselines and the aggregate report. */
    public static final String SUMMARY = "memflame.json";
    /** The report's summary as Markdown, for job summaries and pull-request comments. */
    public static final String MARKDOWN = "memflame.md";
    /** The file every directory memflame writes holds: {@code {"kind": "report", "schema": 1}}. */
    public static final String MARKER = ".memflame-report";
    /** The version of the marker's content. */
    public static final int MARKER_SCHEMA = 1;
    /** The version of {@value #SUMMARY}'s shape: fields may be added, none renamed or removed while it stays. */
    public static final int SCHEMA = 1;
    /**
     * The version of the baseline data a report holds: its {@value #SUMMARY} and the files it names. Raised when a
     * later version changes what a baseline needs. Version 2 adds each snapshot's {@code frames} file, which lets
     * frames be matched across edits.
     */
    public static final int BASELINE_FORMAT = 2;
    /** The oldest baseline data still read: version 1 has no frame identities, its frames match by {@code path:line}. */
    public static final int OLDEST_BASELINE_FORMAT = 1;
    /**
     * How many top-level paths of a snapshot {@value #SUMMARY} names, the largest: more than the run's timeline has
     * layers, and few enough that a dump of thousands of top-level files does not make the summary grow with it.
     */
    public static final int TOP_LEVEL_PATHS = 20;
    /** How the name of a snapshot's frame identities file ends. */
    public static final String FRAMES_SUFFIX = ".frames.json";
    /** How the name of a snapshot's lines file ends. */
    public static final String LINES_SUFFIX = ".lines.txt";

    private ReportFiles() {
    }

    /** The flame graph of a snapshot's view: {@code NAME.path.svg}. */
    public static String svg(String snapshot, FlameTree.View view) {
        return snapshot + "." + view.fileSuffix() + ".svg";
    }

    /** The differential graph of a snapshot's view against the baseline: {@code NAME.path.diff.svg}. */
    public static String diffSvg(String snapshot, FlameTree.View view) {
        return snapshot + "." + view.fileSuffix() + ".diff.svg";
    }

    /** A snapshot's frame identities, when its functions were read from sources: {@code NAME.frames.json}. */
    public static String frames(String snapshot) {
        return snapshot + FRAMES_SUFFIX;
    }

    /**
     * A snapshot's allocating lines as text for review in a committed baseline ({@link LinesFile}), never read back
     * as figures: {@code NAME.lines.txt}.
     */
    public static String lines(String snapshot) {
        return snapshot + LINES_SUFFIX;
    }

    /** The gzip-compressed folded stacks of a view with plain {@code path:line} frames: {@code NAME.path.folded.gz}. */
    public static String folded(String snapshot, FlameTree.View view) {
        return snapshot + "." + view.fileSuffix() + ".folded.gz";
    }

    /**
     * The gzip-compressed folded stacks of a view whose frames carry function names ({@code path:line Class.method}):
     * {@code NAME.path.named.folded.gz}.
     */
    public static String namedFolded(String snapshot, FlameTree.View view) {
        return snapshot + "." + view.fileSuffix() + ".named.folded.gz";
    }
}
