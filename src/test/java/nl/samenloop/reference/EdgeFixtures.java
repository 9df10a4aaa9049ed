package nl.samenloop.reference;

import java.util.ArrayList;
import java.util.List;
import nl.samenloop.ingest.Staging;
import nl.samenloop.reference.RefData.MeasureKind;

/**
 * The hand-worked fixtures of PlainIndicatorsTest (expected numbers are worked out there, next to each
 * test), shared with the differential test, which runs them all through Spark in one go.
 * Geography (classification year 2020): 1:A → GM0599 (JZ29), 1:B → GM0606 (JZ29), 1:C → GM0518 (JZ24),
 * 1:X → null, 1:Y only in the 2019 classification.
 */
public final class EdgeFixtures {
    private EdgeFixtures() {
    }

    static RefData.Builder geo() {
        return RefData.builder()
                .object("1:A", 2020, "GM0599").object("1:B", 2020, "GM0606").object("1:C", 2020, "GM0518")
                .object("1:X", 2020, null)
                // a 2019-classification row that must be ignored under classification year 2020
                .object("1:Y", 2019, "GM0518")
                .region("GM0599", "JZ29").region("GM0606", "JZ29").region("GM0518", "JZ24");
    }

    public static RefData boundaries() {
        return geo()
                .person(1, "2010-01-01").person(2, "2010-01-01").person(3, "2010-01-01")
                .address(1, "2000-01-01", null, "1:A").address(2, "2000-01-01", null, "1:A")
                .address(3, "2000-01-01", null, "1:A")
                .trajectory(1, "01", "2018-03-01", "2019-07-01")
                .trajectory(2, "02", "2019-01-15", "2019-06-30")
                .trajectory(3, "11", "2019-12-31", null)
                .build();
    }

    public static RefData moveOnThePeildatum() {
        return geo()
                .person(1, "2010-01-01").person(2, "2010-01-01").person(3, "2010-01-01")
                .address(1, "2015-01-01", "2019-06-30", "1:A").address(1, "2019-06-30", null, "1:B")
                .address(2, "2019-06-30", "2019-06-30", "1:C").address(2, "2019-06-30", null, "1:A")
                .address(3, "2019-01-01", "2019-03-31", "1:A").address(3, "2019-02-01", "2019-04-30", "1:C")
                .build();
    }

    public static RefData ageCutOffs() {
        return geo()
                .person(1, "1996-09-15").person(2, "2019-03-01").person(3, "2001-07-01").person(4, null)
                .address(1, "1990-01-01", null, "1:A").address(2, "1990-01-01", null, "1:A")
                .address(3, "1990-01-01", null, "1:A").address(4, "1990-01-01", null, "1:A")
                .build();
    }

    public static RefData followUp() {
        return geo()
                .person(1, "2010-01-01").person(2, "2010-01-01").person(3, "2010-01-01")
                .person(4, "2010-01-01").person(6, "2010-01-01")
                .address(1, "2010-01-01", null, "1:A").address(2, "2010-01-01", null, "1:A")
                .address(3, "2010-01-01", "2018-11-30", "1:A").address(3, "2018-12-01", null, "1:B")
                .address(4, "2010-01-01", null, "1:A").address(6, "2018-06-01", null, "1:C")
                .trajectory(1, "01", "2018-01-10", "2018-03-31").trajectory(1, "02", "2019-03-31", null)
                .trajectory(2, "01", "2018-02-01", "2018-05-31").measure(2, MeasureKind.JB, "11", "2019-06-01", "2019-08-01")
                .trajectory(2, "01", "2018-09-01", "2018-10-01")
                .trajectory(3, "01", "2018-07-01", "2018-08-15").trajectory(3, "01", "2018-10-01", "2018-11-30")
                .trajectory(3, "12", "2018-09-01", "2018-11-30")
                .trajectory(4, "01", "2018-12-01", "2019-02-01")
                .trajectory(6, "01", "2018-03-01", "2018-05-15")
                .build();
    }

    public static RefData merging() {
        return geo()
                .person(1, "2010-01-01").person(2, "2010-01-01").person(3, "2010-01-01")
                .address(1, "2000-01-01", null, "1:A").address(2, "2000-01-01", null, "1:A")
                .address(3, "2000-01-01", null, "1:A")
                .trajectory(1, true, "01", "2019-01-01", "2019-03-31", "01", null)
                .trajectory(1, true, "01", "2019-03-31", "2019-05-31", "05", null)
                .trajectory(1, true, "01", "2019-05-20", "2019-08-31", "06", null)
                .trajectory(1, true, "02", "2019-01-01", "2019-01-31", null, null)
                .trajectory(1, true, "02", "2019-02-01", "2019-02-28", "", null)
                .trajectory(2, true, "01", "2019-03-01", null, "03", null)
                .trajectory(2, true, "01", "2019-02-01", "2019-04-30", "02", null)
                .trajectory(3, true, "01", "2019-01-01", "2019-03-31", "04", "A1")
                .trajectory(3, true, "01", "2019-02-01", "2019-04-30", "04", "A2")
                .build();
    }

    public static RefData unknowns() {
        long n = Staging.nonLinkableKey("X", 123);
        return geo()
                .person(7, "2010-01-01").person(8, "2010-01-01").person(9, "2010-01-01").person(10, "2010-01-01")
                .address(8, "2000-01-01", null, "1:X").address(9, "2000-01-01", null, "1:Y")
                .address(10, "2000-01-01", null, "1:C")
                .trajectory(n, false, "01", "2019-01-01", null, null, null)
                .trajectory(7, "02", "2019-01-01", "2019-02-01")
                .trajectory(8, "02", "2019-01-01", "2019-02-01")
                .trajectory(10, "01", "2019-01-01", "2019-02-01")
                .build();
    }

    public static RefData concurrency() {
        return geo()
                .person(1, "2010-01-01").person(2, "2010-01-01").person(3, "2010-01-01").person(4, "2010-01-01")
                .address(1, "2000-01-01", null, "1:A").address(2, "2000-01-01", null, "1:A")
                .address(3, "2000-01-01", null, "1:A").address(4, "2000-01-01", null, "1:A")
                .trajectory(1, "01", "2019-01-01", "2019-02-28").trajectory(1, "02", "2019-04-01", "2019-05-31")
                .trajectory(2, "01", "2019-03-01", "2019-06-30").measure(2, MeasureKind.JB, "11", "2019-06-30", null)
                .trajectory(3, "01", "2018-01-01", "2019-01-10").trajectory(3, "12", "2018-06-01", "2018-12-31")
                .measure(3, MeasureKind.JR, "41", "2019-03-01", "2019-04-01")
                .trajectory(4, "01", "2019-01-01", null)
                .build();
    }

    /**
     * Two wijkteam trajectories of different providers: A2 ends 2019-11-16 while A1 (2019-11-06..2020-11-25)
     * runs on through the follow-up window. Only with new_wijkteam_counts does it matter whether the A1
     * trajectory is "a new wijkteam trajectory in the window" (the reference: no, it began before the window).
     */
    public static RefData wijkteamRunningThroughTheWindow() {
        return geo()
                .person(1, "2010-01-01").address(1, "2000-01-01", null, "1:A")
                .trajectory(1, true, "01", "2019-11-06", "2020-11-25", "02", "A1")
                .trajectory(1, true, "01", "2019-11-06", "2019-11-16", "03", "A2")
                .build();
    }

    /** Two address spells beginning on the same day, both containing the peildatum: object id ascending wins. */
    public static RefData sameDayAddresses() {
        return geo()
                .person(1, "2010-01-01")
                .address(1, "2019-03-01", null, "1:C").address(1, "2019-03-01", "2019-12-31", "1:B")
                .trajectory(1, "01", "2019-01-01", null)
                .build();
    }

    /** Every fixture, person keys shifted by 1000 × its position so they do not meet. */
    public static RefData all(boolean withProviderFixtures) {
        List<RefData> parts = new ArrayList<>(List.of(boundaries(), moveOnThePeildatum(), ageCutOffs(), followUp(),
                merging(), unknowns(), concurrency(), sameDayAddresses()));
        if (withProviderFixtures) {
            parts.add(wijkteamRunningThroughTheWindow());
        }
        List<RefData.Trajectory> t = new ArrayList<>();
        List<RefData.Measure> m = new ArrayList<>();
        List<RefData.Person> p = new ArrayList<>();
        List<RefData.Address> a = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            long off = 1000L * (i + 1);
            RefData d = parts.get(i);
            d.trajectories().forEach(x -> t.add(new RefData.Trajectory(x.person() + off, x.linkable(), x.hulpvorm(),
                    x.begin(), x.end(), x.verwijzer(), x.aanbieder(), x.gemeente())));
            d.measures().forEach(x -> m.add(new RefData.Measure(x.person() + off, x.linkable(), x.kind(), x.code(),
                    x.begin(), x.end())));
            d.persons().forEach(x -> p.add(new RefData.Person(x.person() + off, x.sex(), x.birthDate())));
            d.addresses().forEach(x -> a.add(new RefData.Address(x.person() + off, x.begin(), x.end(), x.object())));
        }
        RefData g = geo().build();
        return new RefData(t, m, p, a, g.objects(), g.regions());
    }
}
