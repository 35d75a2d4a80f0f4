package io.github.memflame.source;

import io.github.memflame.fold.FrameIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lines of one source file as fingerprints of their text, whitespace normalized (runs of spaces, tabs and
 * form feeds are one space, none at either end), so that re-indenting a line or moving it does not change it.
 * A fingerprint is the first 16 hex digits of the text's SHA-256: the same text always gives the same one.
 */
final class SourceLines {
    private final CharSequence text;
    /** Made on first use: a file is read for its function names far more often than for its lines' identities. */
    private String[] fingerprints;
    /** Per definition (its first line and name), the fingerprints found on more than one of its lines. */
    private Set<String> repeated;
    /** Per definition name and text fingerprint, or name and place in it, the one line there; -1 when several. */
    private Map<String, Integer> lineByKey;

    SourceLines(CharSequence text) {
        this.text = text;
    }

    private String[] fingerprints() {
        if (fingerprints != null) {
            return fingerprints;
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(fingerprint(text.subSequence(start, i)));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(fingerprint(text.subSequence(start, text.length())));
        }
        fingerprints = lines.toArray(String[]::new);
        return fingerprints;
    }

    /**
     * The identity of a line, given the file's definitions: its text's fingerprint only when no other line of its
     * definition has the same text.
     *
     * @param line 1-based, within the file
     */
    FrameIdentity identity(EnclosingNames names, int line) {
        if (repeated == null) {
            repeated = repeatedInDefinition(names);
        }
        String fingerprint = line <= fingerprints().length ? fingerprints()[line - 1] : null;
        String key = definitionKey(names, line) + fingerprint;
        return new FrameIdentity(names.at(line), names.lineInDefinition(line),
                fingerprint == null || repeated.contains(key) ? null : fingerprint);
    }

    /**
     * The line of this file that is the line {@code identity} describes: the one of its function with its text
     * ({@code byText}), or the one at its place in its function; {@code null} when there is none, or several.
     */
    Integer lineOf(EnclosingNames names, FrameIdentity identity, boolean byText) {
        if (lineByKey == null) {
            lineByKey = new HashMap<>();
            int lines = Math.min(fingerprints().length, names.lineCount());
            for (int line = 1; line <= lines; line++) {
                FrameIdentity here = identity(names, line);
                if (here.textFingerprint() != null) {
                    lineByKey.merge("t\u0000" + here.function() + "\u0000" + here.textFingerprint(), line, (a, b) -> -1);
                }
                lineByKey.merge("p\u0000" + here.function() + "\u0000" + here.lineInFunction(), line, (a, b) -> -1);
            }
        }
        Integer line = !byText ? lineByKey.get("p\u0000" + identity.function() + "\u0000" + identity.lineInFunction())
                : identity.textFingerprint() == null ? null
                : lineByKey.get("t\u0000" + identity.function() + "\u0000" + identity.textFingerprint());
        return line == null || line < 0 ? null : line;
    }

    private Set<String> repeatedInDefinition(EnclosingNames names) {
        Map<String, Integer> counts = new HashMap<>();
        int lines = Math.min(fingerprints().length, names.lineCount());
        for (int line = 1; line <= lines; line++) {
            counts.merge(definitionKey(names, line) + fingerprints()[line - 1], 1, Integer::sum);
        }
        Set<String> repeatedKeys = new HashSet<>();
        counts.forEach((key, count) -> {
            if (count > 1) {
                repeatedKeys.add(key);
            }
        });
        return repeatedKeys;
    }

    private static String definitionKey(EnclosingNames names, int line) {
        return names.definitionStart(line) + "\u0000" + names.at(line) + "\u0000";
    }

    /** The fingerprint of one line's text, whitespace normalized. */
    static String fingerprint(CharSequence line) {
        StringBuilder normalized = new StringBuilder(line.length());
        boolean space = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\u000b') {
                space = normalized.length() > 0;
            } else {
                if (space) {
                    normalized.append(' ');
                    space = false;
                }
                normalized.append(c);
            }
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(normalized.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        StringBuilder hex = new StringBuilder(16);
        for (int i = 0; i < 8; i++) {
            hex.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
        }
        return hex.toString();
    }
}
