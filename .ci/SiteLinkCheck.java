import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the links of a built Maven site: every relative href or src of every HTML page must name a file of the
 * site, and every #fragment an id or anchor name in the page it points to. Links with a scheme (https:, mailto:)
 * are counted, not fetched: CI has no network beyond package registries.
 *
 * <p>Run as a single-file program: {@code java .ci/SiteLinkCheck.java target/site}. Exits 1 naming every broken
 * link with its page.
 */
public final class SiteLinkCheck {
    private static final Pattern LINK = Pattern.compile("(?i)\\s(?:href|src)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern ANCHOR = Pattern.compile("(?i)\\s(?:id|name)\\s*=\\s*\"([^\"]*)\"");

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: java .ci/SiteLinkCheck.java SITE_DIRECTORY (a directory that mvn site built)");
            System.exit(2);
        }
        Path site = Path.of(args[0]).toAbsolutePath().normalize();
        List<Path> pages;
        try (Stream<Path> files = Files.walk(site)) {
            pages = files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
        }
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        int external = 0;
        for (Path page : pages) {
            Matcher link = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (link.find()) {
                String target = link.group(1).replace("&amp;", "&");
                URI uri;
                try {
                    uri = new URI(target);
                } catch (URISyntaxException e) {
                    broken.add(site.relativize(page) + ": '" + target + "' is not a valid link");
                    continue;
                }
                if (uri.getScheme() != null || target.startsWith("//")) {
                    external++;
                    continue;
                }
                checked++;
                String path = uri.getRawPath() == null ? "" : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
                Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
                if (Files.isDirectory(file)) {
                    file = file.resolve("index.html");
                }
                if (!file.startsWith(site) || !Files.isRegularFile(file)) {
                    broken.add(site.relativize(page) + ": '" + target + "' names no file of the site");
                } else if (uri.getFragment() != null && !uri.getFragment().isEmpty() && file.toString().endsWith(".html")
                        && !anchorsOf(file, anchors).contains(uri.getFragment())) {
                    broken.add(site.relativize(page) + ": '" + target + "' names no anchor of " + site.relativize(file));
                }
            }
        }
        System.out.println("Site links: " + pages.size() + " pages, " + checked + " links within the site checked, "
                + external + " external links not fetched, " + broken.size() + " broken");
        broken.forEach(line -> System.out.println("  broken: " + line));
        System.exit(broken.isEmpty() && !pages.isEmpty() ? 0 : 1);
    }

    private static Set<String> anchorsOf(Path page, Map<Path, Set<String>> cache) throws IOException {
        Set<String> found = cache.get(page);
        if (found == null) {
            found = new HashSet<>();
            Matcher anchor = ANCHOR.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (anchor.find()) {
                found.add(anchor.group(1));
            }
            cache.put(page, found);
        }
        return found;
    }
}
