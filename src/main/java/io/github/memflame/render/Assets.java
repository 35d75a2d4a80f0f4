package io.github.memflame.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The reports' script and style sheets, kept as files next to this class ({@code flamegraph.js},
 * {@code flamegraph.css}, {@code index.js}, {@code index.css}) and inlined into every report so that each file
 * stands alone. Read once; each is checked when loaded to be safe to inline: nothing in it may end the
 * {@code <script>}, {@code <style>} or CDATA section it is written into.
 */
final class Assets {
    static final String FLAME_GRAPH_SCRIPT = load("flamegraph.js");
    static final String FLAME_GRAPH_STYLE = load("flamegraph.css");
    static final String INDEX_SCRIPT = load("index.js");
    static final String INDEX_STYLE = load("index.css");

    private Assets() {
    }

    private static String load(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("memflame is missing its resource " + name);
            }
            return inlineable(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read memflame's resource " + name, e);
        }
    }

    /**
     * The text, if it can be written inside {@code <script>}, {@code <style>} or a CDATA section of an HTML or
     * XML document without ending it early: no {@code ]]>} and no end tag ({@code </}). A style sheet is written
     * outside CDATA in the polyglot index page, so it may not hold {@code <} or {@code &} either.
     *
     * @throws IllegalStateException naming the resource and what it holds
     */
    static String inlineable(String name, String text) {
        String forbidden = text.contains("]]>") ? "]]>" : text.contains("</") ? "</" : null;
        if (forbidden == null && name.toLowerCase(Locale.ROOT).endsWith(".css")) {
            forbidden = text.indexOf('<') >= 0 ? "<" : text.indexOf('&') >= 0 ? "&" : null;
        }
        if (forbidden != null) {
            throw new IllegalStateException("memflame's resource " + name + " contains '" + forbidden
                    + "', which would end the element it is inlined into");
        }
        return text;
    }
}
