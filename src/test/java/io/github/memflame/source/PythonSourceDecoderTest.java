package io.github.memflame.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import org.junit.jupiter.api.Test;

class PythonSourceDecoderTest {

    @Test
    void defaultIsUtf8AndABomIsDropped() throws CharacterCodingException {
        assertEquals("x = 'é'\n", PythonSourceDecoder.decode("x = 'é'\n".getBytes(StandardCharsets.UTF_8)).toString());
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', '\n'};
        assertEquals("x\n", PythonSourceDecoder.decode(bom).toString());
    }

    @Test
    void cookieOnLineOneOrOnLineTwoAfterAComment() throws CharacterCodingException {
        Charset gbk = Charset.forName("GBK");
        String first = "# -*- coding: gbk -*-\ns = '背包'\n";
        assertEquals(first, PythonSourceDecoder.decode(first.getBytes(gbk)).toString());
        String second = "#!/usr/bin/env python\n# vim: set fileencoding=cp936 :\ns = '背包'\n";
        assertEquals(second, PythonSourceDecoder.decode(second.getBytes(gbk)).toString());
        String latin = "# coding=latin-1\ns = 'é'\n";
        assertEquals(latin, PythonSourceDecoder.decode(latin.getBytes(StandardCharsets.ISO_8859_1)).toString());
    }

    @Test
    void noCookieAfterACodeLine() {
        // Python looks at line 2 only when line 1 is a comment or blank: this file is UTF-8, and GBK bytes fail.
        byte[] source = "x = 1\n# coding: gbk\ns = '背包'\n".getBytes(Charset.forName("GBK"));
        assertThrows(CharacterCodingException.class, () -> PythonSourceDecoder.decode(source));
    }

    @Test
    void unknownEncodingIsNamed() {
        UnsupportedCharsetException e = assertThrows(UnsupportedCharsetException.class,
                () -> PythonSourceDecoder.decode("# coding: no-such-codec\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("no-such-codec", e.getCharsetName());
    }
}
