package io.github.memflame.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The layers a page's run charts draw, read back from its markup for tests. */
public final class TimelineLayers {
    private static final Pattern PART = Pattern.compile("<a class=\"tl-snapshot\"[^>]* data-snapshot=\"([^\"]+)\"|"
            + "<rect class=\"tl-layer\"[^>]* data-layer=\"([^\"]+)\" data-bytes=\"(\\d+)\"");

    private TimelineLayers() {
    }

    /** {@code snapshot layer bytes} of every layer, in drawing order. */
    public static List<String> of(String page) {
        List<String> layers = new ArrayList<>();
        Matcher part = PART.matcher(page);
        String name = null;
        while (part.find()) {
            if (part.group(1) != null) {
                name = part.group(1);
            } else {
                layers.add(name + " " + part.group(2) + " " + part.group(3));
            }
        }
        return layers;
    }
}
