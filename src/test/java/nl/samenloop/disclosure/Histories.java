package nl.samenloop.disclosure;

import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;

/** Histories for tests, built the way the release register builds them. */
final class Histories {
    private Histories() {
    }

    /**
     * What a register tells a release for another population or data version: the published counts of {@code
     * earlier}, as differencing entries only (nothing of them is the same count).
     */
    static History otherPopulation(List<ProtectedTable> earlier, String release) {
        History.Builder b = new History.Builder("test");
        for (ProtectedTable t : earlier) {
            Map<CountRef, Count> counts = t.source().counts();
            for (Decision d : t.decisions().values()) {
                if (d.status().shown() && d.shownValue() != null) {
                    CountRef key = Canonical.key(t.source(), d.ref());
                    Count c = counts.get(d.ref());
                    b.differencing(Canonical.family(key), new History.Earlier("other", key, c.value(), c.persons(), release));
                }
            }
        }
        return b.build();
    }

    /** What a register tells a later release of the same data: published values, suppressed counts, relations. */
    static History sameData(Disclosure.Release earlier, String release) {
        History.Builder b = new History.Builder("test").releases(1, 1);
        earlier.decisions().forEach((k, d) -> {
            Count c = earlier.counts().get(k);
            if (d.status().shown() && d.shownValue() != null) {
                b.published(k, c.value(), c.persons());
            } else if (d.status() == Status.PRIMARY || d.status() == Status.SECONDARY) {
                b.suppressed(k, release);
            }
        });
        earlier.relations().forEach(b::relation);
        earlier.geoSets().forEach(b::geoSet);
        return b.build();
    }
}
