package io.github.memflame.summary;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.FrameIdentity;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.format.BidiControls;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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

    /** The file's text. */
    public static String text(FoldedSnapshot snapshot) {
        StringBuilder text = new StringBuilder("# memflame lines of ").append(printable(snapshot.name()))
                .append(": bytes, traces, allocating line, function; sorted by path and line\n");
        rows(snapshot).values().forEach(row -> text.append(row).append('\n'));
        return text.toString();
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

    /** The rows by site label, in file order. */
    private static Map<String, String> rows(FoldedSnapshot snapshot) {
        Map<Site, long[]> figures = new TreeMap<>(BY_PATH_THEN_LINE);
        long[] unknown = new long[2];
        for (StackTotal stack : snapshot.stacks()) {
            Site site = stack.allocatingSite();
            long[] sums = site == null ? unknown : figures.computeIfAbsent(site, key -> new long[2]);
            sums[0] = Math.addExact(sums[0], stack.bytes());
            sums[1] = Math.addExact(sums[1], stack.traces());
        }
        Map<String, String> rows = new LinkedHashMap<>();
        figures.forEach((site, sums) -> rows.put(site.label(), row(sums, site.label(), function(snapshot, site))));
        if (unknown[1] > 0) {
            rows.put(FlameTree.UNKNOWN, row(unknown, FlameTree.UNKNOWN, null));
        }
        return rows;
    }

    private static String function(FoldedSnapshot snapshot, Site site) {
        FrameIdentity identity = snapshot.frameIdentities().get(site);
        return identity != null ? identity.function() : snapshot.functionAt(site);
    }

    private static String row(long[] sums, String site, String function) {
        return String.format(Locale.ROOT, "%12d %8d  %s  %s", sums[0], sums[1], printable(site),
                function == null ? "-" : printable(function));
    }

    /**
     * Names from dumps may hold any character: a control character, a line or paragraph separator would break the
     * rows, a bidirectional control would reorder what a reviewer sees. Each is written as its escape, as
     * {@link BidiControls#escape} writes one, and a backslash is doubled.
     */
    private static String printable(String name) {
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
}
