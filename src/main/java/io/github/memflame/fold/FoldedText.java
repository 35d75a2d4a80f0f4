package io.github.memflame.fold;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes a flame tree as folded stacks ({@code frame;frame;frame bytes}, root first, one line per frame that
 * allocated bytes itself), the input format of Brendan Gregg's {@code flamegraph.pl} and of memflame itself.
 */
public final class FoldedText {
    private FoldedText() {
    }

    public static void write(FlameTree tree, Writer out) throws IOException {
        Deque<String> labels = new ArrayDeque<>();
        for (FlameNode child : tree.root().children()) {
            write(child, labels, out);
        }
    }

    private static void write(FlameNode node, Deque<String> labels, Writer out) throws IOException {
        labels.addLast(node.label());
        if (node.selfBytes() > 0) {
            out.write(String.join(";", labels));
            out.write(' ');
            out.write(Long.toString(node.selfBytes()));
            out.write('\n');
        }
        for (FlameNode child : node.children()) {
            write(child, labels, out);
        }
        labels.removeLast();
    }
}
