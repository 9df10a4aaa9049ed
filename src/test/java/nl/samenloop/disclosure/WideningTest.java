package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import org.junit.jupiter.api.Test;

/**
 * Which published counts would widen a narrow interval ({@link Audit#narrow}), worked out by hand from the
 * linear program's duals.
 */
class WideningTest {
    static final String P = "2020HJ01";

    static CountRef c(String name) {
        return new CountRef(name, "GM0001", P);
    }

    /**
     * T 30 = a 3 + b 4 + c 23 with a and b hidden: a + b = 7, so a ∈ [0, 7]. Hiding c lets a grow as c falls
     * (by at most c's 23); hiding T lets a grow with T, without a first-order limit. The dual of the row
     * a + b = 30 − T − c at max a is −1 (minimising −a), so c prices at +1 (shrink, gain 1 × 23) and T at −1
     * (grow, gain ∞).
     */
    @Test
    void publishedMembersOfTheLimitingRowWiden() {
        Audit audit = new Audit("t", List.of(Relation.sum(c("T"), List.of(c("a"), c("b"), c("c")))), values(), null);
        Map<CountRef, Map<CountRef, Double>> narrow = audit.narrow(Set.of(c("a"), c("b"))::contains, Set.of(c("a")), 10);
        assertEquals(Set.of(c("a")), narrow.keySet());
        assertEquals(Map.of(c("c"), 23.0, c("T"), Double.POSITIVE_INFINITY), narrow.get(c("a")));
    }

    /**
     * As above, plus S 30 = c 23 + e 7, all published: hiding c alone would still give it away as S − e, so only
     * T is left. A count far from the limiting row (e) is never offered.
     */
    @Test
    void aCountThatAPublishedSumPinsDoesNotWiden() {
        Audit audit = new Audit("t", List.of(Relation.sum(c("T"), List.of(c("a"), c("b"), c("c"))),
                Relation.sum(c("S"), List.of(c("c"), c("e")))), values(), null);
        Map<CountRef, Map<CountRef, Double>> narrow = audit.narrow(Set.of(c("a"), c("b"))::contains, Set.of(c("a")), 10);
        assertEquals(Map.of(c("T"), Double.POSITIVE_INFINITY), narrow.get(c("a")));
    }

    /**
     * The lowest value counts too. T 30 = a 3 + b 4 + c 23 and b ≤ U 6, with a and b hidden: a = 7 − b ∈ [1, 7].
     * At the highest a (b = 0) only the SUM row limits it: T grows (∞) or c shrinks (23). At the lowest a
     * (b = 6) the row b ≤ U limits b: U grows (∞), and so does c (a falls as c rises: ∞). Per count the larger
     * gain of the two ends is kept.
     */
    @Test
    void bothEndsOfTheIntervalArePriced() {
        Audit audit = new Audit("t", List.of(Relation.sum(c("T"), List.of(c("a"), c("b"), c("c"))),
                Relation.atMost(c("U"), c("b"))), values(), null);
        Set<CountRef> hidden = Set.of(c("a"), c("b"));
        assertEquals(new Interval(1, 7), audit.intervals(hidden::contains, Set.of(c("a"))).get(c("a")));
        Map<CountRef, Map<CountRef, Double>> narrow = audit.narrow(hidden::contains, Set.of(c("a")), 10);
        assertEquals(Map.of(c("T"), Double.POSITIVE_INFINITY, c("c"), Double.POSITIVE_INFINITY,
                c("U"), Double.POSITIVE_INFINITY), narrow.get(c("a")));
        // Wide enough already: not narrow, nothing to price.
        assertEquals(Map.of(), audit.narrow(hidden::contains, Set.of(c("a")), 6));
    }

    private static Map<CountRef, Double> values() {
        return Map.of(c("T"), 30.0, c("a"), 3.0, c("b"), 4.0, c("c"), 23.0, c("S"), 30.0, c("e"), 7.0,
                c("U"), 6.0, c("d"), 2.0);
    }
}
