package nl.samenloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.model.Codes;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Period;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Laws the reference output must obey on random data (RandomRefData), under several option sets: the
 * geography hierarchy adds up, categories add up to their totals, numerators stay within denominators,
 * pooled spans add their periods' values.
 */
class ReferenceInvariantsProperties {

    private static RefOptions options(long seed) {
        RefOptions o = RandomRefData.defaultOptions()
                .withPooledSpans(List.of(RandomRefData.PERIODS.subList(0, 4), RandomRefData.PERIODS));
        int v = (int) Math.floorMod(seed, 4);
        return switch (v) {
            case 1 -> o.withConcurrencyOverlap(true).withAgeRange(0, 17);
            case 2 -> o.withAgeAtStart(true).withNewWijkteamCounts(true).withExcludeWijkteam(true);
            case 3 -> o.withMergeOverlapping(false).withOtherKinds(List.of(Codes.Kind.MET_VERBLIJF, Codes.Kind.JEUGDBESCHERMING));
            default -> o;
        };
    }

    @Property(tries = 150)
    void geographyAddsUp(@ForAll long seed) {
        RefData d = RandomRefData.generate(seed);
        RefOptions o = options(seed);
        for (Map<CountRef, long[]> m : new PlainIndicators(d, o).all().values()) {
            Map<CountRef, long[]> sumMun = new HashMap<>();
            Map<CountRef, long[]> sumRegionParts = new HashMap<>();
            m.forEach((ref, v) -> {
                if (ref.geoCode().startsWith("GM")) {
                    add(sumMun, new CountRef(ref.name(), GeoLevel.NETHERLANDS, ref.period()), v);
                    String region = d.regions().get(ref.geoCode());
                    if (region != null) {
                        add(sumRegionParts, new CountRef(ref.name(), region, ref.period()), v);
                    }
                }
            });
            boolean[] anyRegion = {false};
            m.forEach((ref, v) -> {
                boolean single = !ref.period().contains("-");
                if (ref.geoCode().equals(GeoLevel.NETHERLANDS)) {
                    assertSum(ref, v, sumMun.get(ref), single);
                } else if (ref.geoCode().startsWith("JZ")) {
                    anyRegion[0] = true;
                    assertSum(ref, v, sumRegionParts.get(ref), single);
                }
            });
            // every municipality total appears at NL level
            sumMun.keySet().forEach(ref -> assertTrue(m.containsKey(ref), ref.toString()));
            sumRegionParts.keySet().forEach(ref -> assertTrue(m.containsKey(ref), ref.toString()));
        }
    }

    /** Values add exactly; a person sits in one geography per period, so persons add too within a period. */
    private static void assertSum(CountRef ref, long[] total, long[] parts, boolean singlePeriod) {
        long[] p = parts == null ? new long[2] : parts;
        assertEquals(total[0], p[0], "value of " + ref);
        if (singlePeriod) {
            assertEquals(total[1], p[1], "persons of " + ref);
        } else {
            assertTrue(total[1] <= p[1], "persons of " + ref);
        }
    }

    @Property(tries = 150)
    void categoriesAddUpToTheirTotals(@ForAll long seed) {
        RefData d = RandomRefData.generate(seed);
        RefOptions o = options(seed);
        Map<String, Map<CountRef, long[]>> all = new PlainIndicators(d, o).all();
        Map<CountRef, long[]> i1 = all.get("I1");
        Map<CountRef, long[]> i2 = all.get("I2");
        Map<CountRef, long[]> i3 = all.get("I3");
        Map<CountRef, long[]> i4 = all.get("I4");
        Map<CountRef, long[]> i5 = all.get("I5");
        for (CountRef t : keysOf(i3, "WIJKTEAM_BASE")) {
            assertPartition(get(i3, t), get(i3, t, "ONLY_WIJKTEAM"), get(i3, t, "WITH_ANY_OTHER"), t);
            for (Codes.Kind k : o.otherKinds()) {
                assertTrue(get(i3, t, "WITH_" + k)[0] <= get(i3, t, "WITH_ANY_OTHER")[0], "I3 " + k + " " + t);
            }
            // the I3 base is the I2 wijkteam group: the same population members with active wijkteam care
            assertArrayEq(get(i3, t), get(i2, t, "WIJKTEAM"), "I3 base = I2 WIJKTEAM " + t);
        }
        for (CountRef t : keysOf(i4, "COHORT")) {
            assertPartition(get(i4, t), get(i4, t, "NO_OTHER_CARE"), get(i4, t, "WITH_OTHER_CARE"), t);
        }
        for (CountRef t : keysOf(i2, "POPULATION")) {
            for (String g : Codes.GROUPS.keySet()) {
                assertTrue(get(i2, t, g)[0] <= get(i2, t)[0], "I2 " + g + " " + t);
            }
            assertTrue(get(i2, t, "ZONDER_VERBLIJF")[0] <= get(i2, t, "JEUGDHULP")[0]);
            assertTrue(get(i2, t, "WIJKTEAM")[0] <= get(i2, t, "ZONDER_VERBLIJF")[0]);
        }
        // every count of a person-level indicator sits inside its denominator's geography and period
        i2.keySet().forEach(r -> assertTrue(i2.containsKey(new CountRef("POPULATION", r.geoCode(), r.period()))));
        for (CountRef t : keysOf(i1, "TRAJECTORIES")) {
            assertTrue(get(i1, t, "WIJKTEAM_TRAJECTORIES")[0] <= get(i1, t)[0]);
        }
        for (CountRef t : keysOf(i5, "STARTED")) {
            long[] sum = new long[2];
            i5.forEach((r, v) -> {
                if (r.name().startsWith("STARTED_") && r.geoCode().equals(t.geoCode()) && r.period().equals(t.period())) {
                    sum[0] += v[0];
                }
            });
            assertEquals(get(i5, t)[0], sum[0], "I5 verwijzers add up " + t);
        }
    }

    @Property(tries = 100)
    void pooledSpansAddTheirPeriods(@ForAll long seed) {
        RefData d = RandomRefData.generate(seed);
        RefOptions o = options(seed);
        for (Map<CountRef, long[]> m : new PlainIndicators(d, o).all().values()) {
            for (List<Period> span : o.pooledSpans()) {
                String code = RefOptions.spanCode(span);
                m.forEach((ref, v) -> {
                    if (ref.period().equals(code)) {
                        long sum = 0;
                        long maxPersons = 0;
                        for (Period p : span) {
                            long[] pv = get(m, new CountRef(ref.name(), ref.geoCode(), p.code()));
                            sum += pv[0];
                            maxPersons = Math.max(maxPersons, pv[1]);
                        }
                        assertEquals(sum, v[0], "pooled " + ref);
                        assertTrue(v[1] >= maxPersons && v[1] <= v[0], "pooled persons " + ref);
                    }
                });
            }
        }
    }

    /** Merging is idempotent, and never increases the number of trajectories active in any period. */
    @Property(tries = 100)
    void mergingIsIdempotent(@ForAll long seed) {
        RefData d = RandomRefData.generate(seed);
        List<PlainIndicators.Merged> once = PlainIndicators.merge(d.trajectories());
        List<RefData.Trajectory> asInput = once.stream().map(m -> new RefData.Trajectory(m.person(), m.linkable(),
                m.hulpvorm(), m.begin(), m.end(), m.verwijzer(), m.aanbieder(), null)).toList();
        assertEquals(once.size(), PlainIndicators.merge(asInput).size());
        assertTrue(once.size() <= d.trajectories().size());
    }

    private static List<CountRef> keysOf(Map<CountRef, long[]> m, String name) {
        return m.keySet().stream().filter(r -> r.name().equals(name)).toList();
    }

    private static long[] get(Map<CountRef, long[]> m, CountRef r) {
        return m.getOrDefault(r, new long[2]);
    }

    private static long[] get(Map<CountRef, long[]> m, CountRef like, String name) {
        return get(m, new CountRef(name, like.geoCode(), like.period()));
    }

    /**
     * Two categories split a total: values add; within one period every person is in exactly one of them, so
     * persons add too; over a pooled span a person can be in both (in different periods).
     */
    private static void assertPartition(long[] total, long[] a, long[] b, CountRef t) {
        assertEquals(total[0], a[0] + b[0], "value of " + t);
        if (t.period().contains("-")) {
            assertTrue(total[1] <= a[1] + b[1] && total[1] >= Math.max(a[1], b[1]), "persons of " + t);
        } else {
            assertEquals(total[1], a[1] + b[1], "persons of " + t);
        }
    }

    private static void add(Map<CountRef, long[]> m, CountRef r, long[] v) {
        long[] s = m.computeIfAbsent(r, k -> new long[2]);
        s[0] += v[0];
        s[1] += v[1];
    }

    private static void assertArrayEq(long[] expected, long[] actual, String msg) {
        assertEquals(expected[0], actual[0], msg + " value");
        assertEquals(expected[1], actual[1], msg + " persons");
    }
}
