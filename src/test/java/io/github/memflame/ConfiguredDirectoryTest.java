package io.github.memflame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** Where {@code baseline} and {@code report-aggregate} look for the report a project's {@code check} wrote. */
class ConfiguredDirectoryTest {
    private static final Path BASEDIR = Path.of("/work/game").toAbsolutePath();
    private static final Path REPORTING = BASEDIR.resolve("target/site");

    private static Xpp3Dom outputDirectory(String value) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom child = new Xpp3Dom("outputDirectory");
        child.setValue(value);
        configuration.addChild(child);
        return configuration;
    }

    private static Properties property(String value) {
        Properties properties = new Properties();
        properties.setProperty("memflame.outputDirectory", value);
        return properties;
    }

    private static Path directory(Plugin memflame, Properties session, Properties project) {
        return ConfiguredDirectory.report(memflame, session, project, BASEDIR, () -> REPORTING);
    }

    @Test
    void withNothingConfiguredItIsTheDefaultUnderTheReportingDirectory() {
        assertEquals(REPORTING.resolve("memflame"), directory(null, new Properties(), new Properties()));
        assertEquals(REPORTING.resolve("memflame"), directory(new Plugin(), new Properties(), new Properties()));
    }

    @Test
    void anExecutionsConfigurationWinsOverThePluginsAndTheProperties() {
        Plugin memflame = new Plugin();
        memflame.setConfiguration(outputDirectory("plugin-level"));
        PluginExecution check = new PluginExecution();
        check.setConfiguration(outputDirectory("build/memory"));
        memflame.addExecution(check);
        assertEquals(BASEDIR.resolve("build/memory"), directory(memflame, property("session"), property("project")));
    }

    @Test
    void thePluginsConfigurationWinsOverTheProperties() {
        Plugin memflame = new Plugin();
        memflame.setConfiguration(outputDirectory(" /abs/report "));
        memflame.addExecution(new PluginExecution());
        assertEquals(Path.of("/abs/report").toAbsolutePath(), directory(memflame, property("s"), property("p")));
    }

    @Test
    void theSessionPropertyWinsOverTheProjects() {
        assertEquals(BASEDIR.resolve("from-command-line"), directory(null, property("from-command-line"),
                property("from-pom")));
        assertEquals(BASEDIR.resolve("from-pom"), directory(null, new Properties(), property("from-pom")));
    }

    @Test
    void theBaselineDirectoryIsFoundAsBaselineIsConfigured() {
        Properties none = new Properties();
        assertEquals(BASEDIR.resolve("src/test/memflame-baseline"),
                ConfiguredDirectory.baseline(null, none, none, BASEDIR));
        Plugin memflame = new Plugin();
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom child = new Xpp3Dom("baselineDirectory");
        child.setValue("memory/baseline");
        configuration.addChild(child);
        memflame.setConfiguration(configuration);
        assertEquals(BASEDIR.resolve("memory/baseline"), ConfiguredDirectory.baseline(memflame, none, none, BASEDIR));
        Properties session = new Properties();
        session.setProperty("memflame.baselineDirectory", "from-command-line");
        assertEquals(BASEDIR.resolve("from-command-line"), ConfiguredDirectory.baseline(null, session, none, BASEDIR));
        assertEquals(BASEDIR.resolve("memory/baseline"), ConfiguredDirectory.baseline(memflame, session, none,
                BASEDIR), "the POM's configuration wins, as Maven's own does");
    }

    @Test
    void aBlankValueIsNoValue() {
        Plugin memflame = new Plugin();
        memflame.setConfiguration(outputDirectory("  "));
        assertEquals(REPORTING.resolve("memflame"), directory(memflame, property(" "), new Properties()));
    }
}
