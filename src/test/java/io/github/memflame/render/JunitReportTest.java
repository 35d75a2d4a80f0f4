package io.github.memflame.render;

import io.github.memflame.summary.UnreadableSnapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Contributor;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FoldedSnapshot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportTest {
    private static final Duration ELAPSED = Duration.ofMillis(1234);
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    @TempDir
    Path temp;

    /** The report of one result alone (no snapshot read), as the whole document. */
    private static String alone(BudgetResult result) throws Exception {
        String xml = JunitReport.xml(new CheckReport(!result.failsBuild(), List.of(), List.of(result), List.of()),
                ELAPSED, CiResults::logLinesOf);
        validate(xml);
        return xml;
    }

    /** Validates against the JUnit schema the CI readers follow (src/test/resources/junit/junit-report.xsd). */
    static void validate(String xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Validator validator = factory.newSchema(new StreamSource(
                Path.of("src/test/resources/junit/junit-report.xsd").toFile())).newValidator();
        validator.validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBudgetWithinItsLimitPassesWithTheLogLineAsOutput() throws Exception {
        assertEquals(HEAD + """
                <testsuites name="memflame" tests="1" failures="0" errors="0" time="1.234">
                  <testsuite name="memflame" tests="1" failures="0" errors="0" skipped="0" time="1.234">
                    <testcase classname="scene-2-battle.pickle" name="client/controller (self)" time="0">
                      <system-out>Memory budget client/controller (self) in scene-2-battle.pickle: 530.7 KiB of 20.0 MiB (2.6%)
                </system-out>
                    </testcase>
                  </testsuite>
                </testsuites>
                """, alone(CiResults.PASSING));
    }

    @Test
    void anExceededBudgetFailsWithTheLinesOfTheLog() throws Exception {
        assertEquals(HEAD + """
                <testsuites name="memflame" tests="1" failures="1" errors="0" time="1.234">
                  <testsuite name="memflame" tests="1" failures="1" errors="0" skipped="0" time="1.234">
                    <testcase classname="sub/dir/scene 1#menu.pickle" name="client/ui (inclusive)" time="0">
                      <failure message="Memory budget exceeded: client/ui (inclusive) in sub/dir/scene 1#menu.pickle: \
                4.8 MiB &gt; 3.8 MiB (+1.0 MiB, +26.8%)" type="memory budget exceeded">Memory budget exceeded: \
                client/ui (inclusive) in sub/dir/scene 1#menu.pickle: 4.8 MiB &gt; 3.8 MiB (+1.0 MiB, +26.8%)
                  actual 5,070,000 bytes, limit 4,000,000 bytes (configured as &#39;4 MB&#39;)
                  largest allocation sites counted:
                       4.8 MiB  client/ui/menu.py:8 Menu.open
                  flame graph: /ci/target/site/memflame/sub/dir/scene 1#menu.pickle.path.svg
                </failure>
                    </testcase>
                  </testsuite>
                </testsuites>
                """, alone(CiResults.EXCEEDED));
    }

    @Test
    void exceededGrowthFailsNamingBeforeAfterTheLimitAndTheLinesThatGrew() throws Exception {
        assertEquals(HEAD + """
                <testsuites name="memflame" tests="1" failures="1" errors="0" time="1.234">
                  <testsuite name="memflame" tests="1" failures="1" errors="0" skipped="0" time="1.234">
                    <testcase classname="scene-2-battle.pickle" name="client/controller (inclusive)" time="0">
                      <failure message="Memory growth exceeded: client/controller (inclusive) in \
                scene-2-battle.pickle: +140.1 KiB since baseline (+35.9%) &gt; allowed +10% of the baseline (39.1 KiB)" \
                type="memory growth exceeded">Memory growth exceeded: client/controller (inclusive) in \
                scene-2-battle.pickle: +140.1 KiB since baseline (+35.9%) &gt; allowed +10% of the baseline (39.1 KiB)
                  before 400,000 bytes, after 543,440 bytes, delta +143,440 bytes, allowed 40,000 bytes \
                (configured as &#39;10%&#39;)
                  lines that grew most:
                     +97.7 KiB  client/controller/input.py:7 InputHandler.poll (237.7 KiB -&gt; 335.4 KiB)
                     +42.4 KiB  client/controller/battle.py:60 (152.9 KiB -&gt; 195.3 KiB)
                  differential flame graph: /ci/target/site/memflame/scene-2-battle.pickle.path.diff.svg
                </failure>
                    </testcase>
                  </testsuite>
                </testsuites>
                """, alone(CiResults.GROWTH_EXCEEDED));
    }

    @Test
    void growthWithinItsLimitIsToldAfterTheFigure() throws Exception {
        assertTrue(alone(CiResults.GROWTH_WITHIN).contains("""
                      <system-out>Memory budget client/ui (self) in sub/dir/scene 1#menu.pickle: 2.9 MiB of 3.8 MiB (75.0%), \
                -97.7 KiB since baseline (-3.2%, allowed +1.0 MiB)
                </system-out>
                """));
    }

    @Test
    void aNearlyUsedBudgetPassesCarryingTheWarning() throws Exception {
        assertEquals(HEAD + """
                <testsuites name="memflame" tests="1" failures="0" errors="0" time="1.234">
                  <testsuite name="memflame" tests="1" failures="0" errors="0" skipped="0" time="1.234">
                    <testcase classname="scene-2-battle.pickle" name="(whole snapshot) (self)" time="0">
                      <system-out>Memory budget nearly used: (whole snapshot) (self) in scene-2-battle.pickle: \
                1004.3 KiB of 1.0 MiB (93.5% of the limit)
                  actual 1,028,403 bytes, limit 1,100,000 bytes (configured as &#39;1.1 MB&#39;)
                  flame graph: /ci/target/site/memflame/scene-2-battle.pickle.path.svg
                </system-out>
                    </testcase>
                  </testsuite>
                </testsuites>
                """, alone(CiResults.WARNING));
    }

    @Test
    void anExceededBudgetOfLevelWarnPassesCarryingTheWarning() throws Exception {
        String xml = alone(CiResults.ONLY_WARNED);
        assertTrue(xml.contains("tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\""), xml);
        assertTrue(xml.contains("<system-out>Memory budget exceeded (level warn, the build goes on): engine/render "
                + "(self) in scene-2-battle.pickle: 180.6 KiB &gt; 97.7 KiB (+83.0 KiB, +85.0%)\n"), xml);
    }

    @Test
    void anUnmatchedBudgetFailsSayingWhatToChange() throws Exception {
        assertEquals(HEAD + """
                <testsuites name="memflame" tests="1" failures="1" errors="0" time="1.234">
                  <testsuite name="memflame" tests="1" failures="1" errors="0" skipped="0" time="1.234">
                    <testcase classname="scene-2-battle.pickle" name="clinet/net (self)" time="0">
                      <failure message="Memory budget clinet/net (self) matched no allocation in any of the 2 \
                snapshots it applies to" type="memory budget unmatched">Memory budget clinet/net (self) matched no \
                allocation in any of the 2 snapshots it applies to
                  top-level paths holding memory: client, engine, \u5ba2\u6237\u7aef
                </failure>
                    </testcase>
                  </testsuite>
                </testsuites>
                """, alone(CiResults.UNMATCHED));
    }

    @Test
    void anUnmatchedBudgetThatDoesNotFailTheBuildIsSkippedSayingWhatToChange() throws Exception {
        assertEquals(HEAD + """
                <testsuites name="memflame" tests="1" failures="0" errors="0" time="1.234">
                  <testsuite name="memflame" tests="1" failures="0" errors="0" skipped="1" time="1.234">
                    <testcase classname="scene-2-battle.pickle" name="clinet/net (self)" time="0">
                      <skipped message="Memory budget clinet/net (self) matched no allocation in any of the 2 \
                snapshots it applies to (failOnUnmatched is false, the build goes on)">Memory budget clinet/net \
                (self) matched no allocation in any of the 2 snapshots it applies to (failOnUnmatched is false, the \
                build goes on)
                  top-level paths holding memory: client, engine, \u5ba2\u6237\u7aef
                </skipped>
                    </testcase>
                  </testsuite>
                </testsuites>
                """, alone(CiResults.UNMATCHED_NOT_FAILING));
    }

    @Test
    void aBudgetThatAppliesToNoSnapshotIsOneCaseWithoutSnapshot() throws Exception {
        Budget raid = new Budget("client", 1_000, "1000", Scope.SELF, "**/*raid*");
        BudgetResult result = new BudgetResult(raid, null, 0, BudgetStatus.UNMATCHED, List.of(), null,
                BudgetStatus.UNMATCHED, true);
        String xml = alone(result);
        assertTrue(xml.contains("""
                    <testcase classname="(no snapshot)" name="client (self)" time="0">
                      <failure message="Memory budget client (self) applies to no snapshot: \
                &lt;snapshots&gt;**/*raid*&lt;/snapshots&gt; matches none of the 2 snapshots read" \
                type="memory budget unmatched">"""), xml);
        assertTrue(xml.contains("  snapshots read: scene-2-battle.pickle, sub/dir/scene 1#menu.pickle\n"), xml);
    }

    @Test
    void everySnapshotIsACaseAndUnreadableDumpsAreSkipped() throws Exception {
        String xml = JunitReport.xml(CiResults.withBaseline(), ELAPSED, CiResults::logLinesOf);
        validate(xml);
        assertTrue(xml.contains("<testsuite name=\"memflame\" tests=\"6\" failures=\"2\" errors=\"0\" skipped=\"1\""),
                xml);
        assertTrue(xml.contains("""
                    <testcase classname="scene-2-battle.pickle" name="dump read" time="0">
                      <system-out>tracemalloc-pickle, 13,001 traces, 1004.3 KiB
                </system-out>
                    </testcase>
                """), xml);
        assertTrue(xml.contains("""
                    <testcase classname="broken.pickle" name="dump read" time="0">
                      <skipped message="Memory snapshot broken.pickle is unreadable and left out of every total and \
                budget (failOnUnreadable is false): broken.pickle: at byte 12: expected a pickle opcode, found 0xff"/>
                    </testcase>
                """), xml);
        Document document = parse(xml);
        assertEquals(6, document.getElementsByTagName("testcase").getLength());
        assertEquals(2, document.getElementsByTagName("failure").getLength());
        assertEquals(1, document.getElementsByTagName("skipped").getLength());
    }

    @Test
    void twoBudgetsOnOnePathAndScopeStayTwoCases() throws Exception {
        Budget warn = new Budget("client", 1_000, "1000", Scope.SELF, null);
        Budget fail = new Budget("client", 2_000, "2000", Scope.SELF, null);
        String xml = JunitReport.xml(new CheckReport(true, List.of(), List.of(
                new BudgetResult(warn, "a.pickle", 10, BudgetStatus.OK, List.of()),
                new BudgetResult(fail, "a.pickle", 10, BudgetStatus.OK, List.of()),
                new BudgetResult(fail, "b.pickle", 10, BudgetStatus.OK, List.of())), List.of()), ELAPSED, r -> null);
        validate(xml);
        assertTrue(xml.contains("<testcase classname=\"a.pickle\" name=\"client (self)\" time=\"0\">"), xml);
        assertTrue(xml.contains("<testcase classname=\"a.pickle\" name=\"client (self) #2\" time=\"0\">"), xml);
        assertTrue(xml.contains("<testcase classname=\"b.pickle\" name=\"client (self)\" time=\"0\">"), xml);
    }

    @Test
    void aCheckWithoutVerdictIsOneError() throws Exception {
        Path file = temp.resolve("reports/TEST-memflame.xml");
        JunitReport.writeError(file, "No memory snapshot found in /ci/target/memory-snapshots matching [**/*.pickle]",
                ELAPSED);
        String xml = Files.readString(file);
        validate(xml);
        assertEquals(HEAD + """
                <testsuites name="memflame" tests="1" failures="0" errors="1" time="1.234">
                  <testsuite name="memflame" tests="1" failures="0" errors="1" skipped="0" time="1.234">
                    <testcase classname="memflame" name="check" time="0">
                      <error message="No memory snapshot found in /ci/target/memory-snapshots matching [**/*.pickle]" \
                type="memflame check failed">No memory snapshot found in /ci/target/memory-snapshots matching \
                [**/*.pickle]
                </error>
                    </testcase>
                  </testsuite>
                </testsuites>
                """, xml);
    }

    /**
     * Names come from dump file names and frames: every character XML 1.0 cannot carry becomes U+FFFD, markup and
     * a CDATA end stay text, line breaks cannot start a line of their own, and the file stays valid UTF-8 XML.
     */
    @Test
    void hostileNamesStayTextInAValidDocument() throws Exception {
        String hostile = "a]]>b<c>&\"'\u0000\u0007\u001b[31m\ud800\uFFFE\n[ERROR] forged\r\t\u2028x";
        FoldedSnapshot snapshot = Snapshots.named("scene/" + hostile + ".pickle").add(64, "main.py:1", hostile + ":3")
                .build();
        Budget budget = new Budget(hostile, 1, "1 B", Scope.SELF, null);
        BudgetResult result = new BudgetResult(budget, snapshot.name(), 64, BudgetStatus.EXCEEDED,
                List.of(new Contributor(hostile + ":3", hostile, 64)));
        CheckReport report = new CheckReport(false, List.of(Reports.report(snapshot)), List.of(result),
                List.of(new UnreadableSnapshot(hostile, hostile)));
        Path file = temp.resolve("TEST-memflame.xml");
        JunitReport.write(file, report, ELAPSED, CiResults::logLinesOf);
        byte[] bytes = Files.readAllBytes(file);
        String xml = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        validate(xml);
        assertFalse(xml.contains("]]>"), xml);
        assertTrue(xml.chars().noneMatch(c -> c < 0x20 && c != '\n'), "only line feeds separate lines: " + xml);

        Document document = parse(xml);
        NodeList cases = document.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        String cleaned = "a]]>b<c>&\"'\uFFFD\uFFFD\uFFFD[31m\uFFFD\uFFFD [ERROR] forged  \u2028x";
        Element budgetCase = (Element) cases.item(2);
        assertEquals("scene/" + cleaned + ".pickle", budgetCase.getAttribute("classname"));
        assertEquals(cleaned + " (self)", budgetCase.getAttribute("name"));
        Element failure = (Element) budgetCase.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").startsWith("Memory budget exceeded: " + cleaned + " (self) in "),
                failure.getAttribute("message"));
        List<String> lines = List.of(failure.getTextContent().split("\n"));
        assertEquals(5, lines.size(), failure.getTextContent());
        assertEquals("          64 B  " + cleaned + ":3 " + cleaned, lines.get(3));
        assertEquals(cleaned, ((Element) cases.item(1)).getAttribute("classname"));
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void aSecondWriteReplacesTheFileWhole() throws Exception {
        Path file = temp.resolve("TEST-memflame.xml");
        JunitReport.write(file, CiResults.withBaseline(), ELAPSED, CiResults::logLinesOf);
        JunitReport.write(file, new CheckReport(true, List.of(), List.of(CiResults.PASSING), List.of()), ELAPSED,
                CiResults::logLinesOf);
        assertEquals(alone(CiResults.PASSING), Files.readString(file));
    }
}
