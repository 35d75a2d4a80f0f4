package io.github.memflame.history;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The history directory's format, version {@value #FORMAT}: one file per build, {@code build-000042.history.json},
 * numbered in build order, each a JSON object:
 *
 * <pre>{@code
 * {"historyFormat": 2, "build": "4f2a9c1e...", "time": "2026-12-07T04:45:40Z", "result": "passed|failed",
 *  "snapshots": [{"name": "scene-2-battle.pickle", "totalBytes": 1028403, "traces": 13001,
 *                 "directories": {"client": 802311, "common": 226092}}],
 *  "budgets": [{"path": "client/controller", "scope": "self", "figures": [[0, 343440, "ok"]]}]}
 * }</pre>
 *
 * <p>A budget's {@code figures} are {@code [snapshot, bytes, status]}, the snapshot named by its index in
 * {@code snapshots}: a figure does not repeat the budget's path and the snapshot's name (format 1 did, each figure an
 * object {@code {"path", "scope", "snapshot", "bytes", "status"}}: six times the bytes for the same figures). Format
 * 1 is still read, and written anew in this format. Every field is required and no other is allowed; a later
 * memflame that changes the shape raises {@code historyFormat}. An entry is at most {@value #MAX_ENTRY_BYTES} bytes.
 * {@code directories} holds at most {@value #DIRECTORIES} top-level directories, largest first; the bytes of the
 * rest are under {@value #OTHER}.
 */
public final class HistoryFormat {
    /** The version of an entry's shape. */
    public static final int FORMAT = 2;
    /** The most bytes an entry file may hold; a larger one is not read. */
    public static final long MAX_ENTRY_BYTES = 1L << 20;
    /** How many top-level directories an entry keeps per snapshot. */
    public static final int DIRECTORIES = 12;
    /** Where the bytes of the directories beyond {@link #DIRECTORIES} go. */
    public static final String OTHER = "(other)";
    /** The directory of the report that holds the history, next to {@code index.html}. */
    public static final String DIRECTORY = "history";
    /** What ends an entry's file name; the report's guard knows memflame writes such files. */
    public static final String SUFFIX = ".history.json";

    private static final Pattern NAME = Pattern.compile("build-([0-9]{6,9})" + Pattern.quote(SUFFIX));

    private HistoryFormat() {
    }

    /** {@code build-000042.history.json}. */
    public static String fileName(int sequence) {
        if (sequence < 1 || sequence > 999_999_999) {
            throw new IllegalArgumentException("a build's number in the history is from 1 to 999999999, was "
                    + sequence);
        }
        return String.format("build-%06d%s", sequence, SUFFIX);
    }

    /** The build number a file name carries, or -1 when it is no entry's name. */
    public static int sequence(String fileName) {
        Matcher name = NAME.matcher(fileName);
        int sequence = name.matches() ? Integer.parseInt(name.group(1)) : -1;
        return sequence >= 1 ? sequence : -1;
    }
}
