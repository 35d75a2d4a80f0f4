package io.github.memflame.format;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON as Jackson writes it by default, but with each bidirectional formatting character ({@link BidiControls})
 * written as a JSON escape (backslash, {@code u}, four hexadecimal digits) rather than as itself: a reader of the
 * file sees it, a parser still reads the name unchanged.
 */
public final class JsonBidiEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return BidiControls.is(ch) ? new SerializedString(BidiControls.escape(ch)) : null;
    }
}
