package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathNormalizerTest {

    @Test
    void stripsTheFirstMatchingWindowsRootCaseInsensitively() {
        PathNormalizer normalizer = new PathNormalizer(List.of("I:/G1/trunk/code/Script/Python/", "I:/G1"));
        assertEquals("client/controller/battle.py",
                normalizer.normalize("i:\\g1\\TRUNK\\code\\Script\\Python\\client\\controller\\battle.py"));
        assertEquals("other/x.py", normalizer.normalize("I:\\G1\\other\\x.py"));
    }

    @Test
    void prefixesMatchWholeComponentsOnly() {
        PathNormalizer normalizer = new PathNormalizer(List.of("/home/build/game"));
        assertEquals("client/a.py", normalizer.normalize("/home/build/game/client/a.py"));
        assertEquals("home/build/game2/client/a.py", normalizer.normalize("/home/build/game2/client/a.py"));
    }

    @Test
    void posixPrefixesAreCaseSensitive() {
        PathNormalizer normalizer = new PathNormalizer(List.of("/home/Build"));
        assertEquals("home/build/a.py", normalizer.normalize("/home/build/a.py"));
    }

    @Test
    void pseudoFilesStayWhole() {
        PathNormalizer normalizer = new PathNormalizer(List.of("<frozen"));
        assertEquals("<frozen importlib._bootstrap>", normalizer.normalize("<frozen importlib._bootstrap>"));
        assertEquals(List.of("<frozen importlib._bootstrap>"),
                PathNormalizer.components("<frozen importlib._bootstrap>"));
        assertEquals(List.of("client", "ui", "bag.py"), PathNormalizer.components("client/ui/bag.py"));
    }

    @Test
    void theFirstComponentIsTheFirstOfTheComponents() {
        for (String path : List.of("client/ui/bag.py", "bag.py", "/home/a.py", "//x//y", "C:/game/a.py", "///", "",
                "<frozen importlib._bootstrap>", "<string>", "客户端/界面/背包.py")) {
            assertEquals(PathNormalizer.components(path).get(0), PathNormalizer.firstComponent(path), path);
        }
    }

    @Test
    void relativeAndCjkPathsAreKept() {
        PathNormalizer normalizer = new PathNormalizer(List.of());
        assertEquals("客户端/界面/背包.py", normalizer.normalize(".\\客户端\\界面\\背包.py"));
    }

    @Test
    void dotsAndRepeatedSeparatorsCollapseBeforeThePrefixIsStripped() {
        PathNormalizer normalizer = new PathNormalizer(List.of("/ci/game/src/main/python"));
        assertEquals("client/ui/hud.py",
                normalizer.normalize("/ci/game/src/test/python/../../main/python/client/ui/hud.py"));
        assertEquals("client/ui/hud.py", normalizer.normalize("/ci/game/src/main/python/./client//ui/hud.py"));
    }

    @Test
    void configuredPrefixesAreNormalizedTheSameWay() {
        PathNormalizer normalizer = new PathNormalizer(List.of("/ci/game/src/test/python/../../main/python/"));
        assertEquals("client/ui/hud.py", normalizer.normalize("/ci/game/src/main/python/client/ui/hud.py"));
        PathNormalizer windows = new PathNormalizer(List.of("I:\\G1\\trunk\\code\\Script\\..\\Script\\Python\\"));
        assertEquals("client/ui/bag_panel.py",
                windows.normalize("I:\\G1\\trunk\\code\\Script\\Python\\..\\Python\\client\\.\\ui\\bag_panel.py"));
    }

    @Test
    void aDotDotAboveTheStartOfARelativeNameStaysAndOneAboveARootGoes() {
        PathNormalizer normalizer = new PathNormalizer(List.of());
        assertEquals("../../lib/json/decoder.py", normalizer.normalize("../../lib/./json/decoder.py"));
        assertEquals("etc/x.py", normalizer.normalize("/../../etc/x.py"));
        assertEquals("C:/lib/x.py", normalizer.normalize("C:\\game\\..\\..\\..\\lib\\x.py"));
        assertEquals("C:../lib/x.py", normalizer.normalize("C:..\\lib\\x.py"));
    }

    @Test
    void uncRootsAndDrivesAreKept() {
        PathNormalizer normalizer = new PathNormalizer(List.of("\\\\buildserver\\share"));
        assertEquals("client/ui.py", normalizer.normalize("\\\\buildserver\\share\\game\\..\\..\\client\\ui.py"));
        assertEquals("server/share/x.py", new PathNormalizer(List.of())
                .normalize("//server/share/a/../x.py"));
        assertEquals("game/a.py", new PathNormalizer(List.of("C:\\")).normalize("C:\\game\\a.py"));
    }

    @Test
    void whatNamesLostInFrontIsRememberedAsTheDumpSpellsIt() {
        PathNormalizer normalizer = new PathNormalizer(List.of("I:/G1/trunk/code/Script/Python/"));
        normalizer.normalize("I:\\G1\\trunk\\code\\Script\\Python\\client\\a.py");
        normalizer.normalize("i:\\g1\\trunk\\code\\Script\\Python\\client\\b.py");
        normalizer.normalize("I:\\G1\\trunk\\code\\Script\\Python\\client\\c.py");
        normalizer.normalize("/usr/lib/python3.12/json/decoder.py");
        normalizer.normalize("relative/x.py");
        normalizer.normalize("<frozen importlib._bootstrap>");
        assertEquals(List.of(
                new PathNormalizer.StrippedRoot("I:\\G1\\trunk\\code\\Script\\Python\\", 2),
                new PathNormalizer.StrippedRoot("", 1),
                new PathNormalizer.StrippedRoot("/", 1),
                new PathNormalizer.StrippedRoot("i:\\g1\\trunk\\code\\Script\\Python\\", 1)),
                normalizer.strippedRoots());
        assertTrue(normalizer.strippedRoots().get(0).windows());
        assertFalse(normalizer.strippedRoots().get(2).windows());
    }

    @Test
    void configuredPathsAreNormalizedWithoutStripping() {
        assertEquals("client/ui", PathNormalizer.lexical("./client//ui/"));
        assertEquals("C:/lib", PathNormalizer.lexical("C:\\game\\..\\lib"));
        assertEquals("/ci/game", PathNormalizer.lexical("/ci/game/src/.."));
        assertEquals("**/net/**", PathNormalizer.lexical("**/net/**"));
        assertEquals("", PathNormalizer.lexical(""));
    }
}
