package io.github.memflame.check;

import io.github.memflame.files.FileErrors;
import io.github.memflame.files.RelativeName;
import io.github.memflame.fold.PathGlob;
import io.github.memflame.summary.ReportFiles;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Finds the dumps a test run left in the snapshot directory, and accounts for everything else in it: files the
 * includes do not match or the excludes leave out, and entries that cannot be dumps (FIFOs, devices, directories
 * named like dumps, dangling links, links leading out of the directory), each named.
 *
 * <p>Each dump keeps the path it was found at: it is read from there, never from its name resolved again. Its name
 * (its path relative to the directory, {@code /}-separated) must be one {@link RelativeName} accepts, the same on
 * every operating system: a file whose name holds a {@code \} (a plain character on Linux, a separator on Windows)
 * is not read but refused, naming it.
 */
public final class SnapshotFiles {
    /** How many names a line about many files names. */
    static final int NAMED = 5;

    private SnapshotFiles() {
    }

    /**
     * A dump to read.
     *
     * @param name its path relative to the snapshot directory, {@code /}-separated: the snapshot's name
     * @param file where it was found, to read it from
     * @param includedBy the include pattern that picked it
     */
    public record Dump(String name, Path file, String includedBy) {
    }

    /**
     * A file the includes picked, or a directory that may hold some, that cannot be read for what it is or is
     * named: it counts as an unreadable dump.
     *
     * @param name its path relative to the snapshot directory
     * @param error why, naming it
     */
    public record Refused(String name, String error) {
    }

    /**
     * What the snapshot directory holds.
     *
     * @param directory the snapshot directory as configured
     * @param state {@code null} when it is a directory, else why there is nothing in it (it does not exist, ...)
     * @param dumps the dumps to read, by name
     * @param refused files picked by the includes that cannot be read for what they are or are named
     * @param notIncluded regular files no include matches
     * @param excluded regular files an include matches and an exclude leaves out
     * @param ownReports memflame's own report directories inside the snapshot directory, not read
     * @param warnings one line per entry that cannot be a dump (FIFO, device, directory named like a dump, link)
     */
    public record Listing(Path directory, String state, List<Dump> dumps, List<Refused> refused,
                          List<String> notIncluded, List<String> excluded, List<String> ownReports,
                          List<String> warnings) {

        /**
         * The dumps given one by one ({@code view}), each under its snapshot name, in the order given: nothing else
         * is listed.
         */
        public static Listing given(Map<String, Path> dumps) {
            List<Dump> given = new ArrayList<>(dumps.size());
            // Absolute, as the dumps found in a directory are: the messages name them the same way.
            dumps.forEach((name, file) -> given.add(new Dump(name, file.toAbsolutePath().normalize(),
                    "given on the command line")));
            return new Listing(null, null, given, List.of(), List.of(), List.of(), List.of(), List.of());
        }

        /** The dumps' names, in reading order. */
        public List<String> names() {
            return dumps.stream().map(Dump::name).toList();
        }

        /**
         * One line naming what is in the directory and not read (count and the first few names), or {@code null}
         * when everything there is read.
         */
        public String notReadLine() {
            List<String> parts = new ArrayList<>();
            if (!notIncluded.isEmpty()) {
                parts.add(notIncluded.size() + (notIncluded.size() == 1 ? " matches" : " match") + " no include ("
                        + firstFew(notIncluded) + ")");
            }
            if (!excluded.isEmpty()) {
                parts.add(excluded.size() + (excluded.size() == 1 ? " is" : " are") + " excluded ("
                        + firstFew(excluded) + ")");
            }
            if (!ownReports.isEmpty()) {
                parts.add(ownReports.size() + (ownReports.size() == 1 ? " is a report directory" : " are report "
                        + "directories") + " memflame wrote (" + firstFew(ownReports) + ")");
            }
            if (parts.isEmpty()) {
                return null;
            }
            int count = notIncluded.size() + excluded.size() + ownReports.size();
            return "memflame: " + count + (count == 1 ? " entry" : " entries") + " in " + directory
                    + (count == 1 ? " is" : " are") + " not read: " + String.join("; ", parts);
        }

        /** What the directory holds, for the message that no dump was found in it. */
        public String contents() {
            if (state != null) {
                return state;
            }
            List<String> there = new ArrayList<>(notIncluded);
            there.addAll(excluded);
            there.addAll(ownReports);
            there.sort(null);
            if (there.isEmpty()) {
                return warnings.isEmpty() ? "it holds no file" : "it holds no regular file (see the warnings above)";
            }
            return "it holds " + there.size() + (there.size() == 1 ? " file" : " files") + ", none of them read: "
                    + firstFew(there);
        }
    }

    /**
     * Lists the snapshot directory: the regular files that match an include and no exclude, sorted by name so that
     * every run reads them in the same order, and everything else it holds. A missing directory has none.
     *
     * @throws CheckFailure when the directory is the root of a file system (memflame would walk every file of the
     *                      machine)
     * @throws IOException when the directory cannot be looked into, naming it and why
     */
    public static Listing list(Path directory, List<String> includes, List<String> excludes)
            throws CheckFailure, IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new CheckFailure("snapshotDirectory is " + directory + ", the root of a file system: memflame would "
                    + "read every file of the machine. Set snapshotDirectory to the directory your test run writes its "
                    + "tracemalloc dumps to, e.g. ${project.build.directory}/memory-snapshots.");
        }
        if (!Files.exists(directory)) {
            return empty(directory, "the directory does not exist");
        }
        if (!Files.isDirectory(directory)) {
            return empty(directory, "it is not a directory");
        }
        Path root;
        try {
            root = directory.toRealPath();
        } catch (IOException e) {
            throw FileErrors.during("cannot look into the snapshot directory " + directory, e);
        }
        Walk walk = new Walk(directory, root, globs(includes.isEmpty() ? Defaults.INCLUDES : includes),
                globs(excludes));
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, walk);
        } catch (IOException e) {
            throw FileErrors.during("cannot list the snapshot directory " + directory, e);
        }
        walk.dumps.sort(Comparator.comparing(Dump::name));
        walk.refused.sort(Comparator.comparing(Refused::name));
        walk.notIncluded.sort(null);
        walk.excluded.sort(null);
        walk.ownReports.sort(null);
        walk.warnings.sort(null);
        return new Listing(directory, null, walk.dumps, walk.refused, walk.notIncluded, walk.excluded,
                walk.ownReports, walk.warnings);
    }

    private static Listing empty(Path directory, String state) {
        return new Listing(directory, state, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The walk of the snapshot directory's real path, links not followed. */
    private static final class Walk extends SimpleFileVisitor<Path> {
        private final Path directory;
        private final Path root;
        private final List<PathGlob> include;
        private final List<PathGlob> exclude;
        final List<Dump> dumps = new ArrayList<>();
        final List<Refused> refused = new ArrayList<>();
        final List<String> notIncluded = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();
        final List<String> ownReports = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Walk(Path directory, Path root, List<PathGlob> include, List<PathGlob> exclude) {
            this.directory = directory;
            this.root = root;
            this.include = include;
            this.exclude = exclude;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            String name = name(dir);
            if (Files.isRegularFile(dir.resolve(ReportFiles.MARKER), LinkOption.NOFOLLOW_LINKS)) {
                ownReports.add(name + "/");
                return FileVisitResult.SKIP_SUBTREE;
            }
            PathGlob picked = firstMatch(include, name);
            if (picked != null && firstMatch(exclude, name) == null) {
                warnings.add("Snapshot directory entry " + name + " is a directory, not a dump (its name matches the "
                        + "include " + picked + "): not read as one");
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = name(file);
            if (attrs.isRegularFile()) {
                consider(file, name);
            } else if (attrs.isSymbolicLink()) {
                link(file, name);
            } else if (attrs.isDirectory()) {
                // Only when the depth limit is reached; there is none.
                notIncluded.add(name + "/");
            } else {
                warnings.add("Snapshot directory entry " + name + " is not a regular file (a FIFO, a device or a "
                        + "socket): not read");
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            String name = name(file);
            refused.add(new Refused(name, directory.resolve(name) + ": cannot look into it: "
                    + FileErrors.describe(e)));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                String name = dir.equals(root) ? "." : name(dir);
                refused.add(new Refused(name, (dir.equals(root) ? directory : directory.resolve(name))
                        + ": cannot list the directory, which may hold dumps: " + FileErrors.describe(e)));
            }
            return FileVisitResult.CONTINUE;
        }

        /** A link is read when it leads to a regular file inside the snapshot directory; otherwise named. */
        private void link(Path file, String name) {
            String warning = "Snapshot directory entry " + name + " is a symbolic link";
            try {
                Path target = file.toRealPath();
                if (Files.isDirectory(target)) {
                    warnings.add(warning + " to a directory (" + Files.readSymbolicLink(file) + "): not walked");
                } else if (!target.startsWith(root)) {
                    warnings.add(warning + " to a file outside the snapshot directory (" + Files.readSymbolicLink(file)
                            + "): not read");
                } else if (!Files.isRegularFile(target)) {
                    warnings.add(warning + " to something that is not a regular file: not read");
                } else {
                    consider(file, name);
                }
            } catch (NoSuchFileException | FileSystemLoopException dangling) {
                warnings.add(warning + " to nothing (a dangling link" + target(file) + "): not read");
            } catch (IOException e) {
                warnings.add(warning + " that cannot be followed (" + FileErrors.describe(e) + "): not read");
            }
        }

        private static String target(Path link) {
            try {
                return " to " + Files.readSymbolicLink(link);
            } catch (IOException | UnsupportedOperationException e) {
                return "";
            }
        }

        private void consider(Path file, String name) {
            PathGlob picked = firstMatch(include, name);
            if (picked == null) {
                notIncluded.add(name);
                return;
            }
            if (firstMatch(exclude, name) != null) {
                excluded.add(name);
                return;
            }
            try {
                RelativeName.of(name);
            } catch (IllegalArgumentException e) {
                refused.add(new Refused(name, directory.resolve(name) + ": its name cannot be a snapshot's name ("
                        + e.getMessage() + "); rename it"));
                return;
            }
            dumps.add(new Dump(name, file, picked.toString()));
        }

        /** The path relative to the snapshot directory, {@code /}-separated whatever the platform's separator. */
        private String name(Path path) {
            StringBuilder name = new StringBuilder();
            for (Path component : root.relativize(path)) {
                name.append(name.length() == 0 ? "" : "/").append(component);
            }
            return name.toString();
        }
    }

    private static PathGlob firstMatch(List<PathGlob> globs, String name) {
        for (PathGlob glob : globs) {
            if (glob.matches(name)) {
                return glob;
            }
        }
        return null;
    }

    private static List<PathGlob> globs(List<String> patterns) {
        List<PathGlob> globs = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            globs.add(new PathGlob(pattern.trim().replace('\\', '/')));
        }
        return globs;
    }

    /** The first {@value #NAMED} names, and how many more. */
    static String firstFew(List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(NAMED, names.size()); i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i));
        }
        if (names.size() > NAMED) {
            text.append(" and ").append(names.size() - NAMED).append(" more");
        }
        return text.toString();
    }
}
