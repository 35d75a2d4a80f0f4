package io.github.memflame;

import io.github.memflame.check.Defaults;
import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that read tracemalloc dumps ({@code check}, {@code report}, {@code view}): how a dump's file names are
 * decoded, shortened and named after their functions.
 */
public abstract class DumpReadingMojo extends ReadingMojo {
    /**
     * The encoding of byte-string file names in Python 2.7 dumps; a studio building on Chinese Windows sets
     * {@code GBK}. Python 3 dumps always store UTF-8.
     * <pre>{@code <fileNameEncoding>GBK</fileNameEncoding>}</pre>
     */
    @Parameter(property = "memflame.fileNameEncoding", defaultValue = Defaults.FILE_NAME_ENCODING)
    private String fileNameEncoding;

    /**
     * Install roots removed from the start of recorded file names, tried in order, first match wins. A prefix
     * matches whole path components; {@code \} and {@code /} are the same, and Windows paths compare
     * case-insensitively.
     * <pre>{@code
     * <stripPrefixes>
     *   <stripPrefix>I:/G1/trunk/code/Script/Python/</stripPrefix>
     *   <stripPrefix>/home/build/game/</stripPrefix>
     * </stripPrefixes>
     * }</pre>
     */
    @Parameter(property = "memflame.stripPrefixes")
    private List<String> stripPrefixes;

    /**
     * Directories holding the game's Python sources, to name the function of every frame
     * ({@code battle_controller.py:37 BattleController.spawn_wave}) in graphs, tables, the CI log and
     * {@code memflame.json}. A frame's path (after {@code stripPrefixes}) is looked up under each root in order;
     * the first that has the file wins. Only files that appear in the dumps are read, each once. A frame keeps
     * its {@code file:line} when its file is under no root, the line is past the end of the file, or the file was
     * modified after the dump; the log says how many frames were named and which files were not found. Budgets
     * keep matching paths, never names. Relative directories are resolved against the project's base directory
     * ({@code view} without a POM: the current directory).
     * <pre>
     * &lt;sourceRoots&gt;
     *   &lt;sourceRoot&gt;${project.basedir}/src/main/python&lt;/sourceRoot&gt;
     * &lt;/sourceRoots&gt;
     * </pre>
     */
    @Parameter(property = "memflame.sourceRoots")
    private List<File> sourceRoots;

    /** The {@code stripPrefixes} parameter: trimmed, blank ones left out. */
    protected final List<String> stripPrefixList() {
        return orEmpty(stripPrefixes);
    }

    /** The {@code sourceRoots} parameter as paths (Maven has resolved relative ones). */
    protected final List<Path> sourceRootPaths() {
        return sourceRoots == null ? List.of() : sourceRoots.stream().map(File::toPath).toList();
    }

    /** The {@code fileNameEncoding} parameter as a charset; an unknown one fails naming the parameter. */
    protected final Charset fileNameCharset() throws MojoFailureException {
        try {
            return Charset.forName(fileNameEncoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MojoFailureException("memflame: fileNameEncoding '" + fileNameEncoding
                    + "' is not an encoding this Java knows; e.g. UTF-8, GBK, Shift_JIS, windows-1252");
        }
    }

    /** The values of a list parameter, trimmed, blank ones left out; none when it is not set. */
    protected static List<String> orEmpty(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                kept.add(value.trim());
            }
        }
        return kept;
    }
}
