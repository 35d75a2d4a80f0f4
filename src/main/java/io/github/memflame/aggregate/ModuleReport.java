package io.github.memflame.aggregate;

import io.github.memflame.summary.ReportSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One module's report in a multi-module build.
 *
 * <p>The files its summary names become links in the aggregate report; a summary is untrusted, so each must be a
 * plain relative path inside the module's report directory: {@code /}-separated, without an empty, {@code .} or
 * {@code ..} segment, a backslash, a drive letter or a leading {@code /}. Such a name never leads out of the
 * reactor, and no link written from it starts with a URL scheme.
 *
 * @param module the module's artifactId, which prefixes its snapshot names in the aggregate report
 * @param reportDirectory the directory of the module's {@code index.html}, {@code memflame.json} and graphs
 * @param summary its {@code memflame.json}
 */
public record ModuleReport(String module, Path reportDirectory, ReportSummary summary) {
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*", Pattern.DOTALL);

    /** @throws IllegalArgumentException naming the first file of the summary that is not such a path */
    public ModuleReport {
        List<ReportSummary.Snapshot> snapshots = summary.snapshots();
        for (int i = 0; i < snapshots.size(); i++) {
            checkFiles(snapshots.get(i).reports(), "/snapshots/" + i + "/reports/");
            checkFiles(snapshots.get(i).folded(), "/snapshots/" + i + "/folded/");
        }
    }

    private static void checkFiles(Map<String, String> files, String where) {
        files.forEach((view, file) -> {
            if (!isPlainRelativePath(file)) {
                throw new IllegalArgumentException("at " + where + view.replace("~", "~0").replace("/", "~1")
                        + ": expected a file inside the module's report directory, found '" + file + "'");
            }
        });
    }

    private static boolean isPlainRelativePath(String file) {
        if (file.isEmpty() || file.indexOf('\\') >= 0 || file.indexOf('\u0000') >= 0 || DRIVE.matcher(file).matches()) {
            return false;
        }
        for (String segment : file.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * A file of this module's report as a {@code /}-separated path relative to {@code directory}; {@code ./}
     * leads it when its first segment has a {@code :}, which would otherwise read as a URL scheme.
     */
    public String relativeLink(Path directory, String file) {
        Path target = reportDirectory.toAbsolutePath().normalize().resolve(file);
        String link = directory.toAbsolutePath().normalize().relativize(target).toString().replace('\\', '/');
        int colon = link.indexOf(':');
        return colon >= 0 && (link.indexOf('/') < 0 || colon < link.indexOf('/')) ? "./" + link : link;
    }

    /**
     * The snapshot's name in the aggregate report: {@code module/name}; {@code null} for none (a budget that
     * applies to no snapshot).
     */
    public String qualifiedName(String snapshot) {
        return snapshot == null ? null : module + "/" + snapshot;
    }
}
