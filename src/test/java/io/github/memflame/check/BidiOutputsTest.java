package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.Scope;
import io.github.memflame.format.BidiControls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bidirectional formatting characters in a dump's file and frame names ("Trojan Source": U+202E before
 * {@code yp.png} shows {@code gnp.py}) reach no output as themselves: the log, {@code memflame.md}, the index and
 * every SVG, JUnit, the step summary and the aggregate page show each as {@code \}{@code u202E};
 * {@code memflame.json} holds a JSON escape, which reads back as the name. On main every output carried them.
 */
class BidiOutputsTest {
    private static final String OVERRIDE = "\u202Eyp.png";
    private static final String ISOLATES = "a\u2066b\u2067c\u2068d\u2069e\u202A\u202B\u202C\u202D";

    @TempDir
    Path temp;

    @Test
    void everyOutputShowsBidirectionalControlsAsEscapes() throws Exception {
        Path snapshots = Files.createDirectories(temp.resolve("snapshots"));
        Files.writeString(snapshots.resolve(OVERRIDE + ".folded"), "main.py:1;" + OVERRIDE + ":3 4096\nmain.py:1;"
                + ISOLATES + ":7 1024\n", StandardCharsets.UTF_8);
        Path output = temp.resolve("client/target/site/memflame");
        RecordingListener log = new RecordingListener();
        CheckSettings settings = CheckSettingsBuilder.snapshots(snapshots).output(output)
                .budgets(List.of(new Budget(OVERRIDE, 1, "1 B", Scope.INCLUSIVE, null)))
                .ciOutputs(new CiOutputs(temp.resolve("TEST-memflame.xml"), temp.resolve("step_summary"))).build();
        CheckOutcome outcome = new MemflameCheck(settings, log).run();
        assertEquals(1, outcome.exceeded().size());
        Path aggregate = temp.resolve("target/site/memflame-aggregate");
        new MemflameAggregate(log).run(List.of(new MemflameAggregate.Module("client", output)), aggregate);

        List<Path> files = new ArrayList<>(List.of(temp.resolve("TEST-memflame.xml"), temp.resolve("step_summary"),
                aggregate.resolve("index.html"), aggregate.resolve("memflame.json")));
        try (Stream<Path> walk = Files.walk(output)) {
            walk.filter(file -> file.toString().matches(".*\\.(svg|html|md|json)")).forEach(files::add);
        }
        assertEquals(9, files.size(), files.toString());
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(text.chars().noneMatch(BidiControls::is), file + " holds a bidirectional control");
            assertTrue(text.contains("\\u202Eyp.png"), file + " does not show the override as an escape");
        }
        for (String line : log.lines()) {
            assertTrue(line.chars().noneMatch(BidiControls::is), line);
        }
        assertTrue(log.lines().stream().anyMatch(line -> line.contains("\\u202Eyp.png")), String.join("\n",
                log.lines()));
        assertTrue(Files.readString(output.resolve("index.html")).contains("a\\u2066b\\u2067c\\u2068d\\u2069e"
                + "\\u202A\\u202B\\u202C\\u202D"));
        // The JSON escape reads back as the name itself.
        JsonNode summary = new ObjectMapper().readTree(output.resolve("memflame.json").toFile());
        assertEquals(OVERRIDE + ".folded", summary.get("snapshots").get(0).get("name").textValue());
    }
}
