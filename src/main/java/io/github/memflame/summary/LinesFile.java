package io.github.memflame.summary;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FrameIdentity;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.format.BidiControls;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot's allocating lines as text a pull request shows readably ({@code NAME.lines.txt}, written in the
 * report and copied into a baseline): one row per allocating line, with its exact bytes, its trace count, its
 * {@code path:line} and its function, sorted by path, then line. Figures are CPython's as they are, not rounded: a
 * line whose figures did not change keeps its row, so a diff shows the lines that changed. The same snapshot always
 * gives the same bytes. Written for people, never read back as figures.
 *
 * <pre>
 * # memflame lines of scene-3-battle.pickle: bytes, traces, allocating line, function; sorted by path and line
 *       983040       40  client/controller/battle_controller.py:37  BattleController._tick
 * </pre>
 */
public final class LinesFile {
    private LinesFile() {
    }

    /**
     * Writes the file, one row at a time: a dump of a million distinct allocating lines makes a file of a hundred
     * megabytes, which is never held whole.
     */
    public static void write(FoldedSnapshot snapshot, Writer out) throws IOException {
        out.write("# memflame lines of " + printable(snapshot.name())
                + ": bytes, traces, allocating line, function; sorted by path and line\n");
        // Each allocating line's figures gathered under its path: the distinct paths are sorted once, then each
        // path's lines by number, rather than a million sites sorted by comparing their paths' text.
        Map<String, PathLines> byPath = new HashMap<>();
        long[] unknown = new long[2];
        for (StackTotal stack : snapshot.stacks()) {
            Site site = stack.allocatingSite();
            if (site == null) {
                unknown[0] = Math.addExact(unknown[0], stack.bytes());
                unknown[1] = Math.addExact(unknown[1], stack.traces());
            } else {
                byPath.computeIfAbsent(site.path(), path -> new PathLines()).add(site.line(), stack.bytes(),
                        stack.traces());
            }
        }
        String[] paths = byPath.keySet().toArray(new String[0]);
        Arrays.sort(paths);
        for (String path : paths) {
            byPath.get(path).write(path, snapshot, out);
        }
        if (unknown[1] > 0) {
            out.write(row(unknown, FlameTree.UNKNOWN, null));
            out.write('\n');
        }
    }

    /** The allocating lines of one path, as the stacks gave them: a line may come more than once. */
    private static final class PathLines {
        private int[] lines = new int[4];
        private long[] bytes = new long[4];
        private long[] traces = new long[4];
        private int size;

        void add(int line, long stackBytes, long stackTraces) {
            if (size == lines.length) {
                lines = Arrays.copyOf(lines, 2 * size);
                bytes = Arrays.copyOf(bytes, 2 * size);
                traces = Arrays.copyOf(traces, 2 * size);
            }
            lines[size] = line;
            bytes[size] = stackBytes;
            traces[size] = stackTraces;
            size++;
        }

        /** One row per line, by line number, the figures of a line met more than once summed. */
        void write(String path, FoldedSnapshot snapshot, Writer out) throws IOException {
            // The line in the high half, as signed as the line; the index, never negative, in the low half.
            long[] order = new long[size];
            for (int i = 0; i < size; i++) {
                order[i] = (long) lines[i] << 32 | i;
            }
            Arrays.sort(order);
            for (int i = 0; i < size; ) {
                int line = (int) (order[i] >> 32);
                long[] sums = new long[2];
                for (; i < size && (int) (order[i] >> 32) == line; i++) {
                    int at = (int) order[i];
                    sums[0] = Math.addExact(sums[0], bytes[at]);
                    sums[1] = Math.addExact(sums[1], traces[at]);
                }
                Site site = new Site(path, line);
                out.write(row(sums, site.label(), function(snapshot, site)));
                out.write('\n');
            }
        }
    }

    /**
     * How many rows differ between two versions of a lines file: rows of a line whose figures or function changed,
     * and rows only one of them has.
     *
     * @param before the earlier file's text, {@code null} when there was none
     */
    public static int changedRows(String before, String after) {
        Map<String, String> was = before == null ? Map.of() : bySite(before);
        Map<String, String> now = bySite(after);
        int changed = 0;
        for (Map.Entry<String, String> row : now.entrySet()) {
            if (!row.getValue().equals(was.get(row.getKey()))) {
                changed++;
            }
        }
        for (String site : was.keySet()) {
            if (!now.containsKey(site)) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * The rows of a file's text by their site: the text between the two figures and the last two spaces, which
     * precede the function (a qualified name has no spaces).
     */
    private static Map<String, String> bySite(String text) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String row : text.split("\n")) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String figures = row.stripLeading();
            int afterBytes = figures.indexOf(' ');
            String rest = afterBytes < 0 ? "" : figures.substring(afterBytes).stripLeading();
            int afterTraces = rest.indexOf(' ');
            String siteAndFunction = afterTraces < 0 ? "" : rest.substring(afterTraces).stripLeading();
            int functionAt = siteAndFunction.lastIndexOf("  ");
            rows.put(functionAt < 0 ? siteAndFunction : siteAndFunction.substring(0, functionAt), row);
        }
        return rows;
    }

    private static String function(FoldedSnapshot snapshot, Site site) {
        FrameIdentity identity = snapshot.frameIdentities().get(site);
        return identity != null ? identity.function() : snapshot.functionAt(site);
    }

    /** {@code %12d %8d  SITE  FUNCTION}, without {@link String#format}'s cost on a million rows. */
    private static String row(long[] sums, String site, String function) {
        StringBuilder row = new StringBuilder(48 + site.length());
        padded(row, sums[0], 12).append(' ');
        padded(row, sums[1], 8).append("  ").append(printable(site)).append("  ")
                .append(function == null ? "-" : printable(function));
        return row.toString();
    }

    private static StringBuilder padded(StringBuilder row, long value, int width) {
        String digits = Long.toString(value);
        row.append(" ".repeat(Math.max(0, width - digits.length())));
        return row.append(digits);
    }

    /**
     * Names from dumps may hold any character: a control character, a line or paragraph separator would break the
     * rows, a bidirectional control would reorder what a reviewer sees. Each is written as its escape, as
     * {@link BidiControls#escape} writes one, and a backslash is doubled.
     */
    private static String printable(String name) {
        if (plain(name)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == '\\') {
                out.append("\\\\");
            } else if (Character.isISOControl(c) || BidiControls.is(c) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                out.append(BidiControls.escape(c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** True when no character of {@code name} is escaped: printable ASCII but the backslash, the usual case. */
    private static boolean plain(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
