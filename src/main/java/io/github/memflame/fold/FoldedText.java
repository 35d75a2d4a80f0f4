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
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < view.size(); i++) {
            if (view.bytes(i) == 0) {
                continue;
            }
            line.setLength(0);
            for (int level = 0; level < view.depth(i); level++) {
                if (level > 0) {
                    line.append(';');
                }
                String label = view.label(i, level);
                appendOneLine(withFunctionNames ? Site.withFunction(label, view.function(i, level)) : label, line);
            }
            line.append(' ').append(view.bytes(i)).append('\n');
            out.append(line);
        }
    }

    /**
     * The label with line breaks replaced by U+FFFD: a file name may contain them (a pickle carries any string), and
     * written as they are they would end the stack's line and let the rest of the name forge another stack.
     */
    private static void appendOneLine(String label, StringBuilder line) {
        if (label.indexOf('\n') < 0 && label.indexOf('\r') < 0) {
            line.append(label);
        } else {
            line.append(label.replace('\n', '\uFFFD').replace('\r', '\uFFFD'));
        }
    }
}
