package io.github.memflame.fold;

import java.util.Objects;

/**
 * What a frame's line is besides its number, read from the sources: it lets a frame be found again after an edit
 * moved its line (see {@link FrameMatcher}).
 *
 * @param function the qualified name of the definition enclosing the line ({@code <module>} for module code)
 * @param lineInFunction where the line is within that definition: 0 for its first line (its first decorator or its
 *                       {@code def}); for module code, the line number
 * @param textFingerprint a fingerprint of the line's text with whitespace normalized, or {@code null} when that
 *                        text is not the only one of its kind in the definition (it would not say which line it is)
 */
public record FrameIdentity(String function, int lineInFunction, String textFingerprint) {

    public FrameIdentity {
        Objects.requireNonNull(function, "function");
        if (function.isEmpty()) {
            throw new IllegalArgumentException("a frame's function must have a name");
        }
        if (lineInFunction < 0) {
            throw new IllegalArgumentException("lineInFunction must be 0 or more, was " + lineInFunction);
        }
        if (textFingerprint != null && !textFingerprint.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("a text fingerprint is 16 lowercase hex digits, was '"
                    + textFingerprint + "'");
        }
    }
}
