package io.github.memflame;

import io.github.memflame.check.Defaults;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Where a project's {@code check} writes its report, read from the project's POM: for the goals that read that report
 * without writing it ({@code baseline} and {@code report-aggregate}). Reading it from the configuration, rather than
 * declaring {@code outputDirectory} again, also finds a directory set only in {@code check}'s execution, which a
 * goal run from the command line would not be given.
 */
final class ConfiguredReport {
    /** The property that sets {@code outputDirectory} on the command line or in a POM's properties. */
    static final String OUTPUT_DIRECTORY_PROPERTY = "memflame.outputDirectory";

    private ConfiguredReport() {
    }

    /**
     * The {@code outputDirectory} of memflame in the project's POM (in an execution, then for the plugin; Maven has
     * interpolated it), else the {@code memflame.outputDirectory} property of the session or the project, else the
     * default, {@code memflame} under the project's reporting directory; relative paths are the project's.
     *
     * @param memflame this plugin as the project's POM declares it, or {@code null} when it does not
     * @param reportingDirectory the project's reporting directory, asked for only when nothing is configured
     */
    static Path directory(Plugin memflame, Properties sessionProperties, Properties projectProperties, Path basedir,
                          Supplier<Path> reportingDirectory) {
        String configured = null;
        if (memflame != null) {
            for (PluginExecution execution : memflame.getExecutions()) {
                configured = configured != null ? configured : outputDirectory(execution.getConfiguration());
            }
            configured = configured != null ? configured : outputDirectory(memflame.getConfiguration());
        }
        if (configured == null) {
            configured = sessionProperties.getProperty(OUTPUT_DIRECTORY_PROPERTY,
                    projectProperties.getProperty(OUTPUT_DIRECTORY_PROPERTY));
        }
        if (configured == null || configured.isBlank()) {
            return reportingDirectory.get().resolve(Defaults.REPORT_DIRECTORY_NAME);
        }
        return basedir.resolve(configured.trim());
    }

    /** The {@code <outputDirectory>} of a plugin or execution configuration, or null when it sets none. */
    private static String outputDirectory(Object configuration) {
        if (configuration instanceof Xpp3Dom dom) {
            Xpp3Dom child = dom.getChild("outputDirectory");
            if (child != null && child.getValue() != null && !child.getValue().isBlank()) {
                return child.getValue();
            }
        }
        return null;
    }
}
