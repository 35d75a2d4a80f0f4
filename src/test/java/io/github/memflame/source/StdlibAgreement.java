package io.github.memflame.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scanner against Python's {@code ast} over whole standard libraries, on demand (it needs the pyenv
 * interpreters): {@code mvn -Pqualname-stdlib verify}. The oracles are written by
 * {@code make_qualname_oracle.py --stdlib DIR}; this prints the agreement per Python version and every line
 * that differs. Figures go to src/site/markdown/function-names.md.
 */
public final class StdlibAgreement {
    private static final int DISAGREEMENTS_PRINTED = 40;

    private StdlibAgreement() {
    }

    /** {@code stdlib-3.9.18.json} before {@code stdlib-3.10.13.json}. */
    private static String versionKey(Path oracle) {
        StringBuilder key = new StringBuilder();
        for (String part : oracle.getFileName().toString().replaceAll("[^0-9.]", "").split("\\.")) {
            key.append(String.format(Locale.ROOT, "%06d", part.isEmpty() ? 0 : Integer.parseInt(part)));
        }
        return key.toString();
    }

    public static void main(String[] args) throws IOException {
        List<Path> oracles;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            oracles = files.filter(p -> p.getFileName().toString().matches("stdlib-.*\\.json"))
                    .sorted(Comparator.comparing(StdlibAgreement::versionKey)).toList();
        }
        if (oracles.isEmpty()) {
            throw new IllegalArgumentException("no stdlib-*.json oracle in " + args[0]);
        }
        ObjectMapper mapper = new ObjectMapper();
        System.out.println("| Python | files | lines | lines agreeing | agreement | files Python does not compile |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        List<String> report = new ArrayList<>();
        for (Path oraclePath : oracles) {
            JsonNode oracle = mapper.readTree(oraclePath.toFile());
            Path base = Path.of(oracle.get("base").asText());
            long lines = 0;
            long agreeing = 0;
            List<String> disagreements = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = oracle.get("files").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> file = it.next();
                EnclosingNames names;
                try {
                    names = QualnameScanner.scan(PythonSourceDecoder.decode(Files.readAllBytes(base.resolve(file.getKey()))));
                } catch (CharacterCodingException | SourceScanException e) {
                    names = null;
                }
                for (JsonNode run : file.getValue().get("runs")) {
                    for (int line = run.get(0).asInt(); line <= run.get(1).asInt(); line++) {
                        lines++;
                        String expected = run.get(2).asText();
                        String actual = names == null || line > names.lineCount() ? "(no name)" : names.at(line);
                        if (expected.equals(actual)) {
                            agreeing++;
                        } else {
                            disagreements.add(file.getKey() + ":" + line + " Python " + expected + ", scanner " + actual);
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.4f%% | %d |%n", oracle.get("python").asText(),
                    oracle.get("files").size(), lines, agreeing, 100.0 * agreeing / Math.max(1, lines),
                    oracle.get("skipped").size());
            report.add("Python " + oracle.get("python").asText() + ": " + disagreements.size() + " lines differ");
            disagreements.stream().limit(DISAGREEMENTS_PRINTED).forEach(d -> report.add("  " + d));
            if (disagreements.size() > DISAGREEMENTS_PRINTED) {
                report.add("  ... and " + (disagreements.size() - DISAGREEMENTS_PRINTED) + " more");
            }
        }
        report.forEach(System.out::println);
    }
}
