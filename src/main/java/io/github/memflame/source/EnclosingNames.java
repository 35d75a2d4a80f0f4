package io.github.memflame.source;

/**
 * The qualified name of the definition enclosing each line of one Python file, as Python's {@code __qualname__}
 * spells it ({@code BattleController.spawn_wave}, {@code make_panel.<locals>.on_click}), or {@value #MODULE}.
 */
public final class EnclosingNames {
    /** The name of module-level code, as tracebacks and {@code co_qualname} spell it. */
    public static final String MODULE = "<module>";

    private final String[] names;
    private final int[] nameIndexByLine;

    /**
     * @param names the distinct names; index 0 is {@value #MODULE}
     * @param nameIndexByLine for line {@code n}, at index {@code n - 1}, the index of its name in {@code names}
     */
    EnclosingNames(String[] names, int[] nameIndexByLine) {
        if (names.length == 0 || !MODULE.equals(names[0])) {
            throw new IllegalArgumentException("names[0] must be " + MODULE);
        }
        for (int index : nameIndexByLine) {
            if (index < 0 || index >= names.length) {
                throw new IllegalArgumentException("name index " + index + " out of 0.." + (names.length - 1));
            }
        }
        this.names = names.clone();
        this.nameIndexByLine = nameIndexByLine.clone();
    }

    /** The number of lines of the file, as Python counts them ({@code \r\n}, {@code \r} and {@code \n} end one). */
    public int lineCount() {
        return nameIndexByLine.length;
    }

    /**
     * The name enclosing a line.
     *
     * @param line 1-based
     * @throws IndexOutOfBoundsException when the file has no such line
     */
    public String at(int line) {
        if (line < 1 || line > nameIndexByLine.length) {
            throw new IndexOutOfBoundsException("line " + line + " of a file of " + nameIndexByLine.length + " lines");
        }
        return names[nameIndexByLine[line - 1]];
    }
}
