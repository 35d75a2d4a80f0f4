package io.github.memflame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn memflame:help -Ddetail} prints comes from the descriptor maven-plugin-plugin generates out of the
 * mojos' javadoc; a {@code {@code ...}} block ends at its first {@code }}, so an example holding a Maven expression
 * came out as {@code ${project.basedir/src/test/memflame-baseline}}. Every example must read as it is to be pasted,
 * and no description may speak of the implementation.
 */
class HelpExamplesTest {
    private static final Path HELP = Path.of("target", "classes", "META-INF", "maven", "io.github.memflame",
            "memflame-maven-plugin", "plugin-help.xml");
    private static final Pattern DESCRIPTION = Pattern.compile("<description>(.*?)</description>", Pattern.DOTALL);
    /** An expression whose name runs into something other than its closing brace. */
    /** Words of the code, not of the user: the help says what a goal does, not how it is built. */
    private static final List<String> IMPLEMENTATION = List.of("AbstractMavenReport", "Maven-free", "MemflameCheck",
            "CheckSettings", "jackson", "Mojo");
    private static final Pattern BROKEN_EXPRESSION = Pattern.compile("\\$\\{[A-Za-z0-9_.]*[^A-Za-z0-9_.}]");

    @Test
    void everyExampleReadsAsItIsToBePasted() throws Exception {
        assertTrue(Files.isRegularFile(HELP), "the help descriptor is generated before the tests run: " + HELP);
        String help = Files.readString(HELP, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        Matcher description = DESCRIPTION.matcher(help);
        int descriptions = 0;
        while (description.find()) {
            descriptions++;
            String text = description.group(1);
            Matcher broken = BROKEN_EXPRESSION.matcher(text);
            while (broken.find()) {
                problems.add("a cut expression '" + broken.group() + "' in: " + excerpt(text, broken.start()));
            }
            for (String inside : IMPLEMENTATION) {
                if (text.contains(inside)) {
                    problems.add("the implementation ('" + inside + "') in: " + excerpt(text, text.indexOf(inside)));
                }
            }
            if (text.contains("{@")) {
                problems.add("a javadoc tag left as it is in: " + excerpt(text, text.indexOf("{@")));
            }
        }
        assertTrue(descriptions > 50, "descriptions found: " + descriptions);
        assertEquals(List.of(), problems);
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 80)).replace('\n', ' ');
    }
}
