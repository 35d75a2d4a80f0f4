package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.Scope;
import io.github.memflame.run.RunChecks;
import io.github.memflame.run.RunOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's order on the real revisit run ({@code src/test/resources/run/revisit}, from {@code make_run_fixtures.py}),
 * its dumps renamed so that plain text order and natural order differ: every table follows the natural order, or the
 * time the dumps were written, and the snapshots table says how each total changed since the snapshot before.
 */
class RunOrderCheckTest {
    private static final Path REVISIT = Path.of("src/test/resources/run/revisit");
    private static final Instant WRITTEN = Instant.parse("2026-12-07T04:00:00Z");

    @TempDir
    Path temp;

    /** scene-1-town as scene-10-town, scene-2-battle as scene-2-battle, scene-3-town as scene-9-town. */
    private Path renamedRun() throws Exception {
        Path run = Files.createDirectories(temp.resolve("snapshots"));
        copy("scene-1-town.pickle", run.resolve("scene-10-town.pickle"), 30);
        copy("scene-2-battle.pickle", run.resolve("scene-2-battle.pickle"), 10);
        copy("scene-3-town.pickle", run.resolve("scene-9-town.pickle"), 20);
        return run;
    }

    private static void copy(String fixture, Path to, int secondsAfter) throws Exception {
        Files.copy(REVISIT.resolve(fixture), to);
        Files.setLastModifiedTime(to, FileTime.from(WRITTEN.plusSeconds(secondsAfter)));
    }

    private JsonNode check(RunOrder order) throws Exception {
        Path output = temp.resolve("report-" + order.configName());
        new MemflameCheck(CheckSettingsBuilder.snapshots(renamedRun().getParent().resolve("snapshots"))
                .output(output).stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/"))
                .budgets(List.of(new Budget("client", 1L << 30, "1 GiB", Scope.SELF, null)))
                .run(new RunChecks(order)).build(), new RecordingListener()).run();
        return new ObjectMapper().readTree(output.resolve("memflame.json").toFile());
    }

    private static List<String> names(JsonNode summary, String list, String field) {
        List<String> names = new ArrayList<>();
        summary.get(list).forEach(entry -> names.add(entry.get(field).asText()));
        return names;
    }

    @Test
    void snapshotsAndBudgetsFollowTheNaturalOrderOfTheNames() throws Exception {
        JsonNode summary = check(RunOrder.NAME);
        List<String> natural = List.of("scene-2-battle.pickle", "scene-9-town.pickle", "scene-10-town.pickle");
        assertEquals(natural, names(summary, "snapshots", "name"));
        assertEquals(natural, names(summary, "budgets", "snapshot"));
        String index = Files.readString(temp.resolve("report-name/index.html"));
        assertTrue(index.indexOf(">scene-2-battle.pickle<") < index.indexOf(">scene-9-town.pickle<")
                && index.indexOf(">scene-9-town.pickle<") < index.indexOf(">scene-10-town.pickle<"), index);
    }

    @Test
    void runOrderModifiedFollowsTheTimeEachDumpWasWritten() throws Exception {
        JsonNode summary = check(RunOrder.MODIFIED);
        assertEquals(List.of("scene-2-battle.pickle", "scene-9-town.pickle", "scene-10-town.pickle"),
                names(summary, "snapshots", "name"));
        renamedRunWithTimes(40, 10, 20);
        Path output = temp.resolve("report-times");
        new MemflameCheck(CheckSettingsBuilder.snapshots(temp.resolve("snapshots")).output(output)
                .run(new RunChecks(RunOrder.MODIFIED)).build(), new RecordingListener()).run();
        assertEquals(List.of("scene-2-battle.pickle", "scene-9-town.pickle", "scene-10-town.pickle"),
                names(new ObjectMapper().readTree(output.resolve("memflame.json").toFile()), "snapshots", "name"));
        Files.setLastModifiedTime(temp.resolve("snapshots/scene-10-town.pickle"), FileTime.from(WRITTEN));
        output = temp.resolve("report-times-2");
        new MemflameCheck(CheckSettingsBuilder.snapshots(temp.resolve("snapshots")).output(output)
                .run(new RunChecks(RunOrder.MODIFIED)).build(), new RecordingListener()).run();
        assertEquals(List.of("scene-10-town.pickle", "scene-2-battle.pickle", "scene-9-town.pickle"),
                names(new ObjectMapper().readTree(output.resolve("memflame.json").toFile()), "snapshots", "name"));
    }

    private void renamedRunWithTimes(int town10, int battle2, int town9) throws Exception {
        Path run = temp.resolve("snapshots");
        Files.setLastModifiedTime(run.resolve("scene-10-town.pickle"), FileTime.from(WRITTEN.plusSeconds(town10)));
        Files.setLastModifiedTime(run.resolve("scene-2-battle.pickle"), FileTime.from(WRITTEN.plusSeconds(battle2)));
        Files.setLastModifiedTime(run.resolve("scene-9-town.pickle"), FileTime.from(WRITTEN.plusSeconds(town9)));
    }

    @Test
    void theSnapshotsTableGivesTheChangeSinceTheSnapshotBefore() throws Exception {
        JsonNode summary = check(RunOrder.NAME);
        long battle = summary.get("snapshots").get(0).get("totalBytes").asLong();
        long town9 = summary.get("snapshots").get(1).get("totalBytes").asLong();
        long town10 = summary.get("snapshots").get(2).get("totalBytes").asLong();
        String index = Files.readString(temp.resolve("report-name/index.html"));
        Matcher cells = Pattern.compile("<td class=\"num\" data-value=\"(-?\\d+)\" title=\"([^\"]*)\">([^<]*)</td>"
                + "<td class=\"sites\">").matcher(index);
        List<String> found = new ArrayList<>();
        while (cells.find()) {
            found.add(cells.group(1) + " | " + cells.group(2));
        }
        assertEquals(List.of("0 | the first snapshot of the run",
                (town9 - battle) + " | " + String.format(Locale.ROOT, "%+,d", town9 - battle) + " bytes since scene-2-battle.pickle",
                (town10 - town9) + " | " + String.format(Locale.ROOT, "%+,d", town10 - town9) + " bytes since scene-9-town.pickle"),
                found);
    }
}
