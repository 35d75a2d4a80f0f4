package io.github.memflame;

import io.github.memflame.check.Defaults;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A directory one goal writes and another reads, found in the project's POM rather than declared again by the
 * reader: where {@code check} writes its report ({@code outputDirectory}, read by {@code baseline} and
 * {@code report-aggregate}), and where {@code baseline} writes the committed baseline ({@code baselineDirectory},
 * which {@code check -Dmemflame.updateBaseline} replaces). Each parameter is declared by the goal that owns it; the
 * configuration also finds a directory set only in an execution, which a goal run from the command line would not
 * be given.
 */
final class ConfiguredDirectory {
    /** The property that sets {@code outputDirectory} on the command line or in a POM's properties. */
    static final String OUTPUT_DIRECTORY_PROPERTY = "memflame.outputDirectory";
    /** The property that sets {@code baselineDirectory} on the command line or in a POM's properties. */
    static final String BASELINE_DIRECTORY_PROPERTY = "memflame.baselineDirectory";

    private ConfiguredDirectory() {
    }

    /**
     * Where the project's {@code check} writes its report: {@link #directory} of {@code outputDirectory}, by default
     * {@code memflame} under the project's reporting directory.
     *
     * @param reportingDirectory the project's reporting directory, asked for only when nothing is configured
     */
    static Path report(Plugin memflame, Properties sessionProperties, Properties projectProperties, Path basedir,
                       Supplier<Path> reportingDirectory) {
        return directory("outputDirectory", OUTPUT_DIRECTORY_PROPERTY, memflame, sessionProperties,
                projectProperties, basedir, () -> reportingDirectory.get().resolve(Defaults.REPORT_DIRECTORY_NAME));
    }

    /** Where the project's {@code baseline} writes: {@link #directory} of {@code baselineDirectory}. */
    static Path baseline(Plugin memflame, Properties sessionProperties, Properties projectProperties, Path basedir) {
        return directory("baselineDirectory", BASELINE_DIRECTORY_PROPERTY, memflame, sessionProperties,
                projectProperties, basedir, () -> basedir.resolve(Defaults.BASELINE_DIRECTORY_IN_PROJECT));
    }

    /**
     * The {@code parameter} of memflame in the project's POM (in an execution, then for the plugin; Maven has
     * interpolated it), else {@code property} of the session or the project, else the default; relative paths are
     * the project's.
     *
     * @param memflame this plugin as the project's POM declares it, or {@code null} when it does not
     */
    static Path directory(String parameter, String property, Plugin memflame, Properties sessionProperties,
                          Properties projectProperties, Path basedir, Supplier<Path> defaultDirectory) {
        String configured = null;
        if (memflame != null) {
            for (PluginExecution execution : memflame.getExecutions()) {
                configured = configured != null ? configured : value(parameter, execution.getConfiguration());
            }
            configured = configured != null ? configured : value(parameter, memflame.getConfiguration());
        }
        if (configured == null) {
            configured = sessionProperties.getProperty(property, projectProperties.getProperty(property));
        }
        if (configured == null || configured.isBlank()) {
            return defaultDirectory.get();
        }
        return basedir.resolve(configured.trim());
    }

    /** The {@code <parameter>} of a plugin or execution configuration, or null when it sets none. */
    private static String value(String parameter, Object configuration) {
        if (configuration instanceof Xpp3Dom dom) {
            Xpp3Dom child = dom.getChild(parameter);
            if (child != null && child.getValue() != null && !child.getValue().isBlank()) {
                return child.getValue();
            }
        }
        return null;
    }
}
