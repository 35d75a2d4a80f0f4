package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.history.HistorySettings;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Readable but hostile history entries ({@code malicious/history/xss-labels.json}, {@code bidi-label.json}) drawn
 * into a report's trend charts: the page stays one document with the renderer's one script and no element or
 * handler of the entry's, the bidi override shows as an escape, and the entry is carried on as read.
 */
class HostileHistoryReportTest {
    private static final Path CORPUS = Path.of("src/test/resources/malicious/history");
    private static final Path BUILD = Path.of("src/test/resources/history/sequence/build-01");

    @TempDir
    Path temp;

    @Test
    void hostileLabelsAndDirectoriesAreTextInTheChartsAndTheJobSummary() throws Exception {
        Path history = Files.createDirectories(temp.resolve("history"));
        // Renamed to this build's snapshot, so that the entries' labels and directories are charted.
        for (String[] entry : new String[][] {{"xss-labels.json", "1"}, {"bidi-label.json", "2"}}) {
            Files.writeString(history.resolve("build-00000" + entry[1] + ".history.json"), Files.readString(
                    CORPUS.resolve(entry[0])).replace("\"battle.pickle\"", "\"scene-3-battle.pickle\""));
        }
        Path report = temp.resolve("memflame");
        CheckSettings settings = CheckSettingsBuilder.snapshots(BUILD).output(report)
                .stripPrefixes(List.of("I:/G1/trunk/code/Script/Python/"))
                .budgets(List.of(Budget.parse("budget 1", "client", "1 GiB", null, null, null, null, null)))
                .history(new HistorySettings(history, 100, "build-03", null)).build();
        new MemflameCheck(settings, new RecordingListener()).run();

        byte[] page = Files.readAllBytes(report.resolve("index.html"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(page));
        NodeList all = document.getElementsByTagNameNS("*", "*");
        int scripts = 0;
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            String tag = element.getLocalName().toLowerCase(Locale.ROOT);
            assertFalse(tag.equals("img"), "an <img> element");
            scripts += tag.equals("script") ? 1 : 0;
            for (int a = 0; a < element.getAttributes().getLength(); a++) {
                assertFalse(element.getAttributes().item(a).getNodeName().toLowerCase(Locale.ROOT).startsWith("on"));
            }
        }
        assertEquals(1, scripts, "the renderer's script alone");
        String text = new String(page, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("&lt;img src=x onerror=alert(2)&gt;"), "the directory is shown as text");
        assertTrue(text.contains("data-build=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), "the label too");
        assertTrue(text.contains("\\u202Eyp.evil"), "the bidi override as an escape");
        assertFalse(text.contains("\u202E"));
        String markdown = Files.readString(report.resolve("memflame.md"));
        assertFalse(markdown.contains("\u202E"), markdown);
        assertTrue(Files.readString(report.resolve("history/build-000001.history.json"))
                .contains("\"build\":\"\\\"><script>alert(1)</script>\""));
    }
}
