package io.github.memflame.fold;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathGlobTest {

    @Test
    void doubleStarSpansComponentsAndMayBeEmpty() {
        PathGlob net = new PathGlob("**/net/**");
        assertTrue(net.matches("client/net/socket.py"));
        assertTrue(net.matches("net/socket.py"));
        assertFalse(net.matches("client/network/socket.py"));
    }

    @Test
    void singleStarStaysInOneComponent() {
        PathGlob glob = new PathGlob("*.pickle");
        assertTrue(glob.matches("a.pickle"));
        assertFalse(glob.matches("scenes/a.pickle"));
        assertTrue(new PathGlob("**/*.pickle").matches("scenes/a.pickle"));
        assertTrue(new PathGlob("**/*.pickle").matches("a.pickle"));
    }

    @Test
    void directoryGlobCoversWhatIsBelow() {
        PathGlob glob = new PathGlob("client/*");
        assertTrue(glob.matchesPathOrParent("client/ui/bag.py"));
        assertFalse(glob.matches("client/ui/bag.py"));
        assertFalse(glob.matchesPathOrParent("common/ui/bag.py"));
    }

    @Test
    void regexCharactersAreLiteral() {
        assertTrue(new PathGlob("a+b(1).py").matches("a+b(1).py"));
        assertFalse(new PathGlob("a.py").matches("aXpy"));
    }
}
