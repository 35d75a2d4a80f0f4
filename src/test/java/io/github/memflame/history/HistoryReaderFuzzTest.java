package io.github.memflame.history;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the history reader: the input is the one entry of a history directory. Nothing may
 * escape but an entry refused with a message that starts with its file; an entry read must write back to text that
 * reads as the same entry, and an entry whose text is kept to be copied must have been written exactly so; an entry
 * the reader of text exactly as written takes must read the same strictly, and its text be as written. Seeds in
 * {@code HistoryReaderFuzzTestInputs/entry} (the documented example in both formats, entries as written, and the
 * malicious corpus's smaller files); {@code mvn -Pfuzz test -Dtest=HistoryReaderFuzzTest} fuzzes.
 */
class HistoryReaderFuzzTest {
    private static final Path DIRECTORY = temporaryDirectory();
    private static final Path ENTRY = DIRECTORY.resolve(HistoryFormat.fileName(1));

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("memflame-history-fuzz");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(10)
    void entry(byte[] data) throws Exception {
        Files.write(ENTRY, data);
        HistoryReader.Read read = HistoryReader.read(DIRECTORY, 10);
        if (read.entries().size() + read.unreadable().size() != 1) {
            throw new AssertionError("one entry, read or refused; was " + read);
        }
        if (!read.unreadable().isEmpty()) {
            String message = read.unreadable().get(0).error();
            if (!message.startsWith(ENTRY.toString() + ": ")) {
                throw new AssertionError("unclear message: " + message);
            }
            return;
        }
        HistoryEntry entry = read.entries().get(0).entry();
        HistoryEntry asWritten = AsWrittenReader.read(data);
        if (asWritten != null) {
            HistoryJson.Parsed strictly = HistoryJson.parseStrictly("strictly", data);
            if (!asWritten.equals(strictly.entry()) || !HistoryJson.text(asWritten).equals(strictly.text())) {
                throw new AssertionError("read as written otherwise than strictly: " + asWritten + " / " + strictly);
            }
        }
        String written = HistoryJson.text(entry);
        String kept = read.entries().get(0).text();
        if (kept != null && !kept.equals(written)) {
            throw new AssertionError("kept to be copied, but written otherwise: " + kept + " / " + written);
        }
        HistoryEntry again = HistoryJson.read("again", written.getBytes(StandardCharsets.UTF_8));
        if (!again.equals(entry)) {
            throw new AssertionError("written and read back differently: " + entry + " / " + again);
        }
    }
}
