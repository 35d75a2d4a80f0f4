package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SvgOptionsTest {

    @Test
    void theLimitsTheGoalDocumentsAreCheckedWhenOptionsAreMade() {
        new SvgOptions("t", 100, 0, true, 4, 4);
        for (Runnable bad : new Runnable[] {
            () -> new SvgOptions("t", 99, 0.1, false, 16, 12),
            () -> new SvgOptions("t", 1200, 0.1, false, 3, 12),
            () -> new SvgOptions("t", 1200, 0.1, false, 16, 3),
            () -> new SvgOptions("t", 1200, -0.1, false, 16, 12),
            () -> new SvgOptions("t", 1200, Double.NaN, false, 16, 12),
            () -> new SvgOptions("t", 1200, Double.POSITIVE_INFINITY, false, 16, 12)}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, bad::run);
            assertTrue(refused.getMessage().startsWith("flame graph options out of range: width must be at least 100"),
                    refused.getMessage());
        }
    }

    @Test
    void theDiffThresholdIsAPercentageFrom0To100DefaultingTo1() {
        assertEquals(1.0, SvgOptions.defaults().diffThreshold());
        assertEquals(1.0, new SvgOptions("t", 1200, 0.1, false, 16, 12).diffThreshold());
        SvgOptions strict = SvgOptions.defaults().withDiffThreshold(0);
        assertEquals(0.0, strict.diffThreshold());
        assertEquals(SvgOptions.defaults().width(), strict.width(), "the other options stay");
        assertEquals(100.0, SvgOptions.defaults().withDiffThreshold(100).diffThreshold());
        for (double bad : new double[] {-0.5, 100.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> SvgOptions.defaults().withDiffThreshold(bad));
            assertEquals("flame graph options out of range: diffThreshold must be a percentage from 0 to 100 (was "
                    + bad + ")", refused.getMessage());
        }
    }

    @Test
    void aBlankTitleIsTheDefault() {
        assertEquals(SvgOptions.DEFAULT_TITLE, new SvgOptions(" ", 1200, 0.1, false, 16, 12).title());
        assertEquals(SvgOptions.DEFAULT_TITLE, new SvgOptions(null, 1200, 0.1, false, 16, 12).title());
    }
}
