package io.github.memflame.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.memflame.budget.Budget;
import io.github.memflame.budget.Scope;
import io.github.memflame.read.DumpLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Hostile names and labels through the whole pipeline: every output file of a run over the XSS fixtures is
 * scanned for markup that is not the renderer's own, and no report file lands outside the output directory.
 */
class HostileReportTest {
    /** Frame labels an attacker controls (file names in the dump), each on its own stack. */
    static final List<String> HOSTILE_LABELS = List.of(
            "]]>", "</script><script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)", "'><svg onload=alert(1)>", "<![CDATA[x]]>", "a&b\"c'.py", "\u0001\u001b[31mred",
            "<?xml version=\"1.0\"?>", "&lt;already escaped&gt;", "x\u2028y\u2029z", "<!-- comment -->");

    @TempDir
    Path temp;

    private final RecordingListener log = new RecordingListener();

    private static CheckSettings settings(Path snapshots, Path output) {
        return CheckSettingsBuilder.snapshots(snapshots).failOnUnreadable(false).output(output).build();
    }

    private Path hostileSnapshots() throws IOException {
        Path snapshots = Files.createDirectories(temp.resolve("snapshots"));
        Files.copy(Path.of("src/test/resources/fixtures/edge/xss.pickle"), snapshots.resolve("xss.pickle"));
        Files.copy(Path.of("src/test/resources/fixtures/edge/lone-surrogate.pickle"),
                snapshots.resolve("lone-surrogate.pickle"));
        StringBuilder folded = new StringBuilder();
        int line = 1;
        for (String label : HOSTILE_LABELS) {
            folded.append("main.py:1;").append(label).append(';').append(label).append(":").append(line).append(' ')
                    .append(100 * line++).append('\n');
        }
        Files.writeString(snapshots.resolve("labels.folded"), folded);
        // The snapshot name itself comes from a file name: markup in it must be escaped too.
        Path nested = Files.createDirectories(snapshots.resolve("<b>dir</b>/javascript:alert(1)"));
        Files.writeString(nested.resolve("\"><img src=x onerror=alert(1)>.folded"), "a.py:1;b.py:2 64\n");
        return snapshots;
    }

    @Test
    void everyOutputOfTheXssFixturesCarriesOnlyTheRenderersOwnMarkup() throws Exception {
        Path output = temp.resolve("out/memflame");
        // A budget on every snapshot puts every hostile snapshot name into the budget tables too.
        Budget everything = new Budget("", 1L << 30, "1 GiB", Scope.SELF, null);
        CheckSettings settings = CheckSettingsBuilder.snapshots(hostileSnapshots()).failOnUnreadable(false)
                .budgets(List.of(everything)).output(output).build();
        CheckOutcome outcome = new MemflameCheck(settings, log).run();
        assertEquals(4, outcome.report().snapshots().size());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(output)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        int svgs = 0;
        int folded = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes = name.endsWith(".gz") ? GzipText.bytes(Files.readAllBytes(file)) : Files.readAllBytes(file);
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            if (name.endsWith(".svg")) {
                scanMarkup(file, parse(bytes), 1);
                svgs++;
            } else if (name.equals("index.html")) {
                scanMarkup(file, parse(bytes), 1);
            } else if (name.equals("memflame.json")) {
                new ObjectMapper().readTree(bytes);
            } else if (name.equals("memflame.md")) {
                scanMarkdown(file, new String(bytes, StandardCharsets.UTF_8));
            } else if (name.endsWith(".folded.gz")) {
                scanFolded(file, Files.readAllBytes(file), bytes);
                folded++;
            } else if (name.equals(".memflame-report")) {
                new ObjectMapper().readTree(bytes);
            } else if (name.endsWith(".lines.txt")) {
                // One row per line: a name's line break, tab or other control character is written escaped.
                String text = new String(bytes, StandardCharsets.UTF_8);
                assertTrue(text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n'), file.toString());
                assertTrue(text.lines().skip(1).allMatch(row -> row.matches(" *\\d+ +\\d+  .+  .+")), text);
            } else {
                fail("unexpected output file " + file);
            }
        }
        assertEquals(8, svgs);
        assertEquals(8, folded);
    }

    /**
     * What reaches the CI log: hostile labels as plain text, each log line one line, with no terminal escape or
     * line separator left (they become U+FFFD); markup stays as it is, a log is not HTML.
     */
    @Test
    void theCiLogShowsHostileLabelsAsPlainTextOnLinesOfTheirOwn() throws Exception {
        Path output = temp.resolve("out/memflame");
        Budget whole = new Budget("", 1, "1 B", Scope.SELF, "labels.folded");
        CheckSettings settings = CheckSettingsBuilder.snapshots(hostileSnapshots()).failOnUnreadable(false)
                .budgets(List.of(whole)).output(output).build();
        new MemflameCheck(settings, log).run();
        List<String> lines = log.lines();
        int sites = lines.indexOf("[ERROR]   largest allocation sites counted:");
        assertTrue(sites > 0, String.join("\n", lines));
        assertEquals(List.of(
                "[ERROR]        1.2 KiB  <!-- comment -->:12",
                "[ERROR]        1.1 KiB  x\uFFFDy\uFFFDz:11",
                // ';' separates frames in folded stacks: "&lt;already escaped&gt;:10" is three frames, the last ":10".
                "[ERROR]         1000 B  :10",
                "[ERROR]          900 B  <?xml version=\"1.0\"?>:9",
                "[ERROR]          800 B  \uFFFD\uFFFD[31mred:8"), lines.subList(sites + 1, sites + 6));
        assertTrue(log.linesWithoutTimes().contains("[INFO] <b>dir</b>/javascript:alert(1)/\"><img src=x "
                + "onerror=alert(1)>.folded: folded, 1 traces, 64 B"), String.join("\n", lines));
        for (String line : lines) {
            assertTrue(line.chars().noneMatch(c -> (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)
                    || c == 0x2028 || c == 0x2029), "a control character in the log line " + line);
        }
    }

    /**
     * Names are code spans, whose content GFM shows as it is: with every code span and every backslash escape
     * taken out, nothing is left that opens markup (HTML, code, a link, an entity, strike-through, math), a table
     * row has exactly the renderer's cells (a {@code |} in a name is escaped, inside its code span too), and no
     * name started a line. What a GFM renderer makes of it is {@code MarkdownRenderedTest}'s.
     */
    private static void scanMarkdown(Path file, String markdown) {
        for (String line : markdown.split("\n", -1)) {
            String outside = withoutCodeSpans(line).replaceAll("\\\\.", "");
            assertTrue(outside.chars().noneMatch(c -> "<>`[]&~$".indexOf(c) >= 0), file + ": " + line);
            if (line.startsWith("| ") && !line.startsWith("| Path ")) {
                assertEquals(7, line.replaceAll("\\\\.", "").chars().filter(c -> c == '|').count(),
                        file + ": " + line);
            } else {
                assertTrue(line.isEmpty() || line.startsWith("#") || line.startsWith("|---") || line.startsWith("| ")
                        || Character.isDigit(line.charAt(0)) || line.startsWith("No budgets"), file + ": " + line);
            }
        }
    }

    /** The line without its code spans: a run of backticks up to the next run of as many. */
    private static String withoutCodeSpans(String line) {
        StringBuilder outside = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) != '`') {
                outside.append(line.charAt(i++));
                continue;
            }
            int fence = i;
            while (i < line.length() && line.charAt(i) == '`') {
                i++;
            }
            String run = line.substring(fence, i);
            int close = i;
            while ((close = line.indexOf(run, close)) >= 0
                    && (close + run.length() < line.length() && line.charAt(close + run.length()) == '`'
                    || close > 0 && line.charAt(close - 1) == '`')) {
                close++;
            }
            if (close < 0) {
                outside.append(run);
            } else {
                i = close + run.length();
            }
        }
        return outside.toString();
    }

    private static Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(bytes));
    }

    /** One script (the renderer's), no inline event handler at all, no javascript: link, no foreign elements. */
    private static void scanMarkup(Path file, Document document, int scripts) {
        NodeList all = document.getElementsByTagNameNS("*", "*");
        int scriptCount = 0;
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            String tag = element.getLocalName().toLowerCase(Locale.ROOT);
            assertFalse(List.of("img", "iframe", "object", "embed", "foreignobject", "svg:script", "b", "style")
                    .contains(tag) && !(tag.equals("style") && isRendererStyle(element)),
                    file + ": element <" + tag + ">");
            if (tag.equals("script")) {
                scriptCount++;
                String code = element.getTextContent();
                assertFalse(code.contains("alert("), file + ": a script with alert(");
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
                // The renderer attaches its handlers with addEventListener: no on* attribute is its own.
                assertFalse(name.toLowerCase(Locale.ROOT).startsWith("on"), file + ": attribute " + name + "=\""
                        + attribute.getValue() + "\" on <" + tag + ">");
                if (name.equals("href") || name.equals("src") || name.equals("action")) {
                    String value = attribute.getValue().strip().toLowerCase(Locale.ROOT);
                    assertFalse(value.startsWith("javascript:") || value.startsWith("data:")
                            || value.startsWith("vbscript:"), file + ": " + name + "=\"" + attribute.getValue() + "\"");
                }
            }
        }
        assertEquals(scripts, scriptCount, file + ": script elements");
    }

    private static boolean isRendererStyle(Element style) {
        return !style.getTextContent().contains("alert");
    }

    /** Every line of an exported folded file is one stack: no label can break a line and forge another. */
    /** The folded export as written (gzip) and decompressed: each line one stack, and memflame reads it back. */
    private static void scanFolded(Path file, byte[] written, byte[] bytes) throws Exception {
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String line : text.split("\n", -1)) {
            assertFalse(line.indexOf('\r') >= 0, file + ": a carriage return in a line");
            if (!line.isEmpty()) {
                assertTrue(line.matches("(?s).* [0-9]+"), file + ": line without a count: " + line);
            }
        }
        Path copy = Files.write(file.resolveSibling(".check.gz"), written);
        try {
            new DumpLoader(StandardCharsets.UTF_8, 1L << 30).load(copy, file.toString(), (size, tb) -> { });
        } finally {
            Files.delete(copy);
        }
    }

    @Test
    void reportFilesOfNestedSnapshotsStayInsideTheOutputDirectory() throws Exception {
        Path snapshots = Files.createDirectories(temp.resolve("snapshots/a/b"));
        Files.writeString(snapshots.resolve("deep.folded"), "a.py:1 10\n");
        Files.writeString(Files.createDirectories(temp.resolve("snapshots/..x")).resolve("..y.folded"), "b 1\n");
        Path output = temp.resolve("out/memflame");
        new MemflameCheck(settings(temp.resolve("snapshots"), output), log).run();
        assertTrue(Files.isRegularFile(output.resolve("a/b/deep.folded.path.svg")));
        assertTrue(Files.isRegularFile(output.resolve("..x/..y.folded.stack.folded.gz")));
        assertOnlyUnder(temp.resolve("out"), output);
    }

    /**
     * A symlink in the snapshot directory to a directory or file outside: neither is read (a file outside the
     * directory memflame was given is never read, nor quoted in an error), each is named in a warning, and the report
     * still lands in place.
     */
    @Test
    void symlinksInTheSnapshotDirectoryCannotMoveReportFiles() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.folded"), "s.py:1 5\n");
        Path snapshots = Files.createDirectories(temp.resolve("snapshots"));
        Files.writeString(snapshots.resolve("own.folded"), "o.py:1 7\n");
        Files.createSymbolicLink(snapshots.resolve("linked-dir"), Path.of("../outside"));
        Files.createSymbolicLink(snapshots.resolve("linked-file.folded"), Path.of("../outside/secret.folded"));
        Path output = temp.resolve("out/memflame");
        CheckOutcome outcome = new MemflameCheck(settings(snapshots, output), log).run();
        List<String> names = outcome.report().snapshots().stream().map(s -> s.snapshot().name()).toList();
        assertEquals(List.of("own.folded"), names, "a linked directory is not walked, a linked file outside not read");
        assertTrue(log.lines().contains("[WARNING] Snapshot directory entry linked-dir is a symbolic link to a "
                + "directory (../outside): not walked"), log.lines().toString());
        assertTrue(log.lines().contains("[WARNING] Snapshot directory entry linked-file.folded is a symbolic link to a "
                + "file outside the snapshot directory (../outside/secret.folded): not read"), log.lines().toString());
        assertOnlyUnder(temp.resolve("out"), output);
        try (Stream<Path> walk = Files.walk(outside)) {
            assertEquals(1, walk.filter(Files::isRegularFile).count(), "nothing written next to the link target");
        }
    }

    /**
     * Everything under {@code root} is inside {@code output} (no staging or old directory left either), but for the
     * lock file concurrent runs take turns on, next to it.
     */
    private static void assertOnlyUnder(Path root, Path output) throws IOException {
        Path lock = output.resolveSibling("." + output.getFileName() + ".lock");
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root) && !p.equals(lock)).forEach(p -> assertTrue(
                    p.normalize().startsWith(output), p + " is outside " + output));
        }
    }
}
