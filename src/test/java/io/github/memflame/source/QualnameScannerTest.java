package io.github.memflame.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the oracle corpus cannot hold: files Python itself would refuse, which must still not break a build. */
class QualnameScannerTest {

    @Test
    void fStringsNestedDeeperThanPythonAllowsDoNotExhaustTheStack() throws SourceScanException {
        String deep = "f'{".repeat(100_000);
        EnclosingNames names = QualnameScanner.scan("def f():\n    return " + deep + "\n\ndef g():\n    pass\n");
        assertEquals(5, names.lineCount());
        assertEquals("f", names.at(2));
    }

    @Test
    void anUnterminatedStringEndsAtItsLineAndALinePastTheEndIsRefused() throws SourceScanException {
        EnclosingNames names = QualnameScanner.scan("class A:\n    x = 'open\n    def m(self):\n        pass\n");
        assertEquals("A.m", names.at(4));
        assertThrows(IndexOutOfBoundsException.class, () -> names.at(5));
        assertEquals(0, QualnameScanner.scan("").lineCount());
    }

    /**
     * Java counts U+00A0, U+2007 and U+202F as letters for a word's start but not its rest: the scanner read an
     * empty word, stayed in place and kept adding it, forever, until the heap ran out. Python refuses these
     * characters outside strings; each is now a token of its own.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u00a0", "\u2007", "\u202f"})
    void aSpaceThatIsNoIdentifierCharacterIsATokenOfItsOwn(String space) {
        EnclosingNames names = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> QualnameScanner.scan(
                "def f():\n    x" + space + "= 1\n    return f'{x" + space + "}'\n" + space + "\nclass C:\n"
                        + "    def m(self):\n        pass\n"));
        assertEquals(7, names.lineCount());
        assertEquals("f", names.at(3));
        assertEquals("C.m", names.at(7));
    }

    @Test
    void aNulCharacterIsRefusedAsPythonRefusesIt() {
        SourceScanException e = assertThrows(SourceScanException.class,
                () -> QualnameScanner.scan("x = 1\r\ny = 2\rdef f():\n    pass\u0000\n"));
        assertEquals("a NUL character on line 4: Python refuses source code with null bytes", e.getMessage());
    }

    @Test
    void moreDefinitionsThanTheLimitAreRefusedNamingTheLine() throws SourceScanException {
        String oneLiner = "def a(): pass\n";
        assertEquals("a", QualnameScanner.scan(oneLiner.repeat(QualnameScanner.MAX_DEFINITIONS)).at(1));
        SourceScanException e = assertThrows(SourceScanException.class,
                () -> QualnameScanner.scan(oneLiner.repeat(QualnameScanner.MAX_DEFINITIONS + 1)));
        assertEquals("more than 100000 definitions (line 100001)", e.getMessage());
    }

    @Test
    void moreGlobalNamesThanTheLimitAreRefused() throws SourceScanException {
        StringBuilder names = new StringBuilder("def f():\n    global g0");
        for (int i = 1; i < QualnameScanner.MAX_GLOBAL_NAMES; i++) {
            names.append(", g").append(i);
        }
        // The same name again is one name.
        assertEquals("f", QualnameScanner.scan(names + ", g0\n").at(2));
        SourceScanException e = assertThrows(SourceScanException.class,
                () -> QualnameScanner.scan(names + ", another\n"));
        assertEquals("more than 100000 names declared global (line 2)", e.getMessage());
    }

    /** Long names nested under a long name: each definition's qualified name repeats its parents'. */
    @Test
    void qualifiedNamesLongerThanTheLimitInAllAreRefused() {
        String name = "n".repeat(QualnameScanner.MAX_NAME_LENGTH);
        StringBuilder source = new StringBuilder("class ").append(name).append(":\n");
        for (int i = 0; i < 600; i++) {
            source.append("    def m").append(i).append(name, 0, 4000).append("(self): pass\n");
        }
        SourceScanException e = assertThrows(SourceScanException.class, () -> QualnameScanner.scan(source));
        assertEquals("qualified names of more than 4194304 characters in all (line 519)", e.getMessage());
    }
}
