package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report's {@code memflame.json} edited by hand or by an attacker, then read as a baseline or aggregated: what
 * would have been read as a different truth is refused, naming the file and where in it.
 */
class TamperedSummaryTest {
    private static final Path FIXTURES = Path.of("src/test/resources/baseline");
    private static final List<String> STRIP = List.of("I:/G1/trunk/code/Script/Python/");

    @TempDir
    Path temp;

    private CheckOutcome check(Path snapshots, Path output, Path baseline, Budget budget) throws Exception {
        return new MemflameCheck(CheckSettingsBuilder.snapshots(snapshots).output(output).stripPrefixes(STRIP)
                .budgets(List.of(budget)).baseline(baseline).build(), new RecordingListener()).run();
    }

    private static void edit(Path file, String regex, String replacement) throws IOException {
        String json = Files.readString(file);
        Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(json);
        assertTrue(matcher.find(), regex);
        Files.writeString(file, matcher.replaceFirst(Matcher.quoteReplacement(replacement)));
    }

    /**
     * On main {@code "snapshots": null} read as a baseline without snapshots: the check logged at INFO that it
     * compared 0 of 3 snapshots, checked no growth and passed.
     */
    @Test
    void aBaselineWithSnapshotsNullFailsTheCheckNamingWhere() throws Exception {
        Budget growth = Budget.parse("budget 1 (path 'client')", "client", null, "1%", "inclusive", null, null);
        Path baseline = temp.resolve("baseline");
        check(FIXTURES.resolve("before"), baseline, null, growth);
        Path summary = baseline.resolve("memflame.json");
        edit(summary, "\"snapshots\" : \\[ \\{.*?\\n  \\} \\],", "\"snapshots\" : null,");

        CheckFailure failure = assertThrows(CheckFailure.class,
                () -> check(FIXTURES.resolve("after"), temp.resolve("report"), baseline, growth));
        assertEquals("Cannot read the baseline: " + summary + ": line 6, column 17: not a memflame summary: at "
                + "/snapshots: expected an array, found null", failure.getMessage());
        assertFalse(Files.exists(temp.resolve("report")));
    }

    private Path module(String name) throws Exception {
        Path report = temp.resolve(name).resolve("target/site/memflame");
        check(FIXTURES.resolve("before"), report, null, new Budget("client", 1L << 30, "1 GiB", Scope.INCLUSIVE,
                null));
        return report;
    }

    /** On main the aggregate page showed PASSED for a module whose summary said so beside an exceeded budget. */
    @Test
    void aModuleSummaryThatSaysPassedBesideAFailedBudgetIsRefused() throws Exception {
        Path client = module("client");
        edit(client.resolve("memflame.json"), "\"status\" : \"ok\"", "\"status\" : \"exceeded\"");
        Path output = temp.resolve("target/site/memflame-aggregate");
        IOException e = assertThrows(IOException.class, () -> new MemflameAggregate(new RecordingListener())
                .run(List.of(new MemflameAggregate.Module("client", client)), output));
        String message = e.getMessage();
        assertTrue(message.startsWith(client.resolve("memflame.json") + ": line "), message);
        assertTrue(message.endsWith(": not a memflame summary: expected \"result\": \"failed\", found \"passed\" "
                + "beside /budgets/0, which is exceeded at level fail: the summary contradicts itself"), message);
        assertFalse(Files.exists(output.resolve("index.html")));
    }

    /** On main a module summary's file names became links as they were: out of the reactor, or to another site. */
    @Test
    void aModuleSummaryLinkingOutOfItsReportIsRefused() throws Exception {
        Path client = module("client");
        Path summary = client.resolve("memflame.json");
        String original = Files.readString(summary);
        for (String link : List.of("../../../../../../etc/passwd", "/etc/passwd", "https://evil.example/x.svg",
                "C:\\x.svg", "a/./b.svg", "..\\..\\x.svg", "")) {
            Files.writeString(summary, original);
            edit(summary, "\"path\" : \"[^\"]*\\.path\\.svg\"",
                    "\"path\" : \"" + link.replace("\\", "\\\\") + "\"");
            IOException e = assertThrows(IOException.class, () -> new MemflameAggregate(new RecordingListener())
                    .run(List.of(new MemflameAggregate.Module("client", client)), temp.resolve("aggregate")));
            assertEquals(summary + ": at /snapshots/0/reports/path: expected a file inside the module's report "
                    + "directory, found '" + link + "'", e.getMessage());
        }
    }
}
