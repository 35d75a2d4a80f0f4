package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void relativeAndCjkPathsAreKept() {
        PathNormalizer normalizer = new PathNormalizer(List.of());
        assertEquals("客户端/界面/背包.py", normalizer.normalize(".\\客户端\\界面\\背包.py"));
    }
}
