package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.fold.FlameTree;
import io.github.memflame.fold.FoldedSnapshot;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The inlined script and style arrive whole: nothing in them, and nothing in a label, ends them early. */
class AssetsTest {

    @Test
    void textThatWouldEndItsElementIsRefused() {
        for (String bad : List.of("a]]>b", "x</script>", "</style", "if (a</b) {}")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> Assets.inlineable("some.js", bad));
            assertTrue(refused.getMessage().contains("some.js"), refused.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> Assets.inlineable("some.css", "a{content:\"<\"}"));
        assertThrows(IllegalStateException.class, () -> Assets.inlineable("some.css", "a{content:\"&amp;\"}"));
        assertEquals("a < b && c", Assets.inlineable("some.js", "a < b && c"));
    }

    @Test
    void theFlameGraphScriptIsWholeWhateverTheLabelsHold() throws Exception {
        FoldedSnapshot snapshot = Snapshots.named("]]></script><script>alert(1)</script>.pickle")
                .add(100, "x]]>y.py:1", "</script>.py:2").add(50, "<![CDATA[.py:3").build();
        for (FlameTree.View view : FlameTree.View.values()) {
            SvgTestSupport.Rendered svg = SvgTestSupport.render(FlameTree.of(snapshot, view), snapshot.totalBytes(),
                    SvgOptions.defaults());
            NodeList scripts = svg.document().getElementsByTagNameNS("http://www.w3.org/2000/svg", "script");
            assertEquals(1, scripts.getLength());
            assertEquals("\n" + Assets.FLAME_GRAPH_SCRIPT, scripts.item(0).getTextContent(), view + " view");
            NodeList styles = svg.document().getElementsByTagNameNS("http://www.w3.org/2000/svg", "style");
            assertEquals(Assets.FLAME_GRAPH_STYLE, styles.item(0).getTextContent());
        }
    }

    @Test
    void theIndexScriptIsWholeWhateverTheNamesHold() throws Exception {
        FoldedSnapshot snapshot = Snapshots.named("//]]></script><script>alert(1)</script>.pickle")
                .add(100, "x]]>y.py:1").build();
        StringWriter html = new StringWriter();
        IndexPage.write(new CheckReport(true, List.of(Reports.report(snapshot)), List.of(), List.of()), html);
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.toString().getBytes(StandardCharsets.UTF_8)));
        NodeList scripts = page.getElementsByTagName("script");
        assertEquals(1, scripts.getLength());
        assertEquals("//\n" + Assets.INDEX_SCRIPT + RunTimeline.HOVER_SCRIPT + "//", scripts.item(0).getTextContent());
        assertEquals("\n" + Assets.INDEX_STYLE, page.getElementsByTagName("style").item(0).getTextContent());
    }
}
