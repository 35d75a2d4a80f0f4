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
import java.util.Comparator;
import java.util.IdentityHashMap;
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
    private static final Comparator<Site> BY_PATH_THEN_LINE =
            Comparator.comparing(Site::path).thenComparingInt(Site::line);

    private LinesFile() {
    }

    /**
     * Writes the file, one row at a time: a dump of a million distinct allocating lines makes a file of a hundred
     * megabytes, which is never held whole.
     */
    public static void write(FoldedSnapshot snapshot, Writer out) throws IOException {
        out.write("# memflame lines of " + printable(snapshot.name())
                + ": bytes, traces, allocating line, function; sorted by path and line\n");
        // Each distinct allocating site once, with its bytes and traces; then sorted, equal path:line merged.
        Map<Site, long[]> bySite = new IdentityHashMap<>();
        long[] unknown = new long[2];
        for (StackTotal stack : snapshot.stacks()) {
            Site site = stack.allocatingSite();
            long[] sums = site == null ? unknown : bySite.computeIfAbsent(site, key -> new long[2]);
            sums[0] = Math.addExact(sums[0], stack.bytes());
            sums[1] = Math.addExact(sums[1], stack.traces());
        }
        Site[] sites = bySite.keySet().toArray(new Site[0]);
        Arrays.sort(sites, BY_PATH_THEN_LINE);
        for (int i = 0; i < sites.length; ) {
            long[] sums = bySite.get(sites[i]).clone();
            int next = i + 1;
            for (; next < sites.length && BY_PATH_THEN_LINE.compare(sites[i], sites[next]) == 0; next++) {
                long[] same = bySite.get(sites[next]);
                sums[0] = Math.addExact(sums[0], same[0]);
                sums[1] = Math.addExact(sums[1], same[1]);
            }
            out.write(row(sums, sites[i].label(), function(snapshot, sites[i])));
            out.write('\n');
            i = next;
        }
        if (unknown[1] > 0) {
            out.write(row(unknown, FlameTree.UNKNOWN, null));
            out.write('\n');
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
