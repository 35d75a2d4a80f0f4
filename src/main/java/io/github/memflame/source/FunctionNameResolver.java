package io.github.memflame.source;

import io.github.memflame.files.RelativeName;
import io.github.memflame.fold.FrameIdentity;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the function of a frame from the game's sources: the frame's normalized path is looked up under each
 * source root in order (the first root that has the file wins), the file is scanned once, on first use, and the
 * line is mapped to its enclosing definition's qualified name.
 *
 * <p>It says when it cannot know rather than guess: a file found under no root, a line past the end of the file,
 * a file modified after the dump (it may not be the code that ran), a file that is not valid Python source text.
 * Such frames keep their {@code file:line}; {@link #unresolvedFiles()} says why, per file.
 */
public final class FunctionNameResolver {
    /** Larger files are not Python sources a game runs; reading one would only cost memory. */
    private static final long MAX_SOURCE_BYTES = 64L * 1024 * 1024;
    private static final int UNRESOLVED_FILES_KEPT = 5;

    private final List<Path> sourceRoots;
    private final Map<String, SourceFile> files = new HashMap<>();
    private final Map<String, String> unresolvedFiles = new LinkedHashMap<>();
    private final Set<String> allUnresolvedFiles = new HashSet<>();
    private long resolved;
    private long unresolved;

    public FunctionNameResolver(List<Path> sourceRoots) {
        this.sourceRoots = new ArrayList<>();
        for (Path root : sourceRoots) {
            this.sourceRoots.add(root.toAbsolutePath().normalize());
        }
    }

    /**
     * The qualified name enclosing a line, or {@code null} when it cannot be known; each call counts one frame.
     *
     * @param normalizedPath the frame's path after {@code stripPrefixes}, {@code /}-separated
     * @param line the 1-based line; 0 when the dump did not record it
     * @param dumpModified when the dump was written, {@code null} when unknown; a source modified later is not
     *                     trusted
     */
    public String resolve(String normalizedPath, int line, FileTime dumpModified) {
        SourceFile file = files.computeIfAbsent(normalizedPath, this::load);
        String reason;
        if (file.names == null) {
            reason = file.problem;
        } else if (line < 1) {
            reason = "the dump has no line number";
        } else if (line > file.names.lineCount()) {
            reason = "line " + line + " is past its end (" + file.names.lineCount() + " lines)";
        } else if (dumpModified != null && file.modified.compareTo(dumpModified) > 0) {
            reason = "it was modified after the dump (" + file.modified + " > " + dumpModified + ")";
        } else {
            resolved++;
            return file.names.at(line);
        }
        unresolved++;
        allUnresolvedFiles.add(normalizedPath);
        if (unresolvedFiles.size() < UNRESOLVED_FILES_KEPT) {
            unresolvedFiles.putIfAbsent(normalizedPath, reason);
        }
        return null;
    }

    /**
     * What identifies a frame's line across edits, or {@code null} when it cannot be known (for the reasons
     * {@link #resolve} gives; not counted again): its function, its place in it and its text's fingerprint.
     */
    public FrameIdentity identify(String normalizedPath, int line, FileTime dumpModified) {
        SourceFile file = files.computeIfAbsent(normalizedPath, this::load);
        if (file.names == null || line < 1 || line > file.names.lineCount()
                || dumpModified != null && file.modified.compareTo(dumpModified) > 0) {
            return null;
        }
        return file.lines.identity(file.names, line);
    }

    /**
     * The line of this run's source that a baseline frame's line is now, found by its identity: by its text
     * ({@code byText}) or its place in its function (see {@link SourceLines#lineOf}); {@code null} when the file
     * cannot be read, or the line is not found once.
     */
    public Integer lineNow(String normalizedPath, FrameIdentity identity, boolean byText, FileTime dumpModified) {
        SourceFile file = files.computeIfAbsent(normalizedPath, this::load);
        if (file.names == null || dumpModified != null && file.modified.compareTo(dumpModified) > 0) {
            return null;
        }
        return file.lines.lineOf(file.names, identity, byText);
    }

    /** The frames named and not named so far. */
    public ResolutionSummary summary() {
        return new ResolutionSummary(resolved, unresolved, allUnresolvedFiles.size(), unresolvedFiles);
    }

    private SourceFile load(String normalizedPath) {
        if (normalizedPath.startsWith("<")) {
            return SourceFile.failed("not a source file");
        }
        Path found = find(normalizedPath);
        if (found == null) {
            return SourceFile.failed("not found under any source root");
        }
        try {
            if (Files.size(found) > MAX_SOURCE_BYTES) {
                return SourceFile.failed("larger than " + MAX_SOURCE_BYTES + " bytes: not a source file");
            }
            FileTime modified = Files.getLastModifiedTime(found);
            CharSequence text = PythonSourceDecoder.decode(Files.readAllBytes(found));
            return new SourceFile(QualnameScanner.scan(text), new SourceLines(text), modified, null);
        } catch (SourceScanException e) {
            return SourceFile.failed("not scanned: " + e.getMessage());
        } catch (CharacterCodingException e) {
            return SourceFile.failed(found + " is not valid text in its declared encoding");
        } catch (UnsupportedCharsetException e) {
            return SourceFile.failed(found + " declares an unknown encoding '" + e.getCharsetName() + "'");
        } catch (IOException e) {
            return SourceFile.failed("cannot read " + found + ": " + e);
        }
    }

    /**
     * The file under the first root that has it. The path comes from an untrusted dump: it is checked and resolved by
     * {@link RelativeName}, so one that is absolute, has a drive letter or a {@code ..}, or holds a {@code \}, is not
     * looked up. (Links inside a source root are the team's own and are followed.)
     */
    private Path find(String normalizedPath) {
        RelativeName name;
        try {
            name = RelativeName.of(normalizedPath);
        } catch (IllegalArgumentException refused) {
            return null;
        }
        for (Path root : sourceRoots) {
            Path candidate;
            try {
                candidate = name.under(root);
            } catch (IllegalArgumentException invalid) {
                return null;
            }
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private record SourceFile(EnclosingNames names, SourceLines lines, FileTime modified, String problem) {
        static SourceFile failed(String problem) {
            return new SourceFile(null, null, null, problem);
        }
    }
}
