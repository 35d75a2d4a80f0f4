package io.github.memflame.render;

import io.github.memflame.format.Numbers;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** The parts the index and the aggregate page share: links, sortable table headers and figure cells, counts. */
final class PageParts {
    private PageParts() {
    }

    /** A relative link to a report file: each {@code /}-separated segment percent-encoded as UTF-8. */
    static String href(String relativePath) {
        StringBuilder out = new StringBuilder(relativePath.length() + 16);
        for (byte b : Markup.sanitize(relativePath).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$()*,;=@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        // ':' is encoded too, so a name never reads as a URL scheme such as javascript:.
        return out.toString();
    }

    /** {@code <a class="..." href="...">text</a>}; {@code href} is already encoded, {@code cssClass} may be null. */
    static void link(Markup html, String href, String text, String cssClass) {
        html.constant("<a");
        if (cssClass != null) {
            html.attribute("class", cssClass);
        }
        html.attribute("href", href).constant(">").text(text).constant("</a>");
    }

    /** A header of a table the page's script sorts, by number or by text. */
    static void header(Markup html, String text, boolean numeric) {
        html.constant("<th tabindex=\"0\"").attribute("data-type", numeric ? "number" : "text").constant(">")
                .text(text).constant("</th>");
    }

    static void numberCell(Markup html, long value) {
        html.constant("<td class=\"num\"").attribute("data-value", value).constant(">")
                .text(Numbers.grouped(value)).constant("</td>");
    }

    /** A byte figure, exact in its title, with how the POM spelled it when {@code configured} is not blank. */
    static void bytesCell(Markup html, long bytes, String configured) {
        html.constant("<td class=\"num\"").attribute("data-value", bytes)
                .attribute("title", Numbers.grouped(bytes) + " bytes" + (configured == null || configured.isBlank()
                        ? "" : " (configured as " + configured + ")"))
                .constant(">").text(Numbers.bytes(bytes)).constant("</td>");
    }

    /** A byte figure that may exceed a {@code long}: the total of a module's snapshots. */
    static void bytesCell(Markup html, BigInteger bytes) {
        html.constant("<td class=\"num\"").attribute("data-value", bytes.toString())
                .attribute("title", Numbers.grouped(bytes) + " bytes").constant(">").text(Numbers.bytes(bytes))
                .constant("</td>");
    }

    /** {@code 1 snapshot}, {@code 3 snapshots}. */
    static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
