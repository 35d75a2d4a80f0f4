package io.github.memflame.fold;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a view as folded stacks ({@code frame;frame;frame bytes}, root first, one line per label sequence that
 * allocated bytes itself, in label order), the input format of Brendan Gregg's {@code flamegraph.pl} and of
 * memflame itself, in UTF-8.
 *
 * <p>Text is made as bytes, not handed to a {@link java.io.Writer}: each distinct path is encoded once, and the
 * millions of labels of a worst-case view are then copies of its bytes. A character UTF-8 cannot encode (a lone
 * surrogate, which a pickle may carry) is written as U+FFFD, as a replacing {@link java.nio.charset.CharsetEncoder}
 * would write it.
 */
public final class FoldedText {
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    /** The longest decimal text of a {@code long}, {@code -9223372036854775808}, and of an {@code int}. */
    private static final int MAX_LONG_DIGITS = 20;

    private FoldedText() {
    }

    /** Writes plain frames, {@code path:line}, as {@code flamegraph.pl} users expect. */
    public static void write(FoldedView view, OutputStream out) throws IOException {
        write(view, out, false);
    }

    /**
     * @param withFunctionNames whether a frame whose function is known is written {@code path:line Class.method}
     *                          rather than as the plain frame {@code flamegraph.pl} users expect
     */
    public static void write(FoldedView view, OutputStream out, boolean withFunctionNames) throws IOException {
        PackedLabels labels = PackedLabels.of(view);
        LineBuffer line = new LineBuffer(out);
        long[] sequenceLabels = new long[64];
        for (int i = 0; i < view.size(); i++) {
            if (view.bytes(i) == 0) {
                continue;
            }
            int depth = view.depth(i);
            if (depth > sequenceLabels.length) {
                sequenceLabels = new long[Math.max(depth, 2 * sequenceLabels.length)];
            }
            // Every label of the sequence is looked up before any is written: among millions of distinct labels
            // each lookup is a cache miss, and lookups that do not wait for each other's writing overlap.
            for (int level = 0; level < depth; level++) {
                sequenceLabels[level] = labels.textAndLine(view.labelId(i, level));
            }
            for (int level = 0; level < depth; level++) {
                if (level > 0) {
                    line.append((byte) ';');
                }
                labels.append(line, sequenceLabels[level]);
                String function = withFunctionNames ? view.function(i, level) : null;
                if (function != null) {
                    line.append((byte) ' ');
                    line.appendOneLine(function);
                }
            }
            line.append((byte) ' ');
            line.appendDecimal(view.bytes(i));
            line.append((byte) '\n');
        }
        line.flush();
    }

    /**
     * The bytes of {@code text} written on one line, in UTF-8: line breaks become U+FFFD (a file name may contain
     * them, a pickle carries any string, and written as they are they would end the stack's line and let the rest
     * of the name forge another stack), and so does a lone surrogate.
     *
     * @return the end of the bytes in {@code into}, which has room for three bytes per char from {@code at}
     */
    private static int encodeOneLine(String text, byte[] into, int at) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80 && c != '\n' && c != '\r') {
                into[at++] = (byte) c;
            } else if (c < 0x800 && c >= 0x80) {
                into[at++] = (byte) (0xC0 | c >> 6);
                into[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                into[at++] = (byte) (0xF0 | codePoint >> 18);
                into[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                into[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                into[at++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (Character.isSurrogate(c) || c == '\n' || c == '\r') {
                System.arraycopy(REPLACEMENT, 0, into, at, REPLACEMENT.length);
                at += REPLACEMENT.length;
            } else {
                into[at++] = (byte) (0xE0 | c >> 12);
                into[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                into[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return at;
    }

    /**
     * {@code value} in decimal, as {@link Long#toString(long)} writes it.
     *
     * @return the end of the digits in {@code into}, which has room for them from {@code at}
     */
    private static int putDecimal(long value, byte[] into, int at) {
        if (value < 0) {
            byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, into, at, text.length);
            return at + text.length;
        }
        int end = at + 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            end++;
        }
        long rest = value;
        for (int digit = end - 1; digit >= at; digit--) {
            into[digit] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }

    /**
     * Every label of a view as the encoded text it starts with and its line: a stack-view label is its site's path
     * and line, so each distinct path is encoded once, however many lines of it the view holds. Memory grows with
     * the distinct paths, plus two ints per label, not with the text of every label: a view of millions of distinct
     * lines stays small.
     */
    private static final class PackedLabels {
        private final byte[][] texts;
        // Per label id, the text's index (high int) and the line (low int; 0 when the label is the text alone): one
        // array, so that a label of a view of millions of distinct lines costs one cache miss, not two.
        private final long[] textAndLineOfLabel;

        private PackedLabels(byte[][] texts, long[] textAndLineOfLabel) {
            this.texts = texts;
            this.textAndLineOfLabel = textAndLineOfLabel;
        }

        static PackedLabels of(FoldedView view) {
            int count = view.labelCount();
            long[] textAndLineOfLabel = new long[count];
            // Sites of one file share its path's String: identity finds it again without hashing its chars.
            Map<String, Integer> textIds = new IdentityHashMap<>();
            List<byte[]> texts = new ArrayList<>();
            for (int label = 0; label < count; label++) {
                String path = view.pathOfLabel(label);
                String text = path == null ? view.labelOfId(label) : path;
                Integer textId = textIds.get(text);
                if (textId == null) {
                    textId = texts.size();
                    textIds.put(text, textId);
                    byte[] encoded = new byte[Math.multiplyExact(3, text.length())];
                    texts.add(Arrays.copyOf(encoded, encodeOneLine(text, encoded, 0)));
                }
                int line = path == null ? 0 : view.lineOfLabel(label);
                textAndLineOfLabel[label] = (long) textId << 32 | line & 0xFFFFFFFFL;
            }
            return new PackedLabels(texts.toArray(new byte[0][]), textAndLineOfLabel);
        }

        /** The label of id {@code label}, packed for {@link #append}. */
        long textAndLine(int label) {
            return textAndLineOfLabel[label];
        }

        /** Writes a label given by {@link #textAndLine}. */
        void append(LineBuffer out, long textAndLine) throws IOException {
            byte[] text = texts[(int) (textAndLine >>> 32)];
            out.append(text, 0, text.length);
            int line = (int) textAndLine;
            if (line != 0) {
                out.append((byte) ':');
                out.appendDecimal(line);
            }
        }
    }

    /** Bytes gathered for the stream, which receives them in blocks of whole lines or more. */
    private static final class LineBuffer {
        private final OutputStream out;
        private final byte[] bytes = new byte[1 << 16];
        private int length;

        LineBuffer(OutputStream out) {
            this.out = out;
        }

        void append(byte b) throws IOException {
            if (length == bytes.length) {
                flush();
            }
            bytes[length++] = b;
        }

        void append(byte[] text, int from, int count) throws IOException {
            if (length + count > bytes.length) {
                flush();
                if (count > bytes.length) {
                    out.write(text, from, count);
                    return;
                }
            }
            System.arraycopy(text, from, bytes, length, count);
            length += count;
        }

        void appendOneLine(String text) throws IOException {
            if (3L * text.length() > bytes.length - length) {
                flush();
                if (3L * text.length() > bytes.length) {
                    byte[] encoded = new byte[Math.multiplyExact(3, text.length())];
                    out.write(encoded, 0, encodeOneLine(text, encoded, 0));
                    return;
                }
            }
            length = encodeOneLine(text, bytes, length);
        }

        void appendDecimal(long value) throws IOException {
            if (bytes.length - length < MAX_LONG_DIGITS) {
                flush();
            }
            length = putDecimal(value, bytes, length);
        }

        void flush() throws IOException {
            out.write(bytes, 0, length);
            length = 0;
        }
    }
}
