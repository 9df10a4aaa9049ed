package nl.samenloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Period;
import nl.samenloop.model.Reference;
import org.junit.jupiter.api.Test;

/** The generator must actually produce the edges the property and differential tests rely on. */
class RandomRefDataTest {

    @Test
    void regionsMatchTheShippedReferenceData() {
        Map<String, Reference.Municipality> m = Reference.load(java.nio.file.Path.of("conf"))
                .classification(RandomRefData.CLASSIFICATION_YEAR);
        RandomRefData.REGIONS.forEach((gm, region) -> assertEquals(region, m.get(gm).regionCode(), gm));
    }

    @Test
    void sameSeedSameData() {
        assertEquals(RandomRefData.generate(42), RandomRefData.generate(42));
    }

    @Test
    void fiftySeedsCoverTheEdges() {
        int openEnds = 0, nonLinkable = 0, noBirthYear = 0, sameDayMoves = 0, mergedAway = 0, boundaryEnds = 0;
        long unknownPopulation = 0, cohort = 0, overlapOnly = 0;
        for (long seed = 0; seed < 50; seed++) {
            RefData d = RandomRefData.generate(seed);
            openEnds += d.trajectories().stream().filter(t -> t.end() == null).count();
            nonLinkable += d.trajectories().stream().filter(t -> !t.linkable()).count();
            noBirthYear += d.persons().stream().filter(p -> p.birthDate() == null).count();
            for (RefData.Address a : d.addresses()) {
                sameDayMoves += d.addresses().stream().filter(b -> b.person() == a.person()
                        && a.end() != null && b.begin().equals(a.end()) && b != a).count();
            }
            for (RefData.Trajectory t : d.trajectories()) {
                for (Period p : RandomRefData.PERIODS) {
                    if (p.start().equals(t.end()) || p.end().equals(t.begin())) {
                        boundaryEnds++;
                    }
                }
            }
            RefOptions o = RandomRefData.defaultOptions();
            PlainIndicators r = new PlainIndicators(d, o);
            mergedAway += d.trajectories().size() - r.mergedTrajectories().size();
            for (Map.Entry<CountRef, long[]> e : r.i2().entrySet()) {
                if (e.getKey().name().equals("POPULATION") && e.getKey().geoCode().equals(GeoLevel.UNKNOWN)) {
                    unknownPopulation += e.getValue()[0];
                }
            }
            cohort += r.i4().entrySet().stream().filter(e -> e.getKey().name().equals("COHORT")
                    && e.getKey().geoCode().equals(GeoLevel.NETHERLANDS)).mapToLong(e -> e.getValue()[0]).sum();
            long periodAny = count(r.i3(), "WITH_ANY_OTHER");
            long overlapAny = count(new PlainIndicators(d, o.withConcurrencyOverlap(true)).i3(), "WITH_ANY_OTHER");
            overlapOnly += periodAny - overlapAny;
        }
        assertTrue(openEnds > 50, "open ends " + openEnds);
        assertTrue(nonLinkable > 20, "non-linkable " + nonLinkable);
        assertTrue(noBirthYear > 10, "missing birth year " + noBirthYear);
        assertTrue(sameDayMoves > 10, "same-day moves " + sameDayMoves);
        assertTrue(mergedAway > 20, "merged trajectories " + mergedAway);
        assertTrue(boundaryEnds > 20, "spells touching period boundaries " + boundaryEnds);
        assertTrue(unknownPopulation > 20, "population with unknown municipality " + unknownPopulation);
        assertTrue(cohort > 20, "follow-up cohort " + cohort);
        assertTrue(overlapOnly > 5, "persons concurrent by period but not by overlap " + overlapOnly);
    }

    private static long count(Map<CountRef, long[]> m, String name) {
        return m.entrySet().stream().filter(e -> e.getKey().name().equals(name)
                && e.getKey().geoCode().equals(GeoLevel.NETHERLANDS) && !e.getKey().period().contains("-"))
                .mapToLong(e -> e.getValue()[0]).sum();
    }
}
