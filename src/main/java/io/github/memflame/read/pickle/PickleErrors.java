package io.github.memflame.read.pickle;

import static io.github.memflame.read.pickle.PickleValues.*;

import io.github.memflame.read.DumpFormatException;
import java.math.BigInteger;
import java.nio.charset.Charset;

/**
 * The text of every refusal: the file, the byte, what was expected there and what was found, with the values of
 * the stack named as Python would name their types. Also where the opcode being read started and which one it is,
 * since most refusals name them.
 */
final class PickleErrors {
    static final String TOTAL_OVERFLOW = "total above " + Long.MAX_VALUE + " bytes";
    static final String PERSISTENT_ID = "no persistent id (Snapshot.load and pickle.load define no "
            + "persistent_load)";
    static final String CREATION = "tracemalloc objects created by NEWOBJ or copy_reg._reconstructor";

    private final String source;
    /** The opcode being read; set by the opcode loop. */
    int opcode;
    /** The offset of the first byte of the opcode being read; set by the opcode loop. */
    long opcodeStart;

    PickleErrors(String source) {
        this.source = source;
    }

    DumpFormatException at(long offset, String expected, String found) {
        return new DumpFormatException(source, "byte " + offset, expected, found);
    }

    /** A refusal at the start of the opcode being read. */
    DumpFormatException atOpcode(String expected, String found) {
        return at(opcodeStart, expected, found);
    }

    /** The name of the opcode being read, e.g. {@code APPENDS}. */
    String opcodeName() {
        return PickleOpcodes.name(opcode);
    }

    DumpFormatException badTuple(PickleStack stack, int from) {
        return atOpcode("a frame (filename, lineno), a traceback (a tuple of frames), a raw trace "
                + "(size, traceback), (domain, size, traceback), (size, traceback, tag) or "
                + "(domain, size, traceback, total_nframe), or a tuple of raw traces", tupleOf(stack, from));
    }

    DumpFormatException notAFileName(UndecodableBytes bytes, Charset fileNameEncoding) {
        return at(bytes.offset(), "a byte string in " + fileNameEncoding.name() + " (the file name encoding)",
                "bytes that are not " + fileNameEncoding.name() + ": " + hex(bytes.bytes()));
    }

    static String tupleOf(PickleStack stack, int from) {
        StringBuilder found = new StringBuilder("a tuple of (");
        for (int i = from; i < stack.size && i < from + 6; i++) {
            found.append(i == from ? "" : ", ").append(i == from + 5 ? "..." : typeName(stack.objects[i]));
        }
        return found.append(")").toString();
    }

    static String describeItem(PickleStack stack, int index) {
        Object value = stack.objects[index];
        if (value == INT_VALUE) {
            return "the int " + stack.numbers[index];
        }
        if (value instanceof BigInteger big) {
            return "the int " + big;
        }
        return typeName(value);
    }

    static String describeState(Object state) {
        if (!(state instanceof StateDict dict)) {
            return typeName(state);
        }
        String found = dict.keys();
        if (dict.traces != null) {
            found += ", 'traces' a " + typeName(dict.traces);
        }
        if (dict.tracebackLimit != null) {
            found += ", 'traceback_limit' a " + typeName(dict.tracebackLimit);
        }
        if (dict.rawTraces != null) {
            found += ", '_traces' a " + typeName(dict.rawTraces);
        }
        return found;
    }

    static String typeName(Object value) {
        if (value instanceof String text) {
            return "str " + quote(text);
        }
        if (value instanceof Marker marker) {
            return marker.description();
        }
        if (value instanceof BigInteger || value instanceof Long) {
            return "int";
        }
        if (value instanceof RawTrace) {
            return "raw trace";
        }
        if (value instanceof ReconstructorArguments) {
            return "tuple (class, object, None)";
        }
        if (value instanceof UndecodableBytes) {
            return "str (bytes)";
        }
        if (value instanceof TraceList) {
            return "list";
        }
        if (value instanceof TraceTuple) {
            return "tuple";
        }
        if (value instanceof StateDict) {
            return "dict";
        }
        if (value instanceof Instance instance) {
            return instance.className() + " object";
        }
        return "nothing";
    }

    static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "'" + printable(shown) + "'";
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length && i < 32; i++) {
            out.append(String.format("%02X ", bytes[i] & 0xff));
        }
        return out.append(bytes.length > 32 ? "..." : "").toString().trim();
    }
}
