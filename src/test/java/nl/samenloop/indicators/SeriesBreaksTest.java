package nl.samenloop.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The I7 break rule on plain series (history 4, z 3.5, minimal spread 1 point unless said otherwise). */
class SeriesBreaksTest {
    final SeriesBreaks rule = new SeriesBreaks(4, 3.5, 1.0);

    @Test
    void aFlatSeriesHasNoBreak() {
        assertTrue(rule.find(List.of(40.0, 40.0, 40.0, 40.0, 40.0, 40.0)).isEmpty());
    }

    @Test
    void anObviousJumpIsFlaggedWithItsRange() {
        // History 20, 21, 19, 20: median 20, deviations 0, 1, 1, 0 → MAD 0.5, scale max(1.4826 × 0.5, 1) = 1,
        // range 20 ± 3.5. The jump to 45 lies outside; the next period is judged on 21, 19, 20, 45: median 20.5,
        // deviations 0.5, 1.5, 0.5, 24.5 → MAD 1.0, scale 1.4826, range 20.5 ± 5.19: 20 lies inside.
        List<SeriesBreaks.Break> b = rule.find(List.of(20.0, 21.0, 19.0, 20.0, 45.0, 20.0));
        assertEquals(1, b.size());
        assertEquals(new SeriesBreaks.Break(4, 45.0, 16.5, 23.5), b.get(0));
    }

    @Test
    void noisyButSteadySeriesIsNotFlagged() {
        // History 10, 14, 9, 13: median 11.5, deviations 1.5, 2.5, 2.5, 1.5 → MAD 2, scale 2.965, range 11.5 ± 10.4.
        assertTrue(rule.find(List.of(10.0, 14.0, 9.0, 13.0, 17.0)).isEmpty());
    }

    @Test
    void periodsWithoutValueAreSkippedAndShortHistoriesNotJudged() {
        // Only two earlier values before 90: too little history. The nulls neither count as history nor get judged.
        assertTrue(rule.find(Arrays.asList(null, 5.0, null, 5.0, 90.0)).isEmpty());
        assertEquals(4, rule.find(Arrays.asList(5.0, null, 5.0, 5.0, 90.0)).get(0).index());
    }

    @Test
    void onlyTheLastHistoryPeriodsCount() {
        // A level shift 0, 0, 0 → 50, 50, 50. History 3: 50 at t=3 on 0,0,0 and t=4 on 0,0,50 (median 0, MAD 0) are
        // flagged; t=5 on 0,50,50 (median 50) is not. History 5 still centres t=5 on 0,0,0,50,50 (median 0): 3 flags.
        assertThrows(IllegalArgumentException.class, () -> new SeriesBreaks(2, 3.5, 1.0));
        List<Double> shift = List.of(0.0, 0.0, 0.0, 50.0, 50.0, 50.0);
        assertEquals(List.of(3, 4), new SeriesBreaks(3, 3.5, 1.0).find(shift).stream().map(SeriesBreaks.Break::index).toList());
        assertEquals(List.of(3, 4, 5), new SeriesBreaks(5, 3.5, 1.0).find(shift).stream().map(SeriesBreaks.Break::index).toList());
    }
}
