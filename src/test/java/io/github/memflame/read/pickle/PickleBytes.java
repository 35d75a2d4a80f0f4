package io.github.memflame.read.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pickles opcode by opcode, for the shapes and the broken dumps no CPython writes. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int memoSize;

    /** PROTO {@code protocol} and the start of a Snapshot up to its empty list of traces (no memo used). */
    static PickleBytes snapshotHead(int protocol) {
        return new PickleBytes().proto(protocol)
                .str("tracemalloc").str("Snapshot").op(0x93).op(')').op(0x81)
                .op('}').op('(')
                .str("traces")
                .str("tracemalloc").str("_Traces").op(0x93).op(')').op(0x81)
                .op('}').str("_traces");
    }

    /** After the list (or tuple) of traces: the rest of the Snapshot and STOP. */
    PickleBytes snapshotTail() {
        return op('s').op('b').str("traceback_limit").int1(4).op('u').op('b').op('.');
    }

    PickleBytes proto(int protocol) {
        return op(0x80).op(protocol);
    }

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleBytes littleEndian(long value, int count) {
        for (int i = 0; i < count; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    PickleBytes str(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < 256) {
            op(0x8c).op(utf8.length);
        } else {
            op('X').littleEndian(utf8.length, 4);
        }
        out.writeBytes(utf8);
        return this;
    }

    PickleBytes int1(int value) {
        return op('K').op(value);
    }

    PickleBytes int4(int value) {
        return op('J').littleEndian(value, 4);
    }

    /** LONG1 with 8 bytes, as pickle writes sizes from 2^31 up to 2^63 - 1. */
    PickleBytes long8(long value) {
        return op(0x8a).op(8).littleEndian(value, 8);
    }

    /** MEMOIZE; returns the memo index used. */
    int memoize() {
        op(0x94);
        return memoSize++;
    }

    PickleBytes get(int index) {
        return index < 256 ? op('h').op(index) : op('j').littleEndian(index, 4);
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
