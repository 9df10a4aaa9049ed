package nl.samenloop.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import nl.samenloop.engine.LocalWork;
import nl.samenloop.link.LocalLink;
import nl.samenloop.link.LocalLinked;
import nl.samenloop.model.Codes;

/**
 * The indicators I1 (wijkteam_share), I2 (care_share), I3 (concurrency, both modes), I4 (followup) and I5 (referral)
 * without Spark, on the local engine's linked data ({@link LocalLinked}): every table of a job in one pass over the
 * persons (STYLE "share the scans"), each person's facts per period exactly as the Spark facts of
 * {@link WijkteamShare}, {@link CareShare#countFacts}, {@link Concurrency#facts}, {@link FollowUp#facts} and
 * {@link Referral} define them, rolled up as {@link Rollup} does (one
 * municipality per person and period; pooled spans count distinct persons per level). The tables are then built
 * by the indicators' own {@code table} methods, so cells, relations and notes have one source.
 */
public final class LocalTables {
    /** Indicators this engine computes; a job asking for any other is computed by Spark. */
    public static final Set<String> INDICATORS = Set.of("wijkteam_share", "care_share", "concurrency", "followup", "referral",
            "quality");

    private LocalTables() {
    }

    public static boolean supports(List<TableRequest> requests) {
        return requests.stream().allMatch(r -> INDICATORS.contains(r.indicator()));
    }

    /** Every table, by request name, computed in one pass over the persons on {@code threads} threads. */
    public static Map<String, CellTable> compute(LocalLinked d, List<TableRequest> requests, int threads) {
        return compute(d, requests, threads, null, null);
    }

    /**
     * As above, the heartbeat of {@code progress} (when given) saying how many persons are done; {@code work} is the
     * secure working area internal outputs go to (the quality table's break list), or null.
     */
    public static Map<String, CellTable> compute(LocalLinked d, List<TableRequest> requests, int threads,
                                                 nl.samenloop.engine.Progress progress, nl.samenloop.storage.Location work) {
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        if (progress != null) {
            progress.reporting(() -> String.format("%,d of %,d persons", done.get(), d.allPersons));
        }
        int workers = Math.max(1, Math.min(threads, Math.max(1, d.allPersons)));
        int chunk = (d.allPersons + workers - 1) / workers;
        ExecutorService pool = LocalWork.pool(workers, "samenloop-indicators");
        List<Future<List<Acc>>> parts = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                int from = w * chunk;
                int to = Math.min(d.allPersons, from + chunk);
                parts.add(pool.submit(() -> pass(d, requests, from, to, done)));
            }
            List<Acc> total = null;
            for (Future<List<Acc>> f : parts) {
                List<Acc> part = get(f);
                if (total == null) {
                    total = part;
                } else {
                    for (int i = 0; i < total.size(); i++) {
                        total.get(i).add(part.get(i));
                    }
                }
            }
            Map<String, CellTable> out = new LinkedHashMap<>();
            int next = 0;
            for (TableRequest r : requests) {
                List<CountCube> cubes = new ArrayList<>();
                while (next < total.size() && total.get(next).request == r) {
                    cubes.add(total.get(next++).cube(d));
                }
                out.put(r.name(), table(d, r, cubes, work));
            }
            return out;
        } finally {
            pool.shutdownNow();
            if (progress != null) {
                progress.reporting(null);
            }
        }
    }

    private static List<Acc> pass(LocalLinked d, List<TableRequest> requests, int from, int to,
                                  java.util.concurrent.atomic.AtomicLong done) {
        List<Facts> facts = new ArrayList<>();
        List<Acc> accs = new ArrayList<>();
        for (TableRequest r : requests) {
            for (Facts f : factsOf(d, r)) {
                facts.add(f);
                accs.add(new Acc(d, r, f.names));
            }
        }
        for (int person = from; person < to; person++) {
            if ((person & 0xFFFF) == 0xFFFF) {
                done.addAndGet(0x10000);
            }
            boolean withAddress = person < d.persons;
            for (int i = 0; i < facts.size(); i++) {
                Facts f = facts.get(i);
                // Keys without an address spell are never in the youth population; only trajectory counts see them.
                if (withAddress || f.everyKey) {
                    f.person(d, person);
                    accs.get(i).person(d, person, f);
                }
            }
        }
        return accs;
    }

    private static CellTable table(LocalLinked d, TableRequest r, List<CountCube> cubes, nl.samenloop.storage.Location work) {
        CountCube cube = cubes.get(0);
        return switch (r.indicator()) {
            case "quality" -> new Quality().table(cube, cubes.get(1), r, d.index.periods(), work);
            case "wijkteam_share" -> new WijkteamShare().table(cube, r);
            case "referral" -> new Referral().table(cube, r);
            case "care_share" -> new CareShare().table(cube, r, d.spec.ageMin() + "–" + d.spec.ageMax());
            case "concurrency" -> new Concurrency().table(cube, r);
            case "followup" -> new FollowUp().table(cube, r, d.index.periods(), d.dataHorizon);
            default -> throw new IllegalArgumentException("the local engine has no indicator " + r.indicator());
        };
    }

    /** The fact sets of a table: one, or the quality table's two (trajectories; care persons and their addresses). */
    private static List<Facts> factsOf(LocalLinked d, TableRequest r) {
        return r.indicator().equals("quality") ? List.of(new QualityTrajectoryFacts(d), new QualityAddressFacts())
                : List.of(facts(d, r));
    }

    private static Facts facts(LocalLinked d, TableRequest r) {
        return switch (r.indicator()) {
            case "wijkteam_share" -> new WijkteamShareFacts();
            case "referral" -> new ReferralFacts(d, r);
            case "care_share" -> new CareShareFacts(r);
            case "concurrency" -> new ConcurrencyFacts(r);
            case "followup" -> new FollowUpFacts(d, r);
            default -> throw new IllegalArgumentException("the local engine has no indicator " + r.indicator());
        };
    }

    private static int mask(Iterable<Codes.Kind> kinds) {
        int m = 0;
        for (Codes.Kind k : kinds) {
            m |= 1 << k.ordinal();
        }
        return m;
    }

    private static final int WIJKTEAM = 1 << Codes.Kind.WIJKTEAM.ordinal();

    /** One table's facts per person and period. */
    abstract static class Facts {
        final List<String> names;
        /** Counts trajectories of every key (also without an address, or not linkable), not population members. */
        final boolean everyKey;

        Facts(List<String> names) {
            this(names, false);
        }

        Facts(List<String> names, boolean everyKey) {
            this.names = names;
            this.everyKey = everyKey;
        }

        /** Called once per person before its periods. */
        void person(LocalLinked d, int person) {
        }

        /**
         * The person's fact row of period p: its values in {@code v} (in {@link #names} order) and the municipality
         * index it counts in as the result, or -1 when the person has no row in p.
         */
        abstract int row(LocalLinked d, int person, int p, long[] v);
    }

    /**
     * I1: the person's merged trajectories active in p (and those with hulpvorm 01), in the municipality of residence
     * on the peildatum (unknown without one).
     */
    static final class WijkteamShareFacts extends Facts {
        WijkteamShareFacts() {
            super(List.of(WijkteamShare.NUM, WijkteamShare.DEN), true);
        }

        @Override
        int row(LocalLinked d, int person, int p, long[] v) {
            long all = 0;
            long wijkteam = 0;
            for (int t = d.trajStart[person]; t < d.trajStart[person + 1]; t++) {
                if (d.active(d.trajBegin[t], d.trajEnd[t], p)) {
                    all++;
                    if (d.trajHulpvorm[t] == LocalLinked.WIJKTEAM) {
                        wijkteam++;
                    }
                }
            }
            if (all == 0) {
                return -1;
            }
            v[0] = wijkteam;
            v[1] = all;
            return d.residence(person, p);
        }
    }

    /** I5: the person's merged trajectories that began in p, by verwijzer; residence as I1. */
    static final class ReferralFacts extends Facts {
        private final boolean excludeWijkteam;
        /** Category position (1-based in the names) per verwijzer number; index 0 is "not filled in". */
        private final int[] category;

        ReferralFacts(LocalLinked d, TableRequest r) {
            super(Referral.names(), true);
            excludeWijkteam = r.bool("exclude_wijkteam");
            List<String> codes = Referral.categories();
            category = new int[d.verwijzers.size() + 1];
            category[0] = codes.indexOf(Referral.EMPTY);
            for (int i = 0; i < d.verwijzers.size(); i++) {
                category[i + 1] = codes.indexOf(d.verwijzers.get(i));
            }
        }

        @Override
        int row(LocalLinked d, int person, int p, long[] v) {
            long started = 0;
            for (int t = d.trajStart[person]; t < d.trajStart[person + 1]; t++) {
                // Spark's hulpvorm <> '01' also drops a trajectory without hulpvorm.
                if (excludeWijkteam && d.trajHulpvorm[t] != LocalLinked.OTHER) {
                    continue;
                }
                if (d.periodOf(d.trajBegin[t]) != p) {
                    continue;
                }
                if (started == 0) {
                    java.util.Arrays.fill(v, 0);
                }
                started++;
                int c = category[d.trajVerwijzer[t] + 1];
                if (c >= 0) {
                    v[1 + c]++;
                }
            }
            if (started == 0) {
                return -1;
            }
            v[0] = started;
            return d.residence(person, p);
        }
    }

    /**
     * I7 trajectories: the person's merged trajectories active in p by hulpvorm, and those of keys that are not
     * linkable; residence as I1.
     */
    static final class QualityTrajectoryFacts extends Facts {
        /** Position in the names of each hulpvorm number's code (-1: a code the names do not have). */
        private final int[] position;

        QualityTrajectoryFacts(LocalLinked d) {
            super(Quality.trajectoryNames(), true);
            position = new int[d.hulpvormCodes.size()];
            for (int i = 0; i < position.length; i++) {
                String code = d.hulpvormCodes.get(i);
                position[i] = code == null ? -1 : names.indexOf(Quality.hulpvorm(code));
            }
        }

        @Override
        int row(LocalLinked d, int person, int p, long[] v) {
            int total = names.size() - 2;
            long all = 0;
            for (int t = d.trajStart[person]; t < d.trajStart[person + 1]; t++) {
                if (!d.active(d.trajBegin[t], d.trajEnd[t], p)) {
                    continue;
                }
                if (all == 0) {
                    java.util.Arrays.fill(v, 0);
                }
                all++;
                if (!d.trajLinkable[t]) {
                    v[total + 1]++;
                }
                int at = position[d.trajHulpvormCode[t]];
                if (at >= 0 && at < total) {
                    v[at]++;
                }
            }
            if (all == 0) {
                return -1;
            }
            v[total] = all;
            return d.residence(person, p);
        }
    }

    /**
     * I7 addresses: linkable keys with a care spell active in p (CARE_PERSONS), and whether they have no address spell
     * active in p (NO_ADDRESS, counted in the unknown municipality).
     */
    static final class QualityAddressFacts extends Facts {
        QualityAddressFacts() {
            super(Quality.addressNames(), true);
        }

        @Override
        int row(LocalLinked d, int person, int p, long[] v) {
            boolean care = false;
            for (int s = d.careStart[person]; s < d.careStart[person + 1] && !care; s++) {
                care = d.active(d.careBegin[s], d.careEnd[s], p);
            }
            if (!care) {
                return -1;
            }
            int gm = person < d.persons ? LocalLink.onPeildatum(d, person, p) : -1;
            v[0] = 1;
            v[1] = gm < 0 ? 1 : 0;
            return gm < 0 ? d.unknownGm() : gm;
        }
    }

    /** I2: every population member (POPULATION = 1) with a 0/1 per group. */
    static final class CareShareFacts extends Facts {
        private final int[] groups;

        CareShareFacts(TableRequest r) {
            super(names(r));
            List<String> g = r.list("groups");
            groups = new int[g.size()];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = mask(Codes.GROUPS.get(g.get(i)));
            }
        }

        static List<String> names(TableRequest r) {
            List<String> names = new ArrayList<>(r.list("groups"));
            names.add(CareShare.POPULATION);
            return names;
        }

        @Override
        int row(LocalLinked d, int person, int p, long[] v) {
            int at = person * d.periods + p;
            int gm = d.popGm[at];
            if (gm < 0) {
                return -1;
            }
            int mask = d.careMask[at];
            for (int i = 0; i < groups.length; i++) {
                v[i] = (mask & groups[i]) != 0 ? 1 : 0;
            }
            v[groups.length] = 1;
            return gm;
        }
    }

    /** I3: population members with wijkteam help in p; the other kinds active in p (period) or overlapping (overlap). */
    static final class ConcurrencyFacts extends Facts {
        private final List<Codes.Kind> others;
        private final int otherMask;
        private final boolean overlap;

        ConcurrencyFacts(TableRequest r) {
            super(Concurrency.names(r));
            others = CareFacts.kinds(r.list("other_kinds"));
            otherMask = mask(others);
            overlap = "overlap".equals(r.string("concurrency"));
        }

        @Override
        int row(LocalLinked d, int person, int p, long[] v) {
            int at = person * d.periods + p;
            int gm = d.popGm[at];
            if (gm < 0 || (d.careMask[at] & WIJKTEAM) == 0) {
                return -1;
            }
            int flags = overlap ? overlapping(d, person, p) : d.careMask[at] & otherMask;
            v[0] = 1;
            v[1] = flags == 0 ? 1 : 0;
            for (int i = 0; i < others.size(); i++) {
                v[2 + i] = (flags >> others.get(i).ordinal()) & 1;
            }
            v[2 + others.size()] = flags == 0 ? 0 : 1;
            return gm;
        }

        /** Kinds of the other spells whose dates, clipped to p, share a day with a wijkteam trajectory's. */
        private int overlapping(LocalLinked d, int person, int p) {
            int flags = 0;
            int ps = d.pstart[p];
            int pe = d.pend[p];
            int to = d.careStart[person + 1];
            for (int w = d.careStart[person]; w < to; w++) {
                if (d.careKind[w] != Codes.Kind.WIJKTEAM.ordinal() || !d.active(d.careBegin[w], d.careEnd[w], p)) {
                    continue;
                }
                for (int o = d.careStart[person]; o < to; o++) {
                    int kind = d.careKind[o];
                    if ((otherMask & (1 << kind)) == 0 || !d.active(d.careBegin[o], d.careEnd[o], p)) {
                        continue;
                    }
                    int lo = Math.max(Math.max(d.careBegin[w], d.careBegin[o]), ps);
                    int hi = Math.min(Math.min(d.careEnd[w], d.careEnd[o]), pe);
                    if (lo <= hi) {
                        flags |= 1 << kind;
                    }
                }
            }
            return flags;
        }
    }

    /** I4: population members with care whose wijkteam trajectory ended in p (the latest end); other care in the year after. */
    static final class FollowUpFacts extends Facts {
        private final List<Codes.Kind> counted;
        private final int countedMask;
        private final int[] end;

        FollowUpFacts(LocalLinked d, TableRequest r) {
            super(FollowUp.names(r));
            counted = new ArrayList<>(CareFacts.kinds(r.list("other_kinds")));
            if (r.bool("new_wijkteam_counts") && !counted.contains(Codes.Kind.WIJKTEAM)) {
                counted.add(Codes.Kind.WIJKTEAM);
            }
            countedMask = mask(counted);
            end = new int[d.periods];
        }

        @Override
        void person(LocalLinked d, int person) {
            java.util.Arrays.fill(end, Integer.MIN_VALUE);
            for (int s = d.careStart[person]; s < d.careStart[person + 1]; s++) {
                if (d.careKind[s] == Codes.Kind.WIJKTEAM.ordinal() && d.careEnd[s] != LocalLinked.OPEN) {
                    int p = d.periodOf(d.careEnd[s]);
                    if (p >= 0 && p < d.periods) {
                        end[p] = Math.max(end[p], d.careEnd[s]);
                    }
                }
            }
        }

        @Override
        int row(LocalLinked d, int person, int p, long[] v) {
            int at = person * d.periods + p;
            int wend = end[p];
            if (wend == Integer.MIN_VALUE || d.popGm[at] < 0 || d.careMask[at] == 0) {
                return -1;
            }
            // Residence on the end date: the first address in tie order that contains it; else the population's.
            int gm = d.popGm[at];
            for (int s = d.addrStart[person]; s < d.addrStart[person + 1]; s++) {
                if (d.addrBegin[s] <= wend && d.addrEnd[s] >= wend) {
                    gm = d.addrGm[s];
                    break;
                }
            }
            int windowStart = wend + 1;
            int windowEnd = wend + FollowUp.WINDOW_DAYS;
            int flags = 0;
            for (int s = d.careStart[person]; s < d.careStart[person + 1]; s++) {
                int kind = d.careKind[s];
                if ((countedMask & (1 << kind)) != 0 && d.careBegin[s] <= windowEnd && d.careEnd[s] >= windowStart
                        && (kind != Codes.Kind.WIJKTEAM.ordinal() || d.careBegin[s] >= windowStart)) {
                    flags |= 1 << kind;
                }
            }
            v[0] = 1;
            v[1] = flags == 0 ? 1 : 0;
            v[2] = flags == 0 ? 0 : 1;
            for (int i = 0; i < counted.size(); i++) {
                v[3 + i] = (flags >> counted.get(i).ordinal()) & 1;
            }
            return gm;
        }
    }

    /** One table's counts per municipality and period, and per pooled span and level (distinct persons). */
    static final class Acc {
        private final int names;
        private final int periods;
        private final int gms;
        private final long[] v;
        private final long[] n;
        private final boolean[] present;
        private final List<Pool> pools;
        private final List<String> keys = new ArrayList<>();
        private final int[][] levels;
        private final long[] pv;
        private final long[] pn;
        private final boolean[] ppresent;
        private final long[] row;
        private final long[] rows;
        private final int[] rowGm;
        private final long[] scratch;
        private final boolean[] touched;

        private final List<String> nameList;
        /** The table these counts are for (a table may have several fact sets: the quality table two). */
        final TableRequest request;

        Acc(LocalLinked d, TableRequest r, List<String> nameList) {
            this.request = r;
            this.nameList = nameList;
            this.names = nameList.size();
            this.periods = d.periods;
            this.gms = d.gmCodes.length;
            v = new long[periods * gms * names];
            n = new long[v.length];
            present = new boolean[periods * gms];
            pools = r.pools();
            Map<String, Integer> keyIds = new HashMap<>();
            levels = new int[gms][];
            for (int g = 0; g < gms; g++) {
                List<String> codes = Rollup.poolLevels(d.geography, d.gmCodes[g]);
                levels[g] = new int[codes.size()];
                for (int i = 0; i < codes.size(); i++) {
                    levels[g][i] = keyIds.computeIfAbsent(codes.get(i), c -> {
                        keys.add(c);
                        return keys.size() - 1;
                    });
                }
            }
            pv = new long[pools.size() * keys.size() * names];
            pn = new long[pv.length];
            ppresent = new boolean[pools.size() * keys.size()];
            row = new long[names];
            rows = new long[periods * names];
            rowGm = new int[periods];
            scratch = new long[keys.size() * names];
            touched = new boolean[keys.size()];
        }

        void person(LocalLinked d, int person, Facts f) {
            for (int p = 0; p < periods; p++) {
                int gm = f.row(d, person, p, row);
                rowGm[p] = gm;
                if (gm < 0) {
                    continue;
                }
                int cell = p * gms + gm;
                present[cell] = true;
                for (int k = 0; k < names; k++) {
                    v[cell * names + k] += row[k];
                    n[cell * names + k] += row[k] > 0 ? 1 : 0;
                    rows[p * names + k] = row[k];
                }
            }
            for (int q = 0; q < pools.size(); q++) {
                boolean any = false;
                for (int p : pools.get(q).periodIndexes()) {
                    int gm = rowGm[p];
                    if (gm < 0) {
                        continue;
                    }
                    any = true;
                    for (int key : levels[gm]) {
                        touched[key] = true;
                        for (int k = 0; k < names; k++) {
                            scratch[key * names + k] += rows[p * names + k];
                        }
                    }
                }
                if (!any) {
                    continue;
                }
                for (int key = 0; key < touched.length; key++) {
                    if (!touched[key]) {
                        continue;
                    }
                    touched[key] = false;
                    int at = q * touched.length + key;
                    ppresent[at] = true;
                    for (int k = 0; k < names; k++) {
                        long s = scratch[key * names + k];
                        pv[at * names + k] += s;
                        pn[at * names + k] += s > 0 ? 1 : 0;
                        scratch[key * names + k] = 0;
                    }
                }
            }
        }

        void add(Acc o) {
            for (int i = 0; i < v.length; i++) {
                v[i] += o.v[i];
                n[i] += o.n[i];
            }
            for (int i = 0; i < present.length; i++) {
                present[i] |= o.present[i];
            }
            for (int i = 0; i < pv.length; i++) {
                pv[i] += o.pv[i];
                pn[i] += o.pn[i];
            }
            for (int i = 0; i < ppresent.length; i++) {
                ppresent[i] |= o.ppresent[i];
            }
        }

        CountCube cube(LocalLinked d) {
            List<Rollup.MunicipalCounts> municipal = new ArrayList<>();
            for (int p = 0; p < periods; p++) {
                for (int g = 0; g < gms; g++) {
                    int cell = p * gms + g;
                    if (present[cell]) {
                        municipal.add(new Rollup.MunicipalCounts(p, d.gmCodes[g],
                                java.util.Arrays.copyOfRange(v, cell * names, (cell + 1) * names),
                                java.util.Arrays.copyOfRange(n, cell * names, (cell + 1) * names)));
                    }
                }
            }
            Map<CountRef, Count> pooled = new HashMap<>();
            for (int q = 0; q < pools.size(); q++) {
                for (int key = 0; key < keys.size(); key++) {
                    int at = q * keys.size() + key;
                    if (!ppresent[at]) {
                        continue;
                    }
                    for (int k = 0; k < names; k++) {
                        String name = nameList.get(k);
                        pooled.put(new CountRef(name, keys.get(key), pools.get(q).code()),
                                new Count(name, pv[at * names + k], pn[at * names + k]));
                    }
                }
            }
            return Rollup.assemble(municipal, pooled, nameList, d.index, d.geography, pools);
        }
    }

    private static <T> T get(Future<T> f) {
        return LocalWork.get(f, "computing the indicators");
    }
}
