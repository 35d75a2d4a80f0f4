package io.github.memflame.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FoldedStacksReaderTest {

    private static RecordingSink read(String text) throws Exception {
        RecordingSink sink = new RecordingSink();
        new FoldedStacksReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "s.folded",
                new Interner(), sink);
        return sink;
    }

    @Test
    void readsRootFirstStacksIntoMostRecentFirstTracebacks() throws Exception {
        RecordingSink sink = read("main.py:1;client/ui/bag.py:9 300\n\n[unknown];perl 7\r\nsolo 5\n");
        assertEquals(312, sink.total());
        Traceback bag = sink.traces.get(0).traceback();
        assertEquals(new Frame("client/ui/bag.py", 9), bag.frame(0));
        assertEquals(new Frame("main.py", 1), bag.frame(1));
        assertEquals(new Frame("perl", 0), sink.traces.get(1).traceback().frame(0));
        assertEquals(new Frame("[unknown]", 0), sink.traces.get(1).traceback().frame(1));
    }

    @Test
    void aFrameWithSpacesKeepsThemAndOnlyTheLastFieldIsTheCount() throws Exception {
        RecordingSink sink = read("C:/Program Files/game/a.py:3 12\n");
        assertEquals(new Frame("C:/Program Files/game/a.py", 3), sink.traces.get(0).traceback().frame(0));
    }

    @Test
    void aNonNumericOrNegativeCountNamesTheLineAndColumn() {
        DumpFormatException error = assertThrows(DumpFormatException.class, () -> read("a;b 1\na;b 12x\n"));
        assertEquals("line 2, column 5", error.position());
        assertEquals("'12x'", error.found());
        assertThrows(DumpFormatException.class, () -> read("a;b -4\n"));
        assertThrows(DumpFormatException.class, () -> read("a;b\n"));
        assertThrows(DumpFormatException.class, () -> read("a 99999999999999999999\n"));
    }
}
