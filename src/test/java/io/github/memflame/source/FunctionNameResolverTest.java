package io.github.memflame.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionNameResolverTest {
    private static final FileTime DUMP_TIME = FileTime.from(Instant.parse("2026-01-02T00:00:00Z"));
    private static final FileTime BEFORE_DUMP = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path temp;

    @Test
    void namesTheEnclosingFunctionFromTheFirstRootThatHasTheFile() throws IOException {
        Path game = temp.resolve("game");
        Path engine = temp.resolve("engine");
        write(engine, "client/controller/battle_controller.py", "def shadowed():\n    pass\n");
        write(game, "client/controller/battle_controller.py",
                "class BattleController(object):\n    def spawn_wave(self):\n        return [0] * 100\n");
        write(engine, "engine/core.py", "x = 1\ndef tick():\n    return 2\n");
        FunctionNameResolver resolver = new FunctionNameResolver(List.of(game, engine));

        assertEquals("BattleController.spawn_wave",
                resolver.resolve("client/controller/battle_controller.py", 3, DUMP_TIME));
        assertEquals("BattleController", resolver.resolve("client/controller/battle_controller.py", 1, DUMP_TIME));
        assertEquals("<module>", resolver.resolve("engine/core.py", 1, DUMP_TIME));
        assertEquals("tick", resolver.resolve("engine/core.py", 3, DUMP_TIME));
        assertEquals(4, resolver.summary().resolved());
        assertEquals(0, resolver.summary().unresolved());
    }

    @Test
    void keepsFileAndLineWhenItCannotKnowAndSaysWhy() throws IOException {
        write(temp, "a.py", "def f():\n    pass\n");
        write(temp, "newer.py", "def g():\n    pass\n");
        Files.setLastModifiedTime(temp.resolve("newer.py"), FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
        Files.write(temp.resolve("bad-utf8.py"), new byte[] {'x', '=', '"', (byte) 0xC3, '"', '\n'});
        Files.setLastModifiedTime(temp.resolve("bad-utf8.py"), BEFORE_DUMP);
        Files.writeString(temp.resolve("unknown-encoding.py"), "# coding: klingon\nx = 1\n");
        Files.writeString(temp.resolve("outside.py"), "def secret():\n    pass\n");
        FunctionNameResolver resolver = new FunctionNameResolver(List.of(temp.resolve("root")));
        FunctionNameResolver here = new FunctionNameResolver(List.of(temp));

        assertNull(here.resolve("a.py", 3, DUMP_TIME));
        assertNull(here.resolve("a.py", 0, DUMP_TIME));
        assertNull(here.resolve("newer.py", 2, DUMP_TIME));
        assertNull(here.resolve("missing.py", 1, DUMP_TIME));
        assertNull(here.resolve("<frozen importlib._bootstrap>", 1, DUMP_TIME));
        assertNull(here.resolve("bad-utf8.py", 1, DUMP_TIME));
        assertEquals("f", here.resolve("a.py", 2, DUMP_TIME));
        assertEquals(1, here.summary().resolved());
        assertEquals(6, here.summary().unresolved());
        Map<String, String> why = here.summary().unresolvedFiles();
        assertEquals(List.of("a.py", "newer.py", "missing.py", "<frozen importlib._bootstrap>", "bad-utf8.py"),
                List.copyOf(why.keySet()), "the first five files, in the order met");
        assertEquals("line 3 is past its end (2 lines)", why.get("a.py"));
        assertTrue(why.get("newer.py").startsWith("it was modified after the dump"), why.get("newer.py"));
        assertEquals("not found under any source root", why.get("missing.py"));
        assertTrue(why.get("bad-utf8.py").endsWith("is not valid text in its declared encoding"), why.get("bad-utf8.py"));

        FunctionNameResolver unknownEncoding = new FunctionNameResolver(List.of(temp));
        assertNull(unknownEncoding.resolve("unknown-encoding.py", 2, null));
        assertTrue(unknownEncoding.summary().unresolvedFiles().get("unknown-encoding.py").contains("unknown encoding 'klingon'"));

        assertNull(resolver.resolve("../outside.py", 1, DUMP_TIME), "a dump's path never leaves the source root");
        assertNull(here.resolve(temp.resolve("outside.py").toString().replace('\\', '/'), 1, DUMP_TIME),
                "an absolute path is not looked up");
    }

    @Test
    void decodesGbkSourcesByTheirCodingCookie() throws IOException {
        // The second GBK byte of 乗 is 0x5C, a backslash: read as UTF-8 it would escape the closing quote.
        byte[] source = "# -*- coding: gbk -*-\ns = '乗'\n\ndef 加载():\n    return s\n".getBytes(Charset.forName("GBK"));
        Files.write(temp.resolve("gbk.py"), source);
        Files.setLastModifiedTime(temp.resolve("gbk.py"), BEFORE_DUMP);
        FunctionNameResolver resolver = new FunctionNameResolver(List.of(temp));
        assertEquals("加载", resolver.resolve("gbk.py", 5, DUMP_TIME));
        assertEquals("<module>", resolver.resolve("gbk.py", 2, DUMP_TIME));
    }

    @Test
    void theLogLineCountsFramesAndFilesAndNamesTheFirstFew() {
        FunctionNameResolver resolver = new FunctionNameResolver(List.of(temp));
        for (int i = 1; i <= 7; i++) {
            resolver.resolve("missing" + i + ".py", 1, DUMP_TIME);
        }
        resolver.resolve("missing1.py", 2, DUMP_TIME);
        ResolutionSummary summary = resolver.summary();
        assertEquals(7, summary.unresolvedFileCount());
        assertEquals("Function names: 0 of 8 frames named from sourceRoots; 8 frames in 7 files keep file:line: "
                + "missing1.py (not found under any source root), missing2.py (not found under any source root), "
                + "missing3.py (not found under any source root), missing4.py (not found under any source root), "
                + "missing5.py (not found under any source root) and 2 more", summary.describe());
        assertEquals("Function names: 3 of 4 frames named from sourceRoots; 1 frame in 1 file keeps file:line: "
                + "<string> (not a source file)",
                new ResolutionSummary(3, 1, 1, Map.of("<string>", "not a source file")).describe());
        assertEquals("Function names: 2 of 2 frames named from sourceRoots",
                new ResolutionSummary(2, 0, 0, Map.of()).describe());
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, BEFORE_DUMP);
    }
}
