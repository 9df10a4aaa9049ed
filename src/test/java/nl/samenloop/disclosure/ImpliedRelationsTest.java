package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import org.junit.jupiter.api.Test;

/** Which AT_MOST relations the audit's programs may leave out because the other relations imply them. */
class ImpliedRelationsTest {
    private static CountRef c(String name) {
        return new CountRef(name, "GM0001", "2020HJ01");
    }

    @Test
    void chainsThroughSumsAndAtMostButNeverEachOther() {
        CountRef base = c("BASE");
        CountRef only = c("ONLY");
        CountRef any = c("ANY");
        CountRef with = c("WITH_X");
        List<Relation> relations = List.of(
                Relation.sum(base, List.of(only, any)), // 0: kept (a SUM)
                Relation.atMost(base, only),            // 1: implied by 0
                Relation.atMost(base, any),             // 2: implied by 0
                Relation.atMost(any, with),             // 3: implied by its duplicate 5 (still kept when 3 is decided)
                Relation.atMost(base, with),            // 4: implied by 5 then 0
                Relation.atMost(any, with));            // 5: kept: 3 is already dropped, nothing else leads there
        assertArrayEquals(new boolean[] {false, true, true, true, true, false}, Audit.impliedAtMost(relations));
    }

    @Test
    void droppingImpliedRelationsKeepsEveryInterval() {
        // base = only + any (base, any published as 30 and 12); with ≤ any and with ≤ base; only, with hidden.
        // only = 18 exactly; with ∈ [0, 12] — the same with or without the implied with ≤ base.
        CountRef base = c("BASE");
        CountRef only = c("ONLY");
        CountRef any = c("ANY");
        CountRef with = c("WITH_X");
        List<Relation> relations = List.of(Relation.sum(base, List.of(only, any)), Relation.atMost(any, with),
                Relation.atMost(base, with));
        Audit audit = new Audit("t", relations, Map.of(base, 30.0, any, 12.0, only, 18.0, with, 5.0), null);
        Map<CountRef, Interval> iv = audit.intervals(r -> r.equals(only) || r.equals(with), List.of(only, with));
        assertEquals(new Interval(18, 18), iv.get(only));
        assertEquals(new Interval(0, 12), iv.get(with));
    }
}
