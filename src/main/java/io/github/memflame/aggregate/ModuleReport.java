package io.github.memflame.aggregate;

import java.nio.file.Path;

/**
 * One module's report in a multi-module build.
 *
 * @param module the module's artifactId, which prefixes its snapshot names in the aggregate report
 * @param reportDirectory the directory of the module's {@code index.html}, {@code memflame.json} and graphs
 * @param summary its {@code memflame.json}
 */
public record ModuleReport(String module, Path reportDirectory, ReportSummary summary) {

    /** A file of this module's report as a {@code /}-separated path relative to {@code directory}. */
    public String relativeLink(Path directory, String file) {
        Path target = reportDirectory.toAbsolutePath().normalize().resolve(file);
        return directory.toAbsolutePath().normalize().relativize(target).toString().replace('\\', '/');
    }

    /**
     * The snapshot's name in the aggregate report: {@code module/name}; {@code null} for none (a budget that
     * applies to no snapshot).
     */
    public String qualifiedName(String snapshot) {
        return snapshot == null ? null : module + "/" + snapshot;
    }
}
