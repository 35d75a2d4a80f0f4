package io.github.memflame.check;

import io.github.memflame.render.SvgOptions;
import io.github.memflame.run.RunChecks;
import io.github.memflame.summary.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code view} run without Maven: the whole report (both flame graphs of every dump, the index, the summary
 * and the folded stacks) of dumps given one by one, wherever they are, for a dump looked at without a project: no
 * budget, no baseline. It is a {@link MemflameCheck} run over those files, so a dump is read, refused and drawn
 * exactly as {@code check} reads, refuses and draws it, and the report is written the same way.
 */
public final class MemflameView {
    private final ViewSettings settings;
    private final CheckListener listener;

    public MemflameView(ViewSettings settings, CheckListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Writes the report.
     *
     * @return the report's {@code index.html}
     * @throws CheckFailure when no dump is given, a dump is not there or is not a file, two dumps have the same file
     *                      name, or a dump cannot be read (with {@code check}'s message)
     */
    public Path run() throws CheckFailure, IOException {
        Map<String, Path> dumps = byName(settings.dumps());
        CheckSettings check = new CheckSettings(
                null, // dumps are given one by one: no snapshot directory, includes or excludes
                List.of(),
                List.of(),
                true,
                true,
                settings.fileNameEncoding(),
                settings.maxDecompressedBytes(),
                settings.stripPrefixes(),
                List.of(),
                List.of(),
                0,
                settings.outputDirectory(),
                SvgOptions.defaults(),
                Runtime.getRuntime().availableProcessors(),
                settings.sourceRoots(),
                false,
                CiOutputs.NONE,
                null,
                false,
                false, // no budgets to match
                null, // a dump from a QA device is older than any build: no warning about its age
                null, // no project
                RunChecks.NONE, // the dumps in the order given
                null); // no history
        new MemflameCheck(check, dumps, listener).run();
        return settings.outputDirectory().resolve(ReportFiles.INDEX);
    }

    /**
     * The dumps by snapshot name, their file name, in the order given.
     *
     * @throws CheckFailure when there is none, one is not a regular file, or two have the same name
     */
    static Map<String, Path> byName(List<Path> dumps) throws CheckFailure {
        if (dumps.isEmpty()) {
            throw new CheckFailure("No dump to view: name the tracemalloc dumps with -Ddumps=a.pickle,b.pickle.gz "
                    + "(paths absolute or relative to the current directory, separated by commas)");
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path dump : dumps) {
            if (!Files.exists(dump)) {
                throw new CheckFailure("No dump at " + dump + ": the file is not there");
            }
            if (!Files.isRegularFile(dump)) {
                throw new CheckFailure("Cannot view " + dump + ": it is not a file; name each dump, not a directory");
            }
            String name = dump.getFileName().toString();
            Path previous = byName.putIfAbsent(name, dump);
            if (previous != null) {
                throw new CheckFailure("Two dumps are named " + name + ": " + previous + " and " + dump + ". The "
                        + "report names each snapshot after its file name: rename or copy one of them");
            }
        }
        return byName;
    }
}
