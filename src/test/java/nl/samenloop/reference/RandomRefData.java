package nl.samenloop.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import nl.samenloop.ingest.Staging;
import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;
import nl.samenloop.reference.RefData.Address;
import nl.samenloop.reference.RefData.Measure;
import nl.samenloop.reference.RefData.MeasureKind;
import nl.samenloop.reference.RefData.ObjectMunicipality;
import nl.samenloop.reference.RefData.Trajectory;

/**
 * Seeded random staged data for property and differential tests: a few dozen persons in four real
 * municipalities of two jeugdregio's (classification 2020, matching conf/reference), objects without a
 * municipality, half-years 2018–2020, spells with open ends, dates on period boundaries, overlapping and
 * adjacent trajectories, same-day moves, non-linkable keys and missing birth years. Staged data is already
 * deduplicated by ingest, so no two records share the spell identity (person, code, begin[, provider]).
 */
public final class RandomRefData {
    public static final int CLASSIFICATION_YEAR = 2020;
    public static final List<Period> PERIODS = Period.range(2018, 2020, Granularity.HALFYEAR);
    public static final LocalDate HORIZON = LocalDate.of(2020, 12, 31);

    /** Municipality → jeugdregio as in conf/reference/gemeenten_jeugdregio_2020.csv. */
    public static final Map<String, String> REGIONS = Map.of(
            "GM0599", "JZ29", "GM0606", "JZ29", "GM0518", "JZ24", "GM0603", "JZ24");
    private static final String[] MUNICIPALITIES = {"GM0599", "GM0606", "GM0518", "GM0603"};
    private static final String[] HULPVORM = {"01", "01", "01", "02", "03", "04", "11", "12", "13", "14"};
    private static final String[] VERWIJZER = {"01", "02", "03", "04", "05", "06", "07", "08"};
    private static final String[] JB = {"11", "12", "21", "22", "23", "31"};
    private static final String[] JR = {"41", "42", "50", "51", "61", "62", "63"};

    private final Random rnd;
    private final List<LocalDate> boundaryDates = new ArrayList<>();

    private RandomRefData(long seed) {
        this.rnd = new Random(seed);
        for (Period p : PERIODS) {
            boundaryDates.add(p.start());
            boundaryDates.add(p.end());
        }
        boundaryDates.add(LocalDate.of(2017, 12, 31));
        boundaryDates.add(LocalDate.of(2021, 1, 1));
    }

    public static RefData generate(long seed) {
        return new RandomRefData(seed).data();
    }

    /** The spec's default options on the generated periods, with the generated data horizon. */
    public static RefOptions defaultOptions() {
        return RefOptions.defaults(PERIODS, CLASSIFICATION_YEAR).withDataHorizon(HORIZON);
    }

    private RefData data() {
        // Objects 1:1..1:8 map to the four municipalities; 1:9 has a null municipality; 1:10 is absent from
        // VSLGWBTAB; 1:11 has a row for 2019 only (absent for classification year 2020).
        List<ObjectMunicipality> objects = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            objects.add(new ObjectMunicipality("1:" + i, CLASSIFICATION_YEAR, MUNICIPALITIES[(i - 1) % 4]));
            objects.add(new ObjectMunicipality("1:" + i, 2019, MUNICIPALITIES[i % 4]));
        }
        objects.add(new ObjectMunicipality("1:9", CLASSIFICATION_YEAR, null));
        objects.add(new ObjectMunicipality("1:11", 2019, "GM0599"));

        boolean withProvider = rnd.nextBoolean();
        List<Trajectory> trajectories = new ArrayList<>();
        List<Measure> measures = new ArrayList<>();
        List<RefData.Person> persons = new ArrayList<>();
        List<Address> addresses = new ArrayList<>();
        Set<List<Object>> spellIds = new HashSet<>();
        int n = 20 + rnd.nextInt(25);
        for (int i = 0; i < n; i++) {
            boolean linkable = rnd.nextInt(100) < 85;
            long key = linkable ? 100_000_001L + i : Staging.nonLinkableKey(rnd.nextBoolean() ? "X" : "", 100_000_001L + i);
            if (linkable) {
                persons.add(new RefData.Person(key, rnd.nextBoolean() ? "1" : "2", rnd.nextInt(10) == 0 ? null : birthDate()));
                addresses.addAll(addressHistory(key));
            }
            int nt = rnd.nextInt(6);
            for (int t = 0; t < nt; t++) {
                Trajectory tr = trajectory(key, linkable, withProvider, trajectories);
                if (spellIds.add(List.of("T", key, tr.hulpvorm(), tr.begin(), String.valueOf(tr.aanbieder())))) {
                    trajectories.add(tr);
                }
            }
            if (linkable || rnd.nextBoolean()) {
                int nm = rnd.nextInt(3);
                for (int m = 0; m < nm; m++) {
                    MeasureKind kind = rnd.nextBoolean() ? MeasureKind.JB : MeasureKind.JR;
                    String code = pick(kind == MeasureKind.JB ? JB : JR);
                    LocalDate b = date();
                    if (spellIds.add(List.of("M", key, kind, code, b))) {
                        measures.add(new Measure(key, linkable, kind, code, b, endAfter(b)));
                    }
                }
            }
        }
        Map<String, String> regions = new LinkedHashMap<>(REGIONS);
        return new RefData(trajectories, measures, persons, addresses, objects, regions);
    }

    private LocalDate birthDate() {
        if (rnd.nextInt(8) == 0) {
            // born close to a peildatum so the age cut-offs are exercised
            Period p = PERIODS.get(rnd.nextInt(PERIODS.size()));
            int age = rnd.nextBoolean() ? 22 + rnd.nextInt(2) : rnd.nextInt(2);
            return p.end().minusYears(age).plusDays(rnd.nextInt(3) - 1);
        }
        return LocalDate.of(1993 + rnd.nextInt(28), 1, 1).plusDays(rnd.nextInt(365));
    }

    /** 0–3 spells, consecutive, with gaps, same-day moves (next begins on the previous end) or overlaps. */
    private List<Address> addressHistory(long key) {
        List<Address> out = new ArrayList<>();
        int k = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(3);
        LocalDate begin = rnd.nextInt(3) == 0 ? date() : LocalDate.of(2000 + rnd.nextInt(18), 1, 1).plusDays(rnd.nextInt(365));
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < k; i++) {
            boolean last = i == k - 1;
            LocalDate end = last && rnd.nextBoolean() ? null : endAfter(begin);
            if (end == null && !last) {
                end = begin.plusDays(30 + rnd.nextInt(300));
            }
            String object = "1:" + (1 + rnd.nextInt(11));
            if (seen.add(List.of(begin, object))) {
                out.add(new Address(key, begin, end, object));
            }
            if (end == null) {
                break;
            }
            int how = rnd.nextInt(4);
            begin = how == 0 ? end : how == 1 ? end.plusDays(1) : how == 2 ? end.plusDays(1 + rnd.nextInt(200))
                    : end.minusDays(rnd.nextInt(10));
        }
        return out;
    }

    private Trajectory trajectory(long key, boolean linkable, boolean withProvider, List<Trajectory> sofar) {
        String hulpvorm = pick(HULPVORM);
        LocalDate begin = date();
        // often continue or overlap an earlier trajectory of the same person and hulpvorm, to exercise merging
        Trajectory prev = null;
        for (int i = sofar.size() - 1; i >= 0 && sofar.get(i).person() == key; i--) {
            prev = sofar.get(i);
        }
        if (prev != null && rnd.nextInt(3) == 0 && prev.end() != null) {
            hulpvorm = prev.hulpvorm();
            int how = rnd.nextInt(3);
            begin = how == 0 ? prev.end() : how == 1 ? prev.end().plusDays(1) : prev.begin().plusDays(rnd.nextInt(20));
        }
        String verwijzer = rnd.nextInt(6) == 0 ? null : pick(VERWIJZER);
        String aanbieder = withProvider ? (rnd.nextBoolean() ? "A1" : "A2") : null;
        return new Trajectory(key, linkable, hulpvorm, begin, endAfter(begin), verwijzer, aanbieder, null);
    }

    private LocalDate date() {
        if (rnd.nextInt(3) == 0) {
            return boundaryDates.get(rnd.nextInt(boundaryDates.size())).plusDays(rnd.nextInt(3) - 1);
        }
        return LocalDate.of(2017, 6, 1).plusDays(rnd.nextInt(4 * 365));
    }

    /** Open (1 in 5), the same day, a boundary date after begin, or a random duration. */
    private LocalDate endAfter(LocalDate begin) {
        int how = rnd.nextInt(10);
        if (how < 2) {
            return null;
        }
        if (how == 2) {
            return begin;
        }
        if (how < 5) {
            for (LocalDate d : boundaryDates) {
                if (!d.isBefore(begin) && rnd.nextBoolean()) {
                    return d;
                }
            }
        }
        return begin.plusDays(rnd.nextInt(500));
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }
}
