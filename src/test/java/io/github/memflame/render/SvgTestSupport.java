package io.github.memflame.render;

import io.github.memflame.fold.FlameTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Renders a flame graph and reads its frames back with the JDK's DOM parser. */
final class SvgTestSupport {
    private SvgTestSupport() {
    }

    record Rendered(byte[] bytes, String text, Document document, List<FrameElement> frames) {
        FrameElement root() {
            return frames.get(0);
        }
    }

    /**
     * One frame ({@code g} child of {@code g#frames}), with its parent found the way the script finds it:
     * document order and depth.
     */
    static final class FrameElement {
        final Element g;
        final String label;
        /** data-bytes, or the parent's bytes when the frame has none (it holds all of them). */
        long bytes;
        /** data-traces, or the parent's. */
        long traces;
        /** The static tooltip: the frame's full name. */
        final String title;
        final double x;
        final double y;
        final double width;
        final String fill;
        /** The label drawn, empty when the frame is too narrow for one. */
        final String text;
        int depth;
        FrameElement parent;
        final List<FrameElement> children = new ArrayList<>();

        FrameElement(Element g) {
            this.g = g;
            this.title = g.getElementsByTagName("title").item(0).getTextContent();
            this.label = g.hasAttribute("data-label") ? g.getAttribute("data-label") : title;
            this.bytes = g.hasAttribute("data-bytes") ? Long.parseLong(g.getAttribute("data-bytes")) : -1;
            this.traces = g.hasAttribute("data-traces") ? Long.parseLong(g.getAttribute("data-traces")) : -1;
            Element rect = (Element) g.getElementsByTagName("rect").item(0);
            this.x = Double.parseDouble(rect.getAttribute("x"));
            this.y = Double.parseDouble(rect.getAttribute("y"));
            this.width = Double.parseDouble(rect.getAttribute("width"));
            this.fill = rect.getAttribute("fill");
            NodeList texts = g.getElementsByTagName("text");
            this.text = texts.getLength() == 0 ? "" : texts.item(0).getTextContent();
        }

        String name() {
            return title;
        }
    }

    static Rendered render(FlameTree tree, long snapshotTotal, SvgOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SvgFlameGraph.write(tree, snapshotTotal, options, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(out.toByteArray(), options);
    }

    static Rendered parse(byte[] bytes, SvgOptions options) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("the SVG is not valid UTF-8", e);
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new AssertionError("the SVG is not well-formed XML: " + e.getMessage(), e);
        }
        NodeList groups = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        List<FrameElement> frames = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getParentNode() instanceof Element parent && parent.getAttribute("id").equals("frames")) {
                frames.add(new FrameElement(g));
            }
        }
        if (!frames.isEmpty()) {
            double y0 = frames.get(0).y;
            List<FrameElement> open = new ArrayList<>();
            for (FrameElement frame : frames) {
                frame.depth = (int) Math.round(Math.abs(frame.y - y0) / options.frameHeight());
                while (open.size() > frame.depth) {
                    open.remove(open.size() - 1);
                }
                if (!open.isEmpty()) {
                    frame.parent = open.get(open.size() - 1);
                    frame.parent.children.add(frame);
                    frame.bytes = frame.bytes < 0 ? frame.parent.bytes : frame.bytes;
                    frame.traces = frame.traces < 0 ? frame.parent.traces : frame.traces;
                }
                open.add(frame);
            }
        }
        return new Rendered(bytes, text, document, frames);
    }
}
