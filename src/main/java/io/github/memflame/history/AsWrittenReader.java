package io.github.memflame.history;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an entry whose bytes are exactly what {@link HistoryJson#text} writes (compact, keys in its order,
 * printable ASCII without escapes, numbers as {@link Long#toString} writes them, a newline at the end), straight
 * from the bytes: the files of a history are nearly always that, and a full window is read on every build.
 * Anything else, including every flaw the strict reader names, makes it answer {@code null}, and the caller reads
 * the bytes strictly; so it accepts a subset of what the strict reader does, and reads it to the same entry.
 *
 * <p>A name repeated in the entry (a status, a directory in each snapshot) is made once: an entry of 1,500 figures
 * holds some 90 distinct names, and a later lookup compares names whose hash codes are already known. It reads the
 * current format only; an entry of format 1 is read strictly, and written anew in the current format.
 */
final class AsWrittenReader {
    /** The strict reader refuses a longer key (Jackson's bound on names); so must this one. */
    private static final int MAX_KEY_LENGTH = StreamReadConstraints.defaults().getMaxNameLength();
    private final byte[] bytes;
    private int at;
    private final Names names = new Names();

    private AsWrittenReader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The entry, or {@code null} when the bytes are not exactly as written (read them strictly then). */
    static HistoryEntry read(byte[] bytes) {
        try {
            return new AsWrittenReader(bytes).entry();
        } catch (NotAsWritten | IllegalArgumentException e) {
            return null;
        }
    }

    /** Not as {@link HistoryJson#text} writes it: a control flow signal only, without a stack trace. */
    private static final class NotAsWritten extends Exception {
        private static final long serialVersionUID = 1L;
        static final NotAsWritten INSTANCE = new NotAsWritten();

        private NotAsWritten() {
            super(null, null, false, false);
        }
    }

    private HistoryEntry entry() throws NotAsWritten {
        expect("{\"historyFormat\":");
        if (whole() != HistoryFormat.FORMAT) {
            throw NotAsWritten.INSTANCE;
        }
        expect(",\"build\":");
        String build = string();
        expect(",\"time\":");
        String timeText = string();
        expect(",\"result\":");
        String result = string();
        boolean passed = result.equals("passed");
        if (!passed && !result.equals("failed")) {
            throw NotAsWritten.INSTANCE;
        }
        expect(",\"snapshots\":[");
        List<HistoryEntry.SnapshotFigures> snapshots = listRest(this::snapshot);
        expect(",\"budgets\":[");
        List<HistoryEntry.BudgetFigures> budgets = listRest(this::budget);
        expect("}\n");
        if (at != bytes.length) {
            throw NotAsWritten.INSTANCE;
        }
        return new HistoryEntry(build, time(timeText), passed, snapshots, budgets);
    }

    private static Instant time(String text) throws NotAsWritten {
        try {
            Instant time = Instant.parse(text);
            if (time.toString().equals(text)) {
                return time;
            }
        } catch (DateTimeParseException e) {
            // The strict reader words it.
        }
        throw NotAsWritten.INSTANCE;
    }

    private HistoryEntry.SnapshotFigures snapshot() throws NotAsWritten {
        expect("{\"name\":");
        String name = string();
        expect(",\"totalBytes\":");
        long totalBytes = whole();
        expect(",\"traces\":");
        long traces = whole();
        expect(",\"directories\":{");
        Map<String, Long> directories = new LinkedHashMap<>();
        if (!next('}')) {
            do {
                String directory = string();
                if (directory.length() > MAX_KEY_LENGTH) {
                    throw NotAsWritten.INSTANCE;
                }
                expect(":");
                if (directories.put(directory, whole()) != null) {
                    throw NotAsWritten.INSTANCE;
                }
            } while (next(','));
            expect("}");
        }
        expect("}");
        return new HistoryEntry.SnapshotFigures(name, totalBytes, traces, directories);
    }

    private HistoryEntry.BudgetFigures budget() throws NotAsWritten {
        expect("{\"path\":");
        String path = string();
        expect(",\"scope\":");
        String scope = string();
        expect(",\"figures\":[");
        List<HistoryEntry.Figure> figures = listRest(this::figure);
        expect("}");
        return new HistoryEntry.BudgetFigures(path, scope, figures);
    }

    private HistoryEntry.Figure figure() throws NotAsWritten {
        expect("[");
        long snapshot = whole();
        expect(",");
        long figure = whole();
        expect(",");
        String status = string();
        expect("]");
        if (snapshot > Integer.MAX_VALUE) {
            throw NotAsWritten.INSTANCE;
        }
        return new HistoryEntry.Figure((int) snapshot, figure, status);
    }

    /** What reads one element of a list. */
    private interface Element<T> {
        T read() throws NotAsWritten;
    }

    /** A list's elements after its {@code [}, separated by commas, and its {@code ]}. */
    private <T> List<T> listRest(Element<T> element) throws NotAsWritten {
        List<T> elements = new ArrayList<>();
        if (!next(']')) {
            do {
                elements.add(element.read());
            } while (next(','));
            expect("]");
        }
        return elements;
    }

    /** Steps over {@code text}, which is ASCII. */
    private void expect(String text) throws NotAsWritten {
        int length = text.length();
        if (bytes.length - at < length) {
            throw NotAsWritten.INSTANCE;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[at + i] != text.charAt(i)) {
                throw NotAsWritten.INSTANCE;
            }
        }
        at += length;
    }

    /** Steps over {@code c} when it comes next. */
    private boolean next(char c) {
        if (at < bytes.length && bytes[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    /** A string of printable ASCII without a backslash, which the writer writes as it is. */
    private String string() throws NotAsWritten {
        if (!next('"')) {
            throw NotAsWritten.INSTANCE;
        }
        int start = at;
        int hash = 0;
        while (at < bytes.length) {
            byte b = bytes[at];
            if (b == '"') {
                String name = names.of(bytes, start, at, hash);
                at++;
                return name;
            }
            if (b < 0x20 || b > 0x7e || b == '\\') {
                throw NotAsWritten.INSTANCE;
            }
            hash = 31 * hash + b;
            at++;
        }
        throw NotAsWritten.INSTANCE;
    }

    /** A whole number from 0 up, as {@link Long#toString} writes it: no sign, no leading zero, no overflow. */
    private long whole() throws NotAsWritten {
        int start = at;
        long value = 0;
        while (at < bytes.length && bytes[at] >= '0' && bytes[at] <= '9') {
            int digit = bytes[at] - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw NotAsWritten.INSTANCE;
            }
            value = value * 10 + digit;
            at++;
        }
        if (at == start || (bytes[start] == '0' && at - start > 1)) {
            throw NotAsWritten.INSTANCE;
        }
        return value;
    }

    /** The strings of one entry, each made once: open addressing over the hashes the scan computes. */
    private static final class Names {
        private String[] table = new String[256];
        private int size;

        String of(byte[] bytes, int start, int end, int hash) {
            int mask = table.length - 1;
            int slot = mix(hash) & mask;
            for (String name = table[slot]; name != null; name = table[slot]) {
                if (matches(name, bytes, start, end)) {
                    return name;
                }
                slot = (slot + 1) & mask;
            }
            // Latin-1 and ASCII agree on the bytes the scan let through.
            String name = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
            table[slot] = name;
            if (++size * 2 > table.length) {
                grow();
            }
            return name;
        }

        private static boolean matches(String name, byte[] bytes, int start, int end) {
            if (name.length() != end - start) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) != bytes[start + i]) {
                    return false;
                }
            }
            return true;
        }

        private void grow() {
            String[] old = table;
            table = new String[old.length * 2];
            int mask = table.length - 1;
            for (String name : old) {
                if (name != null) {
                    int slot = mix(name.hashCode()) & mask;
                    while (table[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = name;
                }
            }
        }

        private static int mix(int hash) {
            return hash ^ (hash >>> 16);
        }
    }
}
