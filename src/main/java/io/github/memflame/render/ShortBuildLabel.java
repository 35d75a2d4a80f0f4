package io.github.memflame.render;

/**
 * A build label as a table cell or a chart mark shows it: a commit hash (40 characters, the default label on CI) is
 * cut as Git's short hashes are, and the full label stays in the element's tooltip or data attribute.
 */
final class ShortBuildLabel {
    /** Labels up to this long are shown whole: a tag, a build number, a time. */
    private static final int WHOLE = 20;
    /** What a longer label keeps, with an ellipsis: 12 characters name a commit as surely as Git's short hash. */
    private static final int KEPT = 12;

    private ShortBuildLabel() {
    }

    static String of(String label) {
        return label.length() <= WHOLE ? label : label.substring(0, KEPT) + "\u2026";
    }
}
