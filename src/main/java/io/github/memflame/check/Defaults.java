package io.github.memflame.check;

import java.util.List;

/**
 * The defaults the goals' parameters share, in one place: the mojos' annotations name them as their
 * {@code defaultValue}, and the code that needs the same default (the dump listing, the aggregate's lookup of a
 * module's report) uses them too. Values with <code>${...}</code> are Maven expressions, evaluated by Maven.
 */
public final class Defaults {
    /** The {@code memflame.skip} default: run. */
    public static final String SKIP = "false";
    /** The report's directory under the site: {@code mvn site} links {@code memflame/index.html}. */
    public static final String REPORT_DIRECTORY_NAME = "memflame";
    /** Where {@code check} and {@code report} write the report, and where {@code baseline} copies it from. */
    public static final String OUTPUT_DIRECTORY = "${project.reporting.outputDirectory}/" + REPORT_DIRECTORY_NAME;
    /** Where {@code baseline} copies the report's baseline data to. */
    public static final String BASELINE_DIRECTORY_IN_PROJECT = "src/test/memflame-baseline";
    public static final String BASELINE_DIRECTORY = "${project.basedir}/" + BASELINE_DIRECTORY_IN_PROJECT;
    /** Where {@code view}, which needs no project, writes its report: relative to the current directory. */
    public static final String VIEW_OUTPUT_DIRECTORY = "memflame-report";
    /** Where {@code report-aggregate} writes the aggregate report. */
    public static final String AGGREGATE_OUTPUT_DIRECTORY = "${project.reporting.outputDirectory}/memflame-aggregate";
    /** The encoding of byte-string file names in Python 2.7 dumps. */
    public static final String FILE_NAME_ENCODING = "UTF-8";
    /** The most one gzip-compressed file may expand to. */
    public static final String MAX_DECOMPRESSED_SIZE = "4 GiB";
    /** What {@code check} looks for when no includes are configured: the names {@code Snapshot.dump()} users give. */
    public static final List<String> INCLUDES = List.of(
            "**/*.pickle", "**/*.json", "**/*.folded", "**/*.dump", "**/*.snapshot", "**/*.tracemalloc",
            "**/*.pickle.gz", "**/*.json.gz", "**/*.folded.gz", "**/*.dump.gz", "**/*.snapshot.gz",
            "**/*.tracemalloc.gz");

    private Defaults() {
    }
}
