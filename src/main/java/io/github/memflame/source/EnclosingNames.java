package io.github.memflame.source;

import java.util.Arrays;

/**
 * The qualified name of the definition enclosing each line of one Python file, as Python's {@code __qualname__}
 * spells it ({@code BattleController.spawn_wave}, {@code make_panel.<locals>.on_click}), or {@value #MODULE}.
 * Kept as runs of lines with one name, so that its size follows the file's definitions, not its lines.
 */
public final class EnclosingNames {
    /** The name of module-level code, as tracebacks and {@code co_qualname} spell it. */
    public static final String MODULE = "<module>";

    private final String[] names;
    private final int[] runStarts;
    private final int[] runNames;
    private final int[] runDefinitionStarts;
    private final int lineCount;

    /**
     * @param names the distinct names; index 0 is {@value #MODULE}
     * @param runStarts the first line of each run of lines with one name, ascending from line 1 (empty when the
     *                  file has no line); a run lasts until the next one starts or the file ends
     * @param runNames for each run, the index of its name in {@code names}
     * @param runDefinitionStarts for each run, the first line of the definition its lines belong to (its first
     *                            decorator, or its {@code def}); 0 for module code
     * @param lineCount the number of lines of the file
     */
    EnclosingNames(String[] names, int[] runStarts, int[] runNames, int[] runDefinitionStarts, int lineCount) {
        if (names.length == 0 || !MODULE.equals(names[0])) {
            throw new IllegalArgumentException("names[0] must be " + MODULE);
        }
        if (runStarts.length != runNames.length || runStarts.length != runDefinitionStarts.length || lineCount < 0 || (lineCount == 0) != (runStarts.length == 0)
                || runStarts.length > 0 && runStarts[0] != 1) {
            throw new IllegalArgumentException(runStarts.length + " runs, " + runNames.length + " names of runs, "
                    + lineCount + " lines: runs must cover the lines from line 1");
        }
        for (int run = 0; run < runStarts.length; run++) {
            if (run > 0 && runStarts[run] <= runStarts[run - 1] || runStarts[run] > lineCount) {
                throw new IllegalArgumentException("run " + run + " starts at line " + runStarts[run]
                        + ", out of order or past line " + lineCount);
            }
            if (runDefinitionStarts[run] < 0 || runDefinitionStarts[run] > runStarts[run]) {
                throw new IllegalArgumentException("run " + run + " starts at line " + runStarts[run]
                        + ", its definition at line " + runDefinitionStarts[run]);
            }
            if (runNames[run] < 0 || runNames[run] >= names.length) {
                throw new IllegalArgumentException("name index " + runNames[run] + " out of 0.." + (names.length - 1));
            }
        }
        this.names = names.clone();
        this.runStarts = runStarts.clone();
        this.runNames = runNames.clone();
        this.runDefinitionStarts = runDefinitionStarts.clone();
        this.lineCount = lineCount;
    }

    /** The number of lines of the file, as Python counts them ({@code \r\n}, {@code \r} and {@code \n} end one). */
    public int lineCount() {
        return lineCount;
    }

    /**
     * The name enclosing a line.
     *
     * @param line 1-based
     * @throws IndexOutOfBoundsException when the file has no such line
     */
    public String at(int line) {
        return names[runNames[run(line)]];
    }

    /**
     * Where a line is within the definition enclosing it: 0 for its first line (its first decorator, or its
     * {@code def}), and so on; for module code, the line itself. It stays when the definition moves as a whole.
     *
     * @param line 1-based
     * @throws IndexOutOfBoundsException when the file has no such line
     */
    public int lineInDefinition(int line) {
        return line - runDefinitionStarts[run(line)];
    }

    /** The first line of the definition enclosing a line, 0 for module code. */
    int definitionStart(int line) {
        return runDefinitionStarts[run(line)];
    }

    private int run(int line) {
        if (line < 1 || line > lineCount) {
            throw new IndexOutOfBoundsException("line " + line + " of a file of " + lineCount + " lines");
        }
        int found = Arrays.binarySearch(runStarts, line);
        return found >= 0 ? found : -found - 2;
    }
}
