package nl.samenloop.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import nl.samenloop.indicators.CountRef;

/** Assertions on a reference result map: {value, distinct persons} per (name, geography, period). */
final class RefAssert {
    private RefAssert() {
    }

    static void count(Map<CountRef, long[]> m, String name, String geo, String period, long value, long persons) {
        CountRef ref = new CountRef(name, geo, period);
        long[] got = m.get(ref);
        assertArrayEquals(new long[] {value, persons}, got == null ? new long[] {0, 0} : got, ref.toString());
    }

    static void absent(Map<CountRef, long[]> m, String name, String geo, String period) {
        CountRef ref = new CountRef(name, geo, period);
        assertNull(m.get(ref), ref + " should be zero / absent");
    }
}
