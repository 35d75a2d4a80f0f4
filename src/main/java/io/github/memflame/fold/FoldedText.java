package io.github.memflame.fold;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Writes a flame tree as folded stacks ({@code frame;frame;frame bytes}, root first, one line per frame that
 * allocated bytes itself), the input format of Brendan Gregg's {@code flamegraph.pl} and of memflame itself.
 */
public final class FoldedText {
    private FoldedText() {
    }

    /** Writes the frames as they are labelled, {@code path:line}, as {@code flamegraph.pl} users expect. */
    public static void write(FlameTree tree, Writer out) throws IOException {
        write(tree, out, false);
    }

    /**
     * @param withFunctionNames whether a frame whose function is known is written
     *                          {@code path:line Class.method} (see {@link FlameNode#labelWithFunction()})
     */
    public static void write(FlameTree tree, Writer out, boolean withFunctionNames) throws IOException {
        // An explicit stack, not recursion: a hostile dump can nest frames deeper than the JVM's call stack.
        List<String> labels = new ArrayList<>();
        Deque<Visit> pending = new ArrayDeque<>();
        pushChildren(tree.root(), 0, pending);
        while (!pending.isEmpty()) {
            Visit visit = pending.pop();
            FlameNode node = visit.node();
            labels.subList(visit.depth(), labels.size()).clear();
            labels.add(oneLine(withFunctionNames ? node.labelWithFunction() : node.label()));
            if (node.selfBytes() > 0) {
                out.write(String.join(";", labels));
                out.write(' ');
                out.write(Long.toString(node.selfBytes()));
                out.write('\n');
            }
            pushChildren(node, visit.depth() + 1, pending);
        }
    }

    /**
     * The label with line breaks replaced by U+FFFD: a file name may contain them (a pickle carries any string), and
     * written as they are they would end the stack's line and let the rest of the name forge another stack.
     */
    private static String oneLine(String label) {
        return label.indexOf('\n') < 0 && label.indexOf('\r') < 0 ? label
                : label.replace('\n', '\uFFFD').replace('\r', '\uFFFD');
    }

    private static void pushChildren(FlameNode node, int depth, Deque<Visit> pending) {
        List<FlameNode> children = node.children();
        for (int i = children.size() - 1; i >= 0; i--) {
            pending.push(new Visit(children.get(i), depth));
        }
    }

    private record Visit(FlameNode node, int depth) {
    }
}
