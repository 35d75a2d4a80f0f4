package io.github.memflame.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunOrderTest {
    @Test
    void namesSortNaturallyNumbersAsNumbers() {
        List<String> names = List.of("scene-10-town.pickle", "scene-2-battle.pickle", "scene-1-login.pickle",
                "scene-2-battle.pickle.gz", "round-007.pickle", "round-7.pickle", "round-99999999999999999999.pickle",
                "round-100000000000000000000.pickle", "a/scene-3.pickle", "a/scene-20.pickle", "Scene-1.pickle");
        assertEquals(List.of("Scene-1.pickle", "a/scene-3.pickle", "a/scene-20.pickle", "round-007.pickle",
                        "round-7.pickle", "round-99999999999999999999.pickle", "round-100000000000000000000.pickle",
                        "scene-1-login.pickle", "scene-2-battle.pickle", "scene-2-battle.pickle.gz",
                        "scene-10-town.pickle"),
                RunOrder.NAME.sort(names, Map.of()));
    }

    @Test
    void theNaturalOrderIsTotalAndConsistent() {
        NaturalOrder order = NaturalOrder.INSTANCE;
        assertTrue(order.compare("round-007", "round-7") < 0);
        assertTrue(order.compare("round-7", "round-007") > 0);
        assertEquals(0, order.compare("round-7", "round-7"));
        assertTrue(order.compare("scene-2", "scene-2a") < 0);
        assertTrue(order.compare("scene-9", "scene-10") < 0);
        assertTrue(order.compare("scene", "scene-1") < 0);
    }

    @Test
    void modifiedSortsByTimeThenByName() {
        Instant t = Instant.parse("2026-12-07T04:00:00Z");
        Map<String, Instant> modified = Map.of("scene-1-login", t.plusSeconds(20), "scene-2-town", t,
                "scene-10-battle", t.plusSeconds(5), "scene-3-town", t.plusSeconds(5));
        assertEquals(List.of("scene-2-town", "scene-3-town", "scene-10-battle", "scene-1-login"),
                RunOrder.MODIFIED.sort(List.copyOf(modified.keySet()), modified));
    }

    @Test
    void parsesItsConfigNamesAndRefusesOthers() {
        assertEquals(RunOrder.NAME, RunOrder.parse(null));
        assertEquals(RunOrder.NAME, RunOrder.parse(" "));
        assertEquals(RunOrder.MODIFIED, RunOrder.parse(" Modified "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunOrder.parse("time"));
        assertEquals("runOrder 'time' is not an order memflame knows; expected 'name' (natural order of the snapshot "
                + "names: scene-2 before scene-10) or 'modified' (the time each dump was written)", e.getMessage());
    }
}
