package io.github.memflame.history;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How a check remembers builds.
 *
 * @param directory the earlier builds' history as CI restored it (it need not exist: the report's history then
 *                  starts with this build), or {@code null} for a check that reads and writes no history
 * @param size how many builds the history keeps, this one included: from 2 to {@value #MAX_SIZE}
 * @param buildLabel this build's label (see {@link BuildLabel}); {@code null} when there is no directory and no
 *                   label was configured, since such a check records no build
 * @param driftReference the label of the build drift is measured from, or {@code null} for the oldest green build
 *                       of the window
 */
public record HistorySettings(Path directory, int size, String buildLabel, String driftReference) {
    /** The default window: a hundred builds, a few hundred KiB. */
    public static final int DEFAULT_SIZE = 100;
    /** The largest window: charts and drift of more builds say no more, and each entry is read on every build. */
    public static final int MAX_SIZE = 10_000;

    /** @throws IllegalArgumentException naming the parameter when a value is out of range */
    public HistorySettings {
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("historySize must be from 2 to " + MAX_SIZE + " (builds, this one "
                    + "included); was " + size);
        }
        buildLabel = directory == null && buildLabel == null ? null : label("buildLabel", buildLabel);
        driftReference = driftReference == null || driftReference.isBlank() ? null
                : label("driftReference", driftReference);
    }

    /**
     * The label trimmed.
     *
     * @param parameter what the label is, as the message names it
     * @throws IllegalArgumentException when it is empty, too long or holds a control character
     */
    static String label(String parameter, String label) {
        String trimmed = label == null ? "" : label.trim();
        if (trimmed.isEmpty() || trimmed.length() > HistoryEntry.MAX_LABEL_LENGTH
                || trimmed.chars().anyMatch(Character::isISOControl)) {
            String shown = trimmed.length() > 80 ? trimmed.substring(0, 80) + "..." : trimmed;
            throw new IllegalArgumentException(parameter + " must be from 1 to " + HistoryEntry.MAX_LABEL_LENGTH
                    + " characters without control characters, e.g. a commit hash or a tag; was '"
                    + visible(shown) + "' (" + trimmed.length() + " characters)");
        }
        return trimmed;
    }

    /** The text with its control characters written as escapes, which a log would not show. */
    private static String visible(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.chars().forEach(c -> shown.append(Character.isISOControl(c)
                ? String.format(Locale.ROOT, "\\u%04x", c) : String.valueOf((char) c)));
        return shown.toString();
    }
}
