package io.github.memflame.check;

import java.util.ArrayList;
import java.util.List;

/** Records what a check run tells, as the CI log would show it: {@code [INFO] line}, {@code [WARNING] line}. */
public final class RecordingListener implements CheckListener {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(String line) {
        lines.add("[INFO] " + line);
    }

    @Override
    public synchronized void warning(String line) {
        lines.add("[WARNING] " + line);
    }

    @Override
    public synchronized void error(String line) {
        lines.add("[ERROR] " + line);
    }

    /** Every line told so far, with the read and draw times that end a snapshot's line taken out: what does not vary. */
    public synchronized List<String> linesWithoutTimes() {
        return lines.stream()
                .map(line -> line.replaceAll(" \\(read in [0-9.]+ m?s, drawn in [0-9.]+ m?s\\)$", ""))
                .toList();
    }

    /** Every line told so far, in order, with its level. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
