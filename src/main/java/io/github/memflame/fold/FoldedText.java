package io.github.memflame.fold;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes a view as folded stacks ({@code frame;frame;frame bytes}, root first, one line per label sequence that
 * allocated bytes itself, in label order), the input format of Brendan Gregg's {@code flamegraph.pl} and of
 * memflame itself.
 */
public final class FoldedText {
    private FoldedText() {
    }

    /** Writes plain frames, {@code path:line}, as {@code flamegraph.pl} users expect. */
    public static void write(FoldedView view, Writer out) throws IOException {
        write(view, out, false);
    }

    /**
     * @param withFunctionNames whether a frame whose function is known is written {@code path:line Class.method}
     *                          rather than as the plain frame {@code flamegraph.pl} users expect
     */
    public static void write(FoldedView view, Writer out, boolean withFunctionNames) throws IOException {
        // Every distinct label is made one line once and packed with the others into one array; each of the
        // millions of labels of a worst-case view is then one copy from it into the block handed to the writer.
        int[] start = new int[view.labelCount() + 1];
        char[] labels = packLabels(view, start);
        LineBuffer line = new LineBuffer(out);
        for (int i = 0; i < view.size(); i++) {
            if (view.bytes(i) == 0) {
                continue;
            }
            for (int level = 0; level < view.depth(i); level++) {
                if (level > 0) {
                    line.append(';');
                }
                int rank = view.labelRank(i, level);
                line.append(labels, start[rank], start[rank + 1] - start[rank]);
                String function = withFunctionNames ? view.function(i, level) : null;
                if (function != null) {
                    line.append(' ');
                    line.append(oneLine(function));
                }
            }
            line.append(' ');
            line.append(Long.toString(view.bytes(i)));
            line.append('\n');
        }
        line.flush();
    }

    /** Every label of the view made one line, one after the other in rank order; label r starts at {@code start[r]}. */
    private static char[] packLabels(FoldedView view, int[] start) {
        for (int rank = 0; rank < view.labelCount(); rank++) {
            start[rank + 1] = Math.addExact(start[rank], view.labelOfRank(rank).length());
        }
        char[] labels = new char[start[view.labelCount()]];
        for (int rank = 0; rank < view.labelCount(); rank++) {
            oneLine(view.labelOfRank(rank)).getChars(0, start[rank + 1] - start[rank], labels, start[rank]);
        }
        return labels;
    }

    /**
     * The label with line breaks replaced by U+FFFD: a file name may contain them (a pickle carries any string), and
     * written as they are they would end the stack's line and let the rest of the name forge another stack.
     */
    private static String oneLine(String label) {
        if (label.indexOf('\n') < 0 && label.indexOf('\r') < 0) {
            return label;
        }
        return label.replace('\n', '\uFFFD').replace('\r', '\uFFFD');
    }

    /** Chars gathered for the writer, which receives them in blocks. */
    private static final class LineBuffer {
        private final Writer out;
        private char[] chars = new char[1 << 15];
        private int length;

        LineBuffer(Writer out) {
            this.out = out;
        }

        void append(char c) throws IOException {
            if (length == chars.length) {
                flush();
            }
            chars[length++] = c;
        }

        void append(String text) throws IOException {
            append(text.toCharArray(), 0, text.length());
        }

        void append(char[] text, int from, int count) throws IOException {
            if (length + count > chars.length) {
                flush();
                if (count > chars.length) {
                    out.write(text, from, count);
                    return;
                }
            }
            System.arraycopy(text, from, chars, length, count);
            length += count;
        }

        void flush() throws IOException {
            out.write(chars, 0, length);
            length = 0;
        }
    }
}
