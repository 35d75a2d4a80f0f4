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
        // Labels are copied into one char buffer and handed over in large blocks: a worst-case view writes
        // millions of lines of twenty labels, and a StringBuilder turns to two bytes per char (and copies every
        // later label char by char) as soon as one label is not Latin-1.
        LineBuffer line = new LineBuffer(out);
        for (int i = 0; i < view.size(); i++) {
            if (view.bytes(i) == 0) {
                continue;
            }
            for (int level = 0; level < view.depth(i); level++) {
                if (level > 0) {
                    line.append(';');
                }
                String label = view.label(i, level);
                line.append(oneLine(withFunctionNames ? Site.withFunction(label, view.function(i, level)) : label));
            }
            line.append(' ');
            line.append(Long.toString(view.bytes(i)));
            line.append('\n');
        }
        line.flush();
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
            if (length + text.length() > chars.length) {
                flush();
                if (text.length() > chars.length) {
                    out.write(text);
                    return;
                }
            }
            text.getChars(0, text.length(), chars, length);
            length += text.length();
        }

        void flush() throws IOException {
            out.write(chars, 0, length);
            length = 0;
        }
    }
}
