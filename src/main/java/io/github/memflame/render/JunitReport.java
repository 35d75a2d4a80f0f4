package io.github.memflame.render;

import io.github.memflame.summary.UnreadableSnapshot;
import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.format.Numbers;
import io.github.memflame.output.AtomicFile;
import io.github.memflame.output.OutputRefusedException;
import io.github.memflame.run.ComparisonMessages;
import io.github.memflame.run.ComparisonResult;
import io.github.memflame.run.LeakCheckResult;
import io.github.memflame.run.LeakMessages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The check as JUnit XML ({@code TEST-memflame.xml}), which Jenkins' junit step, GitLab's
 * {@code artifacts:reports:junit} and GitHub test-report actions show without a memflame plugin.
 *
 * <p>One suite {@code memflame}. Per snapshot a test case {@code dump read} (classname: the snapshot), so a run with
 * dumps but no budget still reports tests; an unreadable dump left out by {@code failOnUnreadable=false} is that
 * case skipped, since it does not fail the build. Per budget and snapshot a test case named by the budget's path
 * and scope ({@code client/controller (self)}): a {@code <failure>} with the CI log's lines when the limit or the
 * growth limit is exceeded and fails the build, or the budget matched nothing and that fails the build
 * ({@code failOnUnmatched}), {@code <skipped>} when the budget matched nothing without failing it, and otherwise a
 * passing case whose {@code <system-out>} carries the log's line (the warning of a nearly used or {@code level warn}
 * budget, or the figure within the limit). A budget that applies to no snapshot is one case of classname
 * {@value #NO_SNAPSHOT}. A check that could not give a verdict is one {@code <error>} case.
 */
public final class JunitReport {
    /** The suite's name and the classname of the case that reports a check without a verdict. */
    public static final String SUITE = "memflame";
    /** The name of the per-snapshot case that says the dump was read. */
    public static final String READ_CASE = "dump read";
    /** The classname of the case of a budget that applies to no snapshot. */
    public static final String NO_SNAPSHOT = "(no snapshot)";
    /** The class of the cases of comparisons between two snapshots of the run. */
    public static final String COMPARISON = "memory comparison";
    /** The class of the cases of leak checks over rounds of the run. */
    public static final String LEAK_CHECK = "memory leak check";

    /** How every JUnit report memflame writes starts. */
    private static final String XML_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\""
            + SUITE + "\"";

    private JunitReport() {
    }

    /**
     * Writes the report of a finished check to {@code file}, atomically.
     *
     * @param elapsed how long the check took, the suite's {@code time}
     * @param logLines the CI log's lines about an exceeded, nearly used or unmatched result (its limit, its growth,
     *                 the graphs to open; what an unmatched budget could have meant): a failure's text is the log's
     */
    public static void write(Path file, CheckReport report, Duration elapsed,
                             Function<BudgetResult, List<String>> logLines) throws IOException {
        replace(file, xml(report, elapsed, logLines));
    }

    /** Writes the report of a check that stopped without a verdict (no dump, an unreadable one): one error. */
    public static void writeError(Path file, String message, Duration elapsed) throws IOException {
        replace(file, xml(List.of(new TestCase(SUITE, "check", Outcome.ERROR, "memflame check failed",
                List.of(message))), elapsed));
    }

    private static void replace(Path file, String xml) throws IOException {
        checkReplaceable(file);
        AtomicFile.write(file, xml);
    }

    /**
     * Refuses to overwrite a file that is not a JUnit report memflame wrote (a {@code junitReport} set to
     * {@code pom.xml} must not replace it); a missing file is fine.
     *
     * @throws OutputRefusedException naming the file and what to do
     */
    public static void checkReplaceable(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean ours = false;
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                ours = new String(in.readNBytes(XML_START.length()), StandardCharsets.UTF_8).equals(XML_START);
            }
        }
        if (!ours) {
            throw new OutputRefusedException("Refusing to overwrite " + file + " (junitReport): it is not a JUnit "
                    + "report memflame wrote; nothing was read or written. Set junitReport to a file of its own, e.g. "
                    + "${project.build.directory}/memflame-reports/TEST-memflame.xml, or to none.");
        }
    }

    static String xml(CheckReport report, Duration elapsed, Function<BudgetResult, List<String>> logLines) {
        List<TestCase> cases = new ArrayList<>();
        for (SnapshotReport snapshot : report.snapshots()) {
            FoldedSnapshot folded = snapshot.snapshot();
            cases.add(new TestCase(folded.name(), READ_CASE, Outcome.PASSED, null, List.of(
                    folded.format().summaryName() + ", " + Numbers.grouped(folded.traces()) + " traces, "
                            + Numbers.bytes(folded.totalBytes()))));
        }
        for (UnreadableSnapshot unreadable : report.unreadable()) {
            cases.add(new TestCase(unreadable.name(), READ_CASE, Outcome.SKIPPED, null,
                    List.of(unreadable.warning())));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (BudgetResult result : report.budgets()) {
            String name = BudgetMessages.displayPath(result.budget()) + " (" + result.budget().scope().configName()
                    + ")";
            // Two budgets on one path and scope (a warn level below a fail level) must stay two cases.
            int occurrence = seen.merge(result.snapshot() + '\u0000' + name, 1, Integer::sum);
            if (occurrence > 1) {
                name += " #" + occurrence;
            }
            cases.add(budgetCase(result, name, logLines));
        }
        for (ComparisonResult comparison : report.run().comparisons()) {
            cases.add(comparisonCase(comparison));
        }
        for (LeakCheckResult leakCheck : report.run().leakChecks()) {
            cases.add(leakCase(leakCheck));
        }
        return xml(cases, elapsed);
    }

    private static TestCase budgetCase(BudgetResult result, String name,
                                       Function<BudgetResult, List<String>> logLines) {
        CiVerdict verdict = CiVerdict.of(result);
        if (verdict == CiVerdict.UNMATCHED) {
            String classname = result.snapshot() == null ? NO_SNAPSHOT : result.snapshot();
            return result.failsBuild()
                    ? new TestCase(classname, name, Outcome.FAILED, "memory budget unmatched", logLines.apply(result))
                    : new TestCase(classname, name, Outcome.SKIPPED, null, logLines.apply(result));
        }
        List<String> lines = verdict == CiVerdict.PASSES
                ? List.of(BudgetMessages.within(result))
                : logLines.apply(result);
        if (verdict == CiVerdict.FAILS) {
            String type = result.limitStatus() == BudgetStatus.EXCEEDED && !result.budget().onlyWarns()
                    ? "memory budget exceeded" : result.growthExceeded() ? "memory growth exceeded"
                    : "memory drift exceeded";
            return new TestCase(result.snapshot(), name, Outcome.FAILED, type, lines);
        }
        return new TestCase(result.snapshot(), name, Outcome.PASSED, null, lines);
    }

    /** A comparison of two snapshots of the run: its class {@value #COMPARISON}, its lines the log's. */
    private static TestCase comparisonCase(ComparisonResult result) {
        String name = ComparisonMessages.title(result);
        if (result.status() == BudgetStatus.OK) {
            return new TestCase(COMPARISON, name, Outcome.PASSED, null, List.of(ComparisonMessages.within(result)));
        }
        FlameTree.View view = result.comparison().scope() == Scope.SELF ? FlameTree.View.PATH : FlameTree.View.STACK;
        List<String> lines = ComparisonMessages.describe(result, result.diff().file(view));
        return result.failsBuild()
                ? new TestCase(COMPARISON, name, Outcome.FAILED, "memory comparison exceeded", lines)
                : new TestCase(COMPARISON, name, Outcome.PASSED, null, lines);
    }

    /** A leak check over rounds of the run: its class {@value #LEAK_CHECK}, its lines the log's. */
    private static TestCase leakCase(LeakCheckResult result) {
        String name = LeakMessages.title(result);
        if (result.status() == LeakCheckResult.LeakStatus.OK) {
            return new TestCase(LEAK_CHECK, name, Outcome.PASSED, null, List.of(LeakMessages.within(result)));
        }
        FlameTree.View view = result.check().scope() == Scope.SELF ? FlameTree.View.PATH : FlameTree.View.STACK;
        List<String> lines = LeakMessages.describe(result, result.diff() == null ? null : result.diff().file(view));
        if (!result.failsBuild()) {
            return new TestCase(LEAK_CHECK, name, Outcome.PASSED, null, lines);
        }
        return new TestCase(LEAK_CHECK, name, Outcome.FAILED, result.status() == LeakCheckResult.LeakStatus.UNDECIDED
                ? "memory leak check undecided" : "memory leak check exceeded", lines);
    }

    private static String xml(List<TestCase> cases, Duration elapsed) {
        Map<Outcome, Integer> counts = new HashMap<>();
        cases.forEach(testCase -> counts.merge(testCase.outcome(), 1, Integer::sum));
        String time = String.format(Locale.ROOT, "%.3f", elapsed.toNanos() / 1e9);
        Markup xml = new Markup(4096 + 512 * cases.size());
        xml.constant(XML_START)
                .attribute("tests", cases.size()).attribute("failures", counts.getOrDefault(Outcome.FAILED, 0))
                .attribute("errors", counts.getOrDefault(Outcome.ERROR, 0)).attribute("time", time)
                .constant(">\n  <testsuite").attribute("name", SUITE).attribute("tests", cases.size())
                .attribute("failures", counts.getOrDefault(Outcome.FAILED, 0))
                .attribute("errors", counts.getOrDefault(Outcome.ERROR, 0))
                .attribute("skipped", counts.getOrDefault(Outcome.SKIPPED, 0)).attribute("time", time)
                .constant(">\n");
        for (TestCase testCase : cases) {
            xml.constant("    <testcase").attribute("classname", testCase.classname())
                    .attribute("name", testCase.name()).constant(" time=\"0\"");
            String message = testCase.lines().get(0);
            switch (testCase.outcome()) {
                case FAILED, ERROR -> {
                    String element = testCase.outcome() == Outcome.FAILED ? "failure" : "error";
                    xml.constant(">\n      <" + element).attribute("message", message)
                            .attribute("type", testCase.type()).constant(">");
                    lines(xml, testCase.lines());
                    xml.constant("</" + element + ">\n    </testcase>\n");
                }
                case SKIPPED -> {
                    xml.constant(">\n      <skipped").attribute("message", message);
                    if (testCase.lines().size() == 1) {
                        xml.constant("/>\n    </testcase>\n");
                    } else {
                        xml.constant(">");
                        lines(xml, testCase.lines());
                        xml.constant("</skipped>\n    </testcase>\n");
                    }
                }
                case PASSED -> {
                    xml.constant(">\n      <system-out>");
                    lines(xml, testCase.lines());
                    xml.constant("</system-out>\n    </testcase>\n");
                }
            }
        }
        return xml.constant("  </testsuite>\n</testsuites>\n").toString();
    }

    /** The lines as element text, one per line: the element's text reads as the CI log does. */
    private static void lines(Markup xml, List<String> lines) {
        for (String line : lines) {
            xml.text(line).constant("\n");
        }
    }

    private enum Outcome { PASSED, FAILED, SKIPPED, ERROR }

    /**
     * @param type the failure's or error's type, {@code null} otherwise
     * @param lines what the case says, the first line being its message; at least one
     */
    private record TestCase(String classname, String name, Outcome outcome, String type, List<String> lines) {
        /** Names from dumps may hold line breaks: a name stays on one line, a line of text stays one line. */
        TestCase {
            classname = Markup.oneLine(classname);
            name = Markup.oneLine(name);
            lines = lines.stream().map(Markup::oneLine).toList();
        }
    }
}
