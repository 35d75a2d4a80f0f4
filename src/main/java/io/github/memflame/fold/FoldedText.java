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

    public static void write(FoldedView view, Writer out) throws IOException {
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
                appendOneLine(view.label(i, level), line);
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
