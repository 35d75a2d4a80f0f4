package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The step rule and the sparkline, exactly. */
class TrendChartsTest {
    private static List<TrendCharts.Point> points(long... bytes) {
        List<TrendCharts.Point> points = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            points.add(new TrendCharts.Point(i, bytes[i]));
        }
        return points;
    }

    @Test
    void aStepIsMoreThanThreeTimesTheMedianChangeBeforeIt() {
        assertEquals(List.of(4), TrendCharts.steps(points(100, 110, 120, 130, 175, 185)));
        // Exactly three times the median is no step.
        assertEquals(List.of(), TrendCharts.steps(points(100, 110, 120, 130, 160)));
        // The median of an even count is the mean of the middle two: (10 + 20) / 2 * 3 = 45.
        assertEquals(List.of(), TrendCharts.steps(points(100, 110, 130, 175)));
        assertEquals(List.of(3), TrendCharts.steps(points(100, 110, 130, 176)));
        // A shrink counts as a change too.
        assertEquals(List.of(3), TrendCharts.steps(points(100, 110, 120, 60)));
    }

    @Test
    void aStepIsAtLeastOnePercentOfTheFigure() {
        assertEquals(List.of(), TrendCharts.steps(points(100_000, 100_001, 100_002, 100_010)));
        assertEquals(List.of(3), TrendCharts.steps(points(100, 100, 100, 101)));
        assertEquals(List.of(), TrendCharts.steps(points(1000, 1000, 1000, 1009)));
    }

    @Test
    void theFirstChangeHasNothingToCompareWith() {
        assertEquals(List.of(), TrendCharts.steps(points(1, 1000)));
        assertEquals(List.of(), TrendCharts.steps(points(5)));
    }

    @Test
    void aSparklineRunsFromTheLowestFigureToTheHighest() {
        assertEquals("\u2581\u2585\u2588", TrendCharts.sparkline(points(1, 5, 9)));
        assertEquals("\u2581\u2581", TrendCharts.sparkline(points(7, 7)));
    }
}
