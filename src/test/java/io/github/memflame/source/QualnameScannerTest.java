package io.github.memflame.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the oracle corpus cannot hold: files Python itself would refuse, which must still not break a build. */
class QualnameScannerTest {

    @Test
    void fStringsNestedDeeperThanPythonAllowsDoNotExhaustTheStack() {
        String deep = "f'{".repeat(100_000);
        EnclosingNames names = QualnameScanner.scan("def f():\n    return " + deep + "\n\ndef g():\n    pass\n");
        assertEquals(5, names.lineCount());
        assertEquals("f", names.at(2));
    }

    @Test
    void anUnterminatedStringEndsAtItsLineAndALinePastTheEndIsRefused() {
        EnclosingNames names = QualnameScanner.scan("class A:\n    x = 'open\n    def m(self):\n        pass\n");
        assertEquals("A.m", names.at(4));
        assertThrows(IndexOutOfBoundsException.class, () -> names.at(5));
        assertEquals(0, QualnameScanner.scan("").lineCount());
    }
}
