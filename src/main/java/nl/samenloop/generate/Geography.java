package nl.samenloop.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import nl.samenloop.model.Reference;

/**
 * Where people live. Persons are placed in the municipalities of classification 2016, in proportion to
 * their population aged 0–25 on 1 January 2016, on address objects drawn from a pool per municipality.
 * Each object's municipality in every classification year 2015–2025 follows the merger table from
 * {@link Reference}: forward through mergers (a split municipality's objects are shared out over the
 * receivers by the address shares in conf/reference/SOURCES.md) and back to 2015 (an object in a
 * municipality formed on 2016-01-01 lies in one of its predecessors).
 */
final class Geography {
    static final int FIRST_YEAR = 2015;
    static final int LAST_YEAR = 2025;
    private static final int BUCKETS = 100;

    /** Shares of addresses of split municipalities over their receivers (SOURCES.md section 3). */
    private static final Map<String, Double> SPLIT_SHARES = Map.of(
            "GM0140>GM1900", 0.51, "GM0140>GM0080", 0.31, "GM0140>GM1949", 0.18,
            "GM0053>GM1966", 0.88, "GM0053>GM1969", 0.12,
            "GM0788>GM0824", 0.42, "GM0788>GM0865", 0.34, "GM0788>GM0757", 0.15, "GM0788>GM0855", 0.09);

    /** Share of address objects absent from VSLGWBTAB, and with '----' in all years / in one year. */
    static final double OBJECT_MISSING = 0.004;
    static final double OBJECT_UNKNOWN_ALL = 0.0015;
    static final double OBJECT_UNKNOWN_ONE_YEAR = 0.0015;
    /** Address objects per expected youth resident: some siblings share one. */
    private static final double OBJECTS_PER_YOUTH = 0.7;

    final String[] codes2016;
    final int[] regionNumber;
    final boolean[] lowWijkteam;
    final boolean[] eligible;
    private final double[] cumWeight;
    private final int[] placeIndex;
    private final long[] objectOffset;
    /** codes[m][year - 2015][bucket]; year 2015 is indexed by the backward bucket, the others by forward. */
    private final String[][][] codes;

    Geography(Reference ref, GeneratorSpec spec) {
        Map<String, Reference.Municipality> m16 = ref.classification(2016);
        codes2016 = m16.keySet().toArray(new String[0]);
        int n = codes2016.length;
        regionNumber = new int[n];
        for (int i = 0; i < n; i++) {
            String rc = m16.get(codes2016[i]).regionCode();
            regionNumber[i] = rc == null ? 0 : Integer.parseInt(rc.substring(2));
        }
        codes = new String[n][LAST_YEAR - FIRST_YEAR + 1][BUCKETS];
        for (int i = 0; i < n; i++) {
            fillCodes(ref, i);
        }
        eligible = new boolean[n];
        if (spec.municipalities().isEmpty()) {
            Arrays.fill(eligible, true);
        } else {
            markMatching(spec.municipalities(), eligible, "municipalities");
        }
        lowWijkteam = new boolean[n];
        markMatching(spec.lowWijkteam(), lowWijkteam, "lowWijkteam");
        for (int i = 0; i < n; i++) {
            if (Seeds.uniform(spec.seed(), Seeds.GLOBAL ^ 0x4C4F57L, i) < spec.randomLowWijkteamShare()) {
                lowWijkteam[i] = true;
            }
        }
        Map<String, long[]> pop = ref.population(2016);
        List<Integer> places = new ArrayList<>();
        List<Double> cum = new ArrayList<>();
        double total = 0;
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            long[] v = pop.get(codes2016[i]);
            if (v == null) {
                throw new IllegalStateException("no 2016 population for " + codes2016[i] + " in gemeenten_inwoners_2016.csv");
            }
            // v[0] is the total; v[1..5] are the age groups 0–5 … 20–25.
            weight[i] = v[1] + v[2] + v[3] + v[4] + v[5];
            if (eligible[i]) {
                total += weight[i];
                places.add(i);
                cum.add(total);
            }
        }
        placeIndex = places.stream().mapToInt(Integer::intValue).toArray();
        cumWeight = new double[cum.size()];
        for (int i = 0; i < cumWeight.length; i++) {
            cumWeight[i] = cum.get(i) / total;
        }
        objectOffset = new long[n + 1];
        for (int i = 0; i < n; i++) {
            long objects = eligible[i] ? Math.max(5, Math.round(spec.youth() * weight[i] / total * OBJECTS_PER_YOUTH)) : 0;
            objectOffset[i + 1] = objectOffset[i] + objects;
        }
    }

    int size() {
        return codes2016.length;
    }

    /** Global index of municipality {@code m}'s first address object ({@code m = size()}: the total). */
    long firstObject(int m) {
        return objectOffset[m];
    }

    long objectCount() {
        return objectOffset[codes2016.length];
    }

    /** A municipality (2016 index) drawn in proportion to its youth population. */
    int drawMunicipality(SplittableRandom r) {
        double u = r.nextDouble();
        int k = Arrays.binarySearch(cumWeight, u);
        int pos = k >= 0 ? k + 1 : -k - 1;
        return placeIndex[Math.min(pos, placeIndex.length - 1)];
    }

    /** A global object index in municipality {@code m}, different from {@code avoid} when possible. */
    long drawObject(SplittableRandom r, int m, long avoid) {
        long lo = objectOffset[m];
        long count = objectOffset[m + 1] - lo;
        long o = lo + r.nextLong(count);
        if (o == avoid && count > 1) {
            o = lo + (o - lo + 1 + r.nextLong(count - 1)) % count;
        }
        return o;
    }

    int municipalityOfObject(long object) {
        int k = Arrays.binarySearch(objectOffset, object);
        int m = k >= 0 ? k : -k - 2;
        while (objectOffset[m + 1] <= object) {
            m++;
        }
        return m;
    }

    /** Code ("GM0599") of municipality {@code m}'s objects in {@code year}, for object streams u (fwd) and u2 (back). */
    String code(int m, int year, double uForward, double uBack) {
        int y = Math.max(FIRST_YEAR, Math.min(LAST_YEAR, year));
        double u = y == FIRST_YEAR ? uBack : uForward;
        return codes[m][y - FIRST_YEAR][Math.min(BUCKETS - 1, (int) (u * BUCKETS))];
    }

    /** Every code municipality {@code m}'s objects can carry in 2015–2025. */
    Set<String> codesOf(int m) {
        Set<String> s = new TreeSet<>();
        for (String[] perYear : codes[m]) {
            s.addAll(Arrays.asList(perYear));
        }
        return s;
    }

    private void markMatching(List<String> given, boolean[] mark, String what) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String g : given) {
            wanted.add(normalise(g));
        }
        Set<String> matched = new TreeSet<>();
        for (int i = 0; i < codes2016.length; i++) {
            for (String c : codesOf(i)) {
                if (wanted.contains(c)) {
                    mark[i] = true;
                    matched.add(c);
                }
            }
        }
        wanted.removeAll(matched);
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException(what + ": unknown municipality code(s) " + wanted
                    + " (not in any classification 2015–2025 of conf/reference)");
        }
    }

    static String normalise(String code) {
        String c = code.trim().toUpperCase();
        if (c.matches("\\d{1,4}")) {
            c = "GM" + "0000".substring(c.length()) + c;
        }
        if (!c.matches("GM\\d{4}")) {
            throw new IllegalArgumentException("not a municipality code: '" + code + "' (expected GM0599 or 0599)");
        }
        return c;
    }

    private Map<String, List<Reference.Change>> byOld;
    private Map<String, List<Reference.Change>> byNew;
    private TreeSet<LocalDate> dates;

    private void index(Reference ref) {
        byOld = new java.util.HashMap<>();
        byNew = new java.util.HashMap<>();
        dates = new TreeSet<>();
        for (Reference.Change c : ref.changes()) {
            byOld.computeIfAbsent(c.date() + "|" + c.oldCode(), k -> new ArrayList<>()).add(c);
            byNew.computeIfAbsent(c.date() + "|" + c.newCode(), k -> new ArrayList<>()).add(c);
            dates.add(c.date());
        }
    }

    private void fillCodes(Reference ref, int m) {
        if (byOld == null) {
            index(ref);
        }
        Set<String> in2015 = ref.classification(2015).keySet();
        LocalDate base = LocalDate.of(2016, 1, 1);
        for (int b = 0; b < BUCKETS; b++) {
            double u = (b + 0.5) / BUCKETS;
            // Forward from 2016 through every change dated after 1 Jan 2016 up to 1 Jan of the year.
            String c = codes2016[m];
            codes[m][2016 - FIRST_YEAR][b] = c;
            for (int y = 2017; y <= LAST_YEAR; y++) {
                LocalDate cut = LocalDate.of(y, 1, 1);
                for (LocalDate d : dates.subSet(LocalDate.of(y - 1, 1, 1), false, cut, true)) {
                    List<Reference.Change> out = byOld.get(d + "|" + c);
                    if (out != null) {
                        c = pickReceiver(out, u);
                    }
                }
                codes[m][y - FIRST_YEAR][b] = c;
            }
            // Back to 1 Jan 2015: undo the changes dated in (2015-01-01, 2016-01-01], latest first.
            String p = codes2016[m];
            for (LocalDate d : dates.subSet(LocalDate.of(2015, 1, 1), false, base, true).descendingSet()) {
                List<String> preds = new ArrayList<>();
                for (Reference.Change ch : byNew.getOrDefault(d + "|" + p, List.of())) {
                    if (!ch.oldCode().equals(p)) {
                        preds.add(ch.oldCode());
                    }
                }
                if (!preds.isEmpty()) {
                    if (in2015.contains(p)) {
                        preds.add(0, p);
                    }
                    p = preds.get(Math.min(preds.size() - 1, (int) (u * preds.size())));
                }
            }
            codes[m][0][b] = p;
        }
    }

    private static String pickReceiver(List<Reference.Change> out, double u) {
        if (out.size() == 1) {
            return out.get(0).newCode();
        }
        double[] w = new double[out.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            Double s = SPLIT_SHARES.get(out.get(i).oldCode() + ">" + out.get(i).newCode());
            w[i] = s == null ? 1.0 / w.length : s;
            sum += w[i];
        }
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i] / sum;
            if (u < acc) {
                return out.get(i).newCode();
            }
        }
        return out.get(w.length - 1).newCode();
    }
}
