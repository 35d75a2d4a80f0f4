package io.github.memflame.run;

import io.github.memflame.fold.PathGlob;

/**
 * A glob picking snapshots of a run: {@code scene-2-town*}. Without a {@code /} it is matched against a snapshot's
 * name within its run (its file name in the directory it was found in); with one, against its whole name relative
 * to the snapshot directory.
 */
final class SnapshotGlob {
    private final String text;
    private final PathGlob glob;

    /**
     * @param element the configuration element, for messages: {@code from}
     * @throws IllegalArgumentException when the glob is blank, or holds a character class or alternatives, which
     *                                  memflame's globs do not have
     */
    SnapshotGlob(String element, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("<" + element + "> is missing; write a glob of snapshot names, e.g. <"
                    + element + ">scene-2-town*</" + element + ">");
        }
        String trimmed = text.trim();
        for (char c : new char[] {'[', ']', '{', '}'}) {
            int at = trimmed.indexOf(c);
            if (at >= 0) {
                throw new IllegalArgumentException("<" + element + ">" + trimmed + "</" + element + "> is no glob "
                        + "memflame knows: '" + c + "' at position " + (at + 1) + " (memflame globs have *, ** and ?, "
                        + "no character classes or alternatives)");
            }
        }
        this.text = trimmed;
        this.glob = new PathGlob(trimmed);
    }

    boolean matches(String snapshotName) {
        return glob.matches(text.contains("/") ? snapshotName : Runs.nameInRun(snapshotName));
    }

    @Override
    public String toString() {
        return text;
    }
}
