package nl.samenloop.reference;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.model.Codes;
import nl.samenloop.model.Codes.Kind;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Period;
import nl.samenloop.reference.RefData.Address;
import nl.samenloop.reference.RefData.Measure;
import nl.samenloop.reference.RefData.MeasureKind;
import nl.samenloop.reference.RefData.Trajectory;

/**
 * The plain-Java reference for indicators I1–I5, written from the text of spec indicators.md alone: loops
 * over persons and spells, no cleverness. Every indicator returns {@code CountRef → {value, distinct persons}}
 * at municipality (incl. {@link GeoLevel#UNKNOWN}), region and Netherlands level, per period and per pooled
 * span. Counts that are zero are left out of the map (a missing key means {0, 0}).
 */
public final class PlainIndicators {

    /** A merged jeugdhulp trajectory (spec "Preparing trajectories"). */
    public record Merged(long person, boolean linkable, String hulpvorm, String aanbieder, LocalDate begin,
                         LocalDate end, String verwijzer) {
    }

    /** Any care spell of a linkable person, with its kind. */
    record Spell(Kind kind, LocalDate begin, LocalDate end) {
    }

    private final RefData data;
    private final RefOptions o;
    private final Map<Long, RefData.Person> persons = new HashMap<>();
    private final Map<Long, List<Address>> addresses = new HashMap<>();
    private final Map<String, String> municipalityOfObject = new HashMap<>();
    private final List<Merged> merged;
    private final Map<Long, List<Spell>> spellsOfPerson = new HashMap<>();

    public PlainIndicators(RefData data, RefOptions options) {
        this.data = data;
        this.o = options;
        for (RefData.Person p : data.persons()) {
            persons.put(p.person(), p);
        }
        for (Address a : data.addresses()) {
            addresses.computeIfAbsent(a.person(), k -> new ArrayList<>()).add(a);
        }
        for (RefData.ObjectMunicipality om : data.objects()) {
            if (om.year() == o.classificationYear()) {
                municipalityOfObject.put(om.object(), om.gemeente());
            }
        }
        merged = o.mergeOverlapping() ? merge(data.trajectories()) : unmerged(data.trajectories());
        // Only linkable keys can join to population data (data-layout "Person key").
        for (Merged m : merged) {
            if (m.linkable()) {
                spellsOfPerson.computeIfAbsent(m.person(), k -> new ArrayList<>())
                        .add(new Spell(Codes.kindOfHulpvorm(m.hulpvorm()), m.begin(), m.end()));
            }
        }
        for (Measure m : data.measures()) {
            if (m.linkable()) {
                Kind k = m.kind() == MeasureKind.JB ? Kind.JEUGDBESCHERMING : Kind.JEUGDRECLASSERING;
                spellsOfPerson.computeIfAbsent(m.person(), x -> new ArrayList<>()).add(new Spell(k, m.begin(), m.end()));
            }
        }
    }

    // ---------------------------------------------------------------- trajectories

    /**
     * Same person, hulpvorm and provider, overlapping by at least one day → one trajectory (earliest begin,
     * latest end, an open end wins), transitively. Adjacent trajectories (end + 1 = next begin) stay apart.
     * The merged trajectory keeps the verwijzer of its earliest-beginning part (the spec does not say; this
     * is the referral that started the help). Ties on begin: smallest verwijzer, a missing one last.
     */
    static List<Merged> merge(List<Trajectory> in) {
        Map<List<Object>, List<Trajectory>> groups = new LinkedHashMap<>();
        for (Trajectory t : in) {
            groups.computeIfAbsent(java.util.Arrays.asList(t.person(), t.linkable(), t.hulpvorm(), t.aanbieder()),
                    k -> new ArrayList<>()).add(t);
        }
        Comparator<Trajectory> order = Comparator.comparing(Trajectory::begin)
                .thenComparing(Trajectory::verwijzer, Comparator.nullsLast(Comparator.naturalOrder()));
        List<Merged> out = new ArrayList<>();
        for (List<Trajectory> g : groups.values()) {
            List<Trajectory> sorted = new ArrayList<>(g);
            sorted.sort(order);
            Trajectory first = null;
            LocalDate end = null;
            for (Trajectory t : sorted) {
                if (first != null && (end == null || !t.begin().isAfter(end))) {
                    // overlaps the running group by at least one day (t.begin <= end, and t.begin >= first.begin)
                    end = end == null || t.end() == null ? null : max(end, t.end());
                    continue;
                }
                if (first != null) {
                    out.add(mergedOf(first, end));
                }
                first = t;
                end = t.end();
            }
            if (first != null) {
                out.add(mergedOf(first, end));
            }
        }
        return out;
    }

    private static List<Merged> unmerged(List<Trajectory> in) {
        return in.stream().map(t -> mergedOf(t, t.end())).toList();
    }

    private static Merged mergedOf(Trajectory first, LocalDate end) {
        return new Merged(first.person(), first.linkable(), first.hulpvorm(), first.aanbieder(), first.begin(), end,
                first.verwijzer());
    }

    public List<Merged> mergedTrajectories() {
        return merged;
    }

    // ---------------------------------------------------------------- persons, residence, geography

    /** Whole years on {@code ref}; null when the birth year is missing. Negative when born after ref. */
    static Integer age(LocalDate birth, LocalDate ref) {
        if (birth == null) {
            return null;
        }
        int years = ref.getYear() - birth.getYear();
        if (MonthDay.from(ref).isBefore(MonthDay.from(birth))) {
            years--;
        }
        return years;
    }

    /** Youth population of P: linkable, age in range on the reference date, an address spell active in P. */
    boolean inPopulation(long person, Period p) {
        RefData.Person ps = persons.get(person);
        if (ps == null) {
            return false; // only linkable persons appear in GBAPERSOONTAB
        }
        Integer a = age(ps.birthDate(), o.ageAtStart() ? p.start() : p.peildatum());
        if (a == null || a < o.ageMin() || a > o.ageMax()) {
            return false;
        }
        return addresses.getOrDefault(person, List.of()).stream().anyMatch(s -> p.isActive(s.begin(), s.end()));
    }

    /** Later begin first; ties by object id ascending (the tie rule of the brief). */
    private static final Comparator<Address> PREFERRED = Comparator.comparing(Address::begin).reversed()
            .thenComparing(Address::object);

    /** The address spell containing {@code day}; on a moving day the later-starting spell. Null if none. */
    Address residenceOn(long person, LocalDate day) {
        return addresses.getOrDefault(person, List.of()).stream()
                .filter(s -> !s.begin().isAfter(day) && (s.end() == null || !s.end().isBefore(day)))
                .min(PREFERRED).orElse(null);
    }

    /** Residence in P: on the peildatum, else the latest-starting spell active in P; null when none is. */
    Address residenceIn(long person, Period p) {
        Address a = residenceOn(person, p.peildatum());
        if (a != null) {
            return a;
        }
        return addresses.getOrDefault(person, List.of()).stream()
                .filter(s -> p.isActive(s.begin(), s.end())).min(PREFERRED).orElse(null);
    }

    /** Municipality of an address spell under the classification year; missing / "----" / empty → unknown. */
    String municipality(Address a) {
        if (a == null) {
            return GeoLevel.UNKNOWN;
        }
        String g = municipalityOfObject.get(a.object());
        if (g == null || g.isBlank() || g.endsWith("----") || g.equals(GeoLevel.UNKNOWN)) {
            return GeoLevel.UNKNOWN;
        }
        return g;
    }

    /** Geography of a trajectory-level count (I1, I5): non-linkable or no address in P → unknown. */
    private String trajectoryMunicipality(Merged m, Period p) {
        return m.linkable() ? municipality(residenceIn(m.person(), p)) : GeoLevel.UNKNOWN;
    }

    private Set<Long> linkablePersons() {
        Set<Long> s = new TreeSet<>(persons.keySet());
        return s;
    }

    private List<Spell> spells(long person) {
        return spellsOfPerson.getOrDefault(person, List.of());
    }

    // ---------------------------------------------------------------- indicators

    /** I1: merged trajectories active in P (TRAJECTORIES) and those with hulpvorm 01 (WIJKTEAM_TRAJECTORIES). */
    public Map<CountRef, long[]> i1() {
        Tally t = new Tally();
        for (Period p : o.periods()) {
            for (Merged m : merged) {
                if (!p.isActive(m.begin(), m.end())) {
                    continue;
                }
                String gm = trajectoryMunicipality(m, p);
                t.add("TRAJECTORIES", gm, p, m.person());
                if (Codes.WIJKTEAM.equals(m.hulpvorm())) {
                    t.add("WIJKTEAM_TRAJECTORIES", gm, p, m.person());
                }
            }
        }
        return t.result();
    }

    /** I2: POPULATION and, per group of Codes.GROUPS, members with at least one active spell of the group. */
    public Map<CountRef, long[]> i2() {
        Tally t = new Tally();
        for (Period p : o.periods()) {
            for (long person : linkablePersons()) {
                if (!inPopulation(person, p)) {
                    continue;
                }
                String gm = municipality(residenceIn(person, p));
                t.add("POPULATION", gm, p, person);
                for (Map.Entry<String, Set<Kind>> g : Codes.GROUPS.entrySet()) {
                    boolean any = spells(person).stream()
                            .anyMatch(s -> g.getValue().contains(s.kind()) && p.isActive(s.begin(), s.end()));
                    if (any) {
                        t.add(g.getKey(), gm, p, person);
                    }
                }
            }
        }
        return t.result();
    }

    /** I3: WIJKTEAM_BASE, ONLY_WIJKTEAM, WITH_&lt;KIND&gt; per other kind, WITH_ANY_OTHER. */
    public Map<CountRef, long[]> i3() {
        Tally t = new Tally();
        for (Period p : o.periods()) {
            for (long person : linkablePersons()) {
                if (!inPopulation(person, p)) {
                    continue;
                }
                List<Spell> wijkteam = spells(person).stream()
                        .filter(s -> s.kind() == Kind.WIJKTEAM && p.isActive(s.begin(), s.end())).toList();
                if (wijkteam.isEmpty()) {
                    continue;
                }
                String gm = municipality(residenceIn(person, p));
                t.add("WIJKTEAM_BASE", gm, p, person);
                boolean anyOther = false;
                for (Kind k : o.otherKinds()) {
                    boolean with = spells(person).stream().filter(s -> s.kind() == k)
                            .anyMatch(s -> concurrent(s, wijkteam, p));
                    if (with) {
                        t.add("WITH_" + k.name(), gm, p, person);
                        anyOther = true;
                    }
                }
                t.add(anyOther ? "WITH_ANY_OTHER" : "ONLY_WIJKTEAM", gm, p, person);
            }
        }
        return t.result();
    }

    /**
     * Mode period: the spell is active in P. Mode overlap: some wijkteam trajectory, the spell and P share at
     * least one day.
     */
    private boolean concurrent(Spell s, List<Spell> wijkteam, Period p) {
        if (!p.isActive(s.begin(), s.end())) {
            return false;
        }
        if (!o.concurrencyOverlap()) {
            return true;
        }
        for (Spell w : wijkteam) {
            LocalDate from = max(max(w.begin(), s.begin()), p.start());
            LocalDate to = min(min(w.end() == null ? p.end() : w.end(), s.end() == null ? p.end() : s.end()), p.end());
            if (!from.isAfter(to)) {
                return true;
            }
        }
        return false;
    }

    /** I4 periods whose follow-up windows reach past the data horizon. */
    public Set<String> i4NotObservable() {
        Set<String> out = new TreeSet<>();
        for (Period p : o.periods()) {
            if (p.end().plusDays(365).isAfter(o.dataHorizon())) {
                out.add(p.code());
            }
        }
        for (List<Period> span : o.pooledSpans()) {
            if (span.stream().anyMatch(p -> out.contains(p.code()))) {
                out.add(RefOptions.spanCode(span));
            }
        }
        return out;
    }

    /** I4: COHORT, NO_OTHER_CARE, WITH_OTHER_CARE and WITH_&lt;KIND&gt; in the 365 days after the wijkteam end. */
    public Map<CountRef, long[]> i4() {
        Set<String> notObservable = i4NotObservable();
        Tally t = new Tally(notObservable);
        for (Period p : o.periods()) {
            if (notObservable.contains(p.code())) {
                continue;
            }
            for (long person : linkablePersons()) {
                if (!inPopulation(person, p)) {
                    continue;
                }
                LocalDate end = spells(person).stream()
                        .filter(s -> s.kind() == Kind.WIJKTEAM && s.end() != null && p.contains(s.end()))
                        .map(Spell::end).max(Comparator.naturalOrder()).orElse(null);
                if (end == null) {
                    continue;
                }
                LocalDate from = end.plusDays(1);
                LocalDate to = end.plusDays(365);
                Address home = residenceOn(person, end);
                String gm = municipality(home != null ? home : residenceIn(person, p));
                t.add("COHORT", gm, p, person);
                boolean anyOther = false;
                for (Kind k : o.otherKinds()) {
                    boolean with = spells(person).stream().filter(s -> s.kind() == k)
                            .anyMatch(s -> activeBetween(s, from, to));
                    if (with) {
                        t.add("WITH_" + k.name(), gm, p, person);
                        anyOther = true;
                    }
                }
                if (o.newWijkteamCounts()) {
                    // a new wijkteam trajectory: one that begins inside the window; reported as a kind of its own
                    boolean newWijkteam = spells(person).stream().filter(s -> s.kind() == Kind.WIJKTEAM)
                            .anyMatch(s -> !s.begin().isBefore(from) && !s.begin().isAfter(to));
                    if (newWijkteam) {
                        t.add("WITH_" + Kind.WIJKTEAM.name(), gm, p, person);
                        anyOther = true;
                    }
                }
                t.add(anyOther ? "WITH_OTHER_CARE" : "NO_OTHER_CARE", gm, p, person);
            }
        }
        return t.result();
    }

    private static boolean activeBetween(Spell s, LocalDate from, LocalDate to) {
        return !s.begin().isAfter(to) && (s.end() == null || !s.end().isBefore(from));
    }

    /** I5: merged trajectories that began in P: STARTED and STARTED_&lt;verwijzer&gt; (empty → STARTED_LEEG). */
    public Map<CountRef, long[]> i5() {
        Tally t = new Tally();
        for (Period p : o.periods()) {
            for (Merged m : merged) {
                if (!p.contains(m.begin()) || (o.excludeWijkteam() && Codes.WIJKTEAM.equals(m.hulpvorm()))) {
                    continue;
                }
                String gm = trajectoryMunicipality(m, p);
                String v = m.verwijzer() == null || m.verwijzer().isBlank() ? "LEEG" : m.verwijzer();
                t.add("STARTED", gm, p, m.person());
                t.add("STARTED_" + v, gm, p, m.person());
            }
        }
        return t.result();
    }

    /** All five, keyed I1..I5. */
    public Map<String, Map<CountRef, long[]>> all() {
        Map<String, Map<CountRef, long[]>> out = new LinkedHashMap<>();
        out.put("I1", i1());
        out.put("I2", i2());
        out.put("I3", i3());
        out.put("I4", i4());
        out.put("I5", i5());
        return out;
    }

    // ---------------------------------------------------------------- counting

    /**
     * Adds one unit (a person-period or a trajectory) to a count at the municipality, its region and the
     * Netherlands, for the period itself and every pooled span containing it; remembers distinct persons.
     */
    private final class Tally {
        private final Map<CountRef, long[]> values = new TreeMap<>();
        private final Map<CountRef, Set<Long>> who = new HashMap<>();
        private final Set<String> skipSpans;

        Tally() {
            this(Set.of());
        }

        Tally(Set<String> skipSpans) {
            this.skipSpans = skipSpans;
        }

        void add(String name, String municipality, Period p, long person) {
            List<String> periodCodes = new ArrayList<>();
            periodCodes.add(p.code());
            for (List<Period> span : o.pooledSpans()) {
                String code = RefOptions.spanCode(span);
                if (span.contains(p) && !skipSpans.contains(code)) {
                    periodCodes.add(code);
                }
            }
            List<String> geos = new ArrayList<>();
            geos.add(municipality);
            String region = data.regions().get(municipality);
            if (region != null) {
                geos.add(region);
            }
            geos.add(GeoLevel.NETHERLANDS);
            for (String pc : periodCodes) {
                for (String g : geos) {
                    CountRef ref = new CountRef(name, g, pc);
                    values.computeIfAbsent(ref, k -> new long[2])[0]++;
                    who.computeIfAbsent(ref, k -> new HashSet<>()).add(person);
                }
            }
        }

        Map<CountRef, long[]> result() {
            Map<CountRef, long[]> out = new TreeMap<>();
            values.forEach((ref, v) -> out.put(ref, new long[] {v[0], who.get(ref).size()}));
            return out;
        }
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
