package io.github.memflame.render;

import io.github.memflame.summary.UnreadableSnapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.format.BidiControls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code memflame.md} rendered by a real GFM renderer, Debian's {@code cmark-gfm} with GitHub's extensions
 * (autolink, table, strike-through, tag filter, task lists), over the hostile labels of
 * {@code src/test/resources/malicious/markdown/labels.json}: each label is a snapshot name, a budget path, a line
 * and an unreadable dump with its error. The HTML links nothing (no {@code <a>}, no {@code <img>}, no raw HTML),
 * every table row keeps its cells, and every label reads as it is, in a {@code <code>} element, with bidirectional
 * formatting characters shown as escapes.
 *
 * <p>Needs {@code cmark-gfm} ({@code apt-get install cmark-gfm}, as {@code .ci/run} does; or {@code -Dmemflame.cmark}
 * / {@code CMARK_GFM}). Without it the test is skipped, except when {@code CI=true}: then it fails.
 */
class MarkdownRenderedTest {
    private static final Path LABELS = Path.of("src/test/resources/malicious/markdown/labels.json");
    private static Path renderer;
    private static String skipReason;

    @BeforeAll
    static void findRenderer() {
        String configured = System.getProperty("memflame.cmark", System.getenv("CMARK_GFM"));
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty()) {
                candidates.add(Path.of(directory, "cmark-gfm"));
            }
        }
        renderer = candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (renderer == null) {
            String message = "cmark-gfm is not installed: no cmark-gfm on the PATH (or -Dmemflame.cmark / CMARK_GFM). "
                    + "Install it with 'apt-get install -y cmark-gfm', as .ci/run does.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so the GFM rendering test must run, but " + message);
            }
            skipReason = message;
        }
    }

    /** GitHub's job summary, as near as a local renderer gets: cmark-gfm with the extensions GitHub enables. */
    private static String render(String markdown) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(renderer.toString(), "-e", "autolink", "-e", "table", "-e",
                "strikethrough", "-e", "tagfilter", "-e", "tasklist").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(markdown.getBytes(StandardCharsets.UTF_8));
        }
        byte[] html = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "cmark-gfm did not finish");
        assertEquals(0, process.exitValue(), new String(html, StandardCharsets.UTF_8));
        return new String(html, StandardCharsets.UTF_8);
    }

    private static List<String> labels() throws IOException {
        List<String> labels = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper().readTree(LABELS.toFile())) {
            labels.add(entry.get("label").asText());
        }
        return labels;
    }

    /** A report where each label is a snapshot (grown since the baseline at the line {@code LABEL:9}) and a budget. */
    private static CheckReport hostileReport(List<String> labels) {
        List<SnapshotReport> snapshots = new ArrayList<>();
        List<BudgetResult> budgets = new ArrayList<>();
        List<UnreadableSnapshot> unreadable = new ArrayList<>();
        for (String label : labels) {
            FoldedSnapshot after = Snapshots.named(label).add(2048, "main.py:1", label + ":9").build();
            FoldedSnapshot before = Snapshots.named(label).add(1024, "main.py:1", label + ":9").build();
            snapshots.add(SnapshotReport.of(after, before, SvgOptions.defaults()));
            budgets.add(new BudgetResult(new Budget(label, 1000, "1000 B", Scope.SELF, null), label, 2048,
                    BudgetStatus.EXCEEDED, List.of()));
            unreadable.add(new UnreadableSnapshot(label, label + ": at byte 0: expected a tracemalloc opcode"));
        }
        return new CheckReport(false, snapshots, budgets, unreadable);
    }

    /** A label as a reader must see it: one line, control characters as U+FFFD, bidirectional ones as escapes. */
    private static String shown(String label) {
        StringBuilder out = new StringBuilder();
        for (char c : BidiControls.visible(Markup.sanitize(Markup.oneLine(label))).toCharArray()) {
            out.append(c >= 0x7f && c <= 0x9f ? Markup.REPLACEMENT : c);
        }
        return out.toString();
    }

    @Test
    void hostileLabelsRenderAsTheyReadAndLinkNothing() throws Exception {
        Assumptions.assumeTrue(renderer != null, skipReason);
        List<String> labels = labels();
        String html = render(MarkdownSummary.text(hostileReport(labels)));

        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                ("<body>" + html + "</body>").getBytes(StandardCharsets.UTF_8)));
        for (String element : List.of("a", "img", "script", "input", "del", "em", "h1", "blockquote")) {
            assertEquals(0, page.getElementsByTagName(element).getLength(), "<" + element + "> in\n" + html);
        }
        assertTrue(!html.contains("raw HTML omitted") && !html.contains("<!--"), html);
        assertTrue(html.chars().noneMatch(BidiControls::is), "a bidirectional formatting character in\n" + html);

        Set<String> code = new HashSet<>();
        NodeList codes = page.getElementsByTagName("code");
        for (int i = 0; i < codes.getLength(); i++) {
            code.add(codes.item(i).getTextContent());
        }
        for (String label : labels) {
            String shown = shown(label);
            assertTrue(code.contains(shown), "snapshot, budget path, dump '" + shown + "' not shown as it is");
            assertTrue(code.contains(shown + ":9"), "line '" + shown + ":9' not shown as it is");
            assertTrue(code.contains(shown + ": at byte 0: expected a tracemalloc opcode"), "error of " + shown);
        }
        // Every row of the budgets table has its 6 cells, every row of a lines table its 4: no label split one.
        NodeList rows = page.getElementsByTagName("tr");
        int budgetRows = 0;
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            int cells = row.getElementsByTagName("td").getLength() + row.getElementsByTagName("th").getLength();
            assertTrue(cells == 6 || cells == 4, cells + " cells in a row of\n" + html);
            budgetRows += cells == 6 ? 1 : 0;
        }
        assertEquals(labels.size() + 1, budgetRows);
    }

    /** What GitHub would have linked on main, where names were only backslash-escaped: the renderer does link it. */
    @Test
    void theRendererLinksWhatThePlainTextOfANameWouldHave() throws Exception {
        Assumptions.assumeTrue(renderer != null, skipReason);
        for (String label : List.of("https://evil.example/login.py:9", "www.evil.example.folded",
                "mailto:x@evil.example.py", "\\[click\\](https://evil.example)")) {
            assertTrue(render(label + "\n").contains("<a href="), label);
        }
    }
}
