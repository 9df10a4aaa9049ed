package nl.samenloop.link;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import nl.samenloop.engine.LocalParquet;
import nl.samenloop.engine.LocalWork;
import nl.samenloop.engine.Progress;
import nl.samenloop.ingest.Staging;
import nl.samenloop.model.Codes;
import nl.samenloop.model.Period;

/**
 * The link stage without Spark, for local runs: the same rules as {@link Linker} (merged trajectories, care spells,
 * the address on the peildatum, the youth population, the care flags per person and period), computed person by
 * person in plain arrays ({@link LocalLinked}). At the size of a request (a million youth) Spark spends most of a
 * link on fixed costs (planning, generated code, JIT warm-up of that code); here the staged tables are read once and
 * every rule is a loop over one person's few spells. {@code LocalEngineDifferentialTest} holds the two engines to
 * the same counts.
 *
 * <p>Rows the Spark engine would drop in a join are dropped here too: address spells without a person key, births
 * that are null. Where Spark leaves a choice to chance (two rows of one object in the classification year with
 * different municipalities) this engine takes the lowest municipality code.
 */
public final class LocalLink {
    private LocalLink() {
    }

    /** The person number of a null person key (staged keys are never null, and never negative). */
    private static final long NULL_KEY = Long.MIN_VALUE;

    /** Bytes of heap per staged row this engine holds at its peak (arrays, copies while sorting, object dictionaries). */
    static final long BYTES_PER_ADDRESS = 110;
    static final long BYTES_PER_SPELL = 70;
    static final long BYTES_PER_PERSON = 60;

    /**
     * A generous estimate of the heap this engine needs for staged tables of these sizes (rows): it holds everything
     * in memory, where Spark would spill to disk. Grounded in the arrays {@link #link} allocates; the national
     * benchmark (11.1 M address spells, 5 M persons, 20 half-years) estimates 2.1 GB.
     */
    public static long heapEstimate(long addresses, long spells, long persons, int periods) {
        return BYTES_PER_ADDRESS * addresses + BYTES_PER_SPELL * spells + (BYTES_PER_PERSON + 3L * periods) * persons;
    }

    /**
     * @param work             the local working area with the staged tables
     * @param latestYearlyFile the latest year of a yearly trajectory file, or null with unsplit input
     * @param threads          threads for reading and for the per-person work
     */
    public static LocalLinked link(Path work, LinkSpec spec, Geography geo, Integer latestYearlyFile, Progress progress,
                                   int threads) {
        PeriodIndex index = new PeriodIndex(spec.periods());
        progress.stage("link", "trajectories, care spells, residence on the peildatum, youth population (" + index.size()
                + " periods; local engine)");
        MunicipalityIndex gms = new MunicipalityIndex(geo);
        // What the heartbeat says while this runs (no Spark rows to count here).
        java.util.concurrent.atomic.AtomicLong placed = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
        progress.reporting(() -> placed.get() < 0 ? "reading the staged tables and merging trajectories"
                : String.format("youth population: %,d of %,d persons", placed.get(), total.get()));
        ExecutorService pool = LocalWork.pool(threads, "samenloop-link");
        try {
            Future<Addresses> addrF = pool.submit(() -> Addresses.read(Staging.staged(work, Staging.ADDRESSES)));
            Future<Map<String, Integer>> objF = pool.submit(() -> objects(Staging.staged(work, Staging.OBJECTS),
                    spec.classificationYear(), gms));
            Future<Trajectories> trajF = pool.submit(() -> Trajectories.read(Staging.staged(work, Staging.JEUGDHULP)));
            Future<Spells> protF = pool.submit(() -> Spells.read(Staging.staged(work, Staging.BESCHERMING),
                    Codes.Kind.JEUGDBESCHERMING));
            Future<Spells> reclF = pool.submit(() -> Spells.read(Staging.staged(work, Staging.RECLASSERING),
                    Codes.Kind.JEUGDRECLASSERING));
            Future<Births> birthF = pool.submit(() -> Births.read(Staging.staged(work, Staging.PERSONS)));

            Addresses addr = get(addrF);
            // Persons with an address spell are 0..persons-1; persons only in the care tables come after them (their
            // trajectories are merged, for the count, but they are never in the population).
            // Grown as persons come (a person has a few address spells): sized by the spells it would be far too big.
            LongIntMap ids = new LongIntMap(1 << 16);
            int[] addrId = new int[addr.n];
            for (int i = 0; i < addr.n; i++) {
                addrId[i] = ids.add(addr.person.a[i]);
            }
            int persons = ids.size();
            Map<String, Integer> objGm = get(objF);
            int[] objOrd = addr.objectOrdinals();
            int[] objGmIdx = new int[addr.objects.size()];
            for (int o = 0; o < objGmIdx.length; o++) {
                objGmIdx[o] = objGm.getOrDefault(addr.objects.get(o), gms.unknown());
            }
            int[][] addrCsr = csr(addrId, addr.n, persons);
            int[] addrStart = addrCsr[0];
            int[] order = addrCsr[1];
            int[] aBegin = new int[addr.n];
            int[] aEnd = new int[addr.n];
            int[] aGm = new int[addr.n];
            int[] aOrd = new int[addr.n];
            for (int k = 0; k < addr.n; k++) {
                int i = order[k];
                aBegin[k] = addr.begin.a[i];
                aEnd[k] = addr.end.a[i];
                int o = addr.object.a[i];
                aGm[k] = o < 0 ? gms.unknown() : objGmIdx[o];
                aOrd[k] = o < 0 ? -1 : objOrd[o];
            }
            addr = null;
            // The spec's tie order per person: the later begin first, then the lower object, then (two rows of one
            // object) the lower municipality index.
            int[] perm = new int[aBegin.length];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            for (int p = 0; p < persons; p++) {
                sort(perm, addrStart[p], addrStart[p + 1], (x, y) -> {
                    int c = Integer.compare(aBegin[y], aBegin[x]);
                    if (c == 0) {
                        c = Integer.compare(aOrd[x], aOrd[y]);
                    }
                    return c != 0 ? c : Integer.compare(aGm[x], aGm[y]);
                });
            }
            int[] addrBegin = permute(aBegin, perm);
            int[] addrEnd = permute(aEnd, perm);
            int[] addrGm = permute(aGm, perm);

            Trajectories traj = get(trajF);
            Spells care = new Spells(traj.n + 1024);
            Merged merged = traj.merge(ids, persons, care, spec.mergeOverlapping());
            progress.rows("link", "merged trajectories", merged.n);
            for (Spells m : List.of(get(protF), get(reclF))) {
                for (int i = 0; i < m.n; i++) {
                    if (m.linkable.get(i)) {
                        int id = ids.add(m.personNull.get(i) ? NULL_KEY : m.person.a[i]);
                        care.add(id, m.kind.a[i], m.begin.a[i], m.end.a[i]);
                    }
                }
            }
            // Every key with a trajectory or a linkable care spell has a number now; keys without an address are
            // never in the population, but the quality table counts their care (NO_ADDRESS).
            int allPersons = ids.size();
            int[] trajStart = Arrays.copyOf(merged.start, allPersons + 1);
            Arrays.fill(trajStart, merged.start.length, allPersons + 1, merged.n);
            int[] careId = new int[care.n];
            for (int i = 0; i < care.n; i++) {
                careId[i] = (int) care.person.a[i];
            }
            int[][] careCsr = csr(careId, care.n, allPersons);
            int[] careStart = careCsr[0];
            byte[] careKind = new byte[care.n];
            int[] careBegin = new int[care.n];
            int[] careEnd = new int[care.n];
            for (int k = 0; k < care.n; k++) {
                int i = careCsr[1][k];
                careKind[k] = (byte) care.kind.a[i];
                careBegin[k] = care.begin.a[i];
                careEnd[k] = care.end.a[i];
            }

            Births births = get(birthF);
            int[] birthId = new int[births.n];
            for (int i = 0; i < births.n; i++) {
                int id = ids.get(births.person.a[i]);
                birthId[i] = id >= 0 && id < persons ? id : persons;
            }
            int[][] birthCsr = csr(birthId, births.n, persons + 1);
            int[] birthStart = birthCsr[0];
            int[] birthYear = new int[births.n];
            int[] birthMd = new int[births.n];
            for (int k = 0; k < births.n; k++) {
                LocalDate b = LocalDate.ofEpochDay(births.day.a[birthCsr[1][k]]);
                birthYear[k] = b.getYear();
                birthMd[k] = b.getMonthValue() * 100 + b.getDayOfMonth();
            }

            int n = index.size();
            int[] pstart = new int[n];
            int[] pend = new int[n];
            int[] refYear = new int[n];
            int[] refMd = new int[n];
            for (Period p : index.periods()) {
                int i = p.index();
                pstart[i] = (int) p.start().toEpochDay();
                pend[i] = (int) p.end().toEpochDay();
                LocalDate ref = spec.ageAtStart() ? p.start() : p.end();
                refYear[i] = ref.getYear();
                refMd[i] = ref.getMonthValue() * 100 + ref.getDayOfMonth();
            }
            total.set(persons);
            placed.set(0);
            short[] popGm = new short[Math.multiplyExact(persons, n)];
            byte[] careMask = new byte[popGm.length];
            long[] members = new long[threads];
            List<Future<?>> parts = new ArrayList<>();
            int chunk = Math.max(1, (persons + threads - 1) / threads);
            for (int t = 0; t < threads; t++) {
                int from = t * chunk;
                int to = Math.min(persons, from + chunk);
                int slot = t;
                parts.add(pool.submit(() -> {
                    long count = 0;
                    for (int person = from; person < to; person++) {
                        if ((person & 0xFFFF) == 0xFFFF) {
                            placed.addAndGet(0x10000);
                        }
                        for (int p = 0; p < n; p++) {
                            int at = person * n + p;
                            boolean young = false;
                            for (int b = birthStart[person]; b < birthStart[person + 1] && !young; b++) {
                                int age = refYear[p] - birthYear[b] - (refMd[p] < birthMd[b] ? 1 : 0);
                                young = age >= spec.ageMin() && age <= spec.ageMax();
                            }
                            int gm = young ? onPeildatum(addrStart, addrBegin, addrEnd, addrGm, person, pstart[p], pend[p]) : -1;
                            popGm[at] = (short) gm;
                            if (gm >= 0) {
                                count++;
                            }
                            int mask = 0;
                            for (int s = careStart[person]; s < careStart[person + 1]; s++) {
                                if (careBegin[s] <= pend[p] && careEnd[s] >= pstart[p]) {
                                    mask |= 1 << careKind[s];
                                }
                            }
                            careMask[at] = (byte) mask;
                        }
                    }
                    members[slot] = count;
                    return null;
                }));
            }
            for (Future<?> f : parts) {
                get(f);
            }
            progress.rows("link", "youth population person-periods", Arrays.stream(members).sum());
            LocalDate horizon = spec.dataHorizon() != null ? spec.dataHorizon()
                    : Linker.horizon(spec, latestYearlyFile, traj.latest == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(traj.latest));
            progress.stage("link", "data horizon " + horizon + (spec.dataHorizon() != null ? " (from the job)" : " (derived)"));
            String[] codes = new String[gms.unknown() + 1];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = gms.code(i);
            }
            return new LocalLinked(spec, geo, index, horizon, persons, pstart, pend, codes, addrStart, addrBegin, addrEnd,
                    addrGm, careStart, careKind, careBegin, careEnd, popGm, careMask, trajStart,
                    Arrays.copyOf(merged.begin, merged.n), Arrays.copyOf(merged.end, merged.n),
                    Arrays.copyOf(merged.hulpvorm, merged.n), Arrays.copyOf(merged.verwijzer, merged.n),
                    List.copyOf(traj.verwijzers), Arrays.copyOf(merged.linkable, merged.n),
                    Arrays.copyOf(merged.code, merged.n), new ArrayList<>(traj.hulpvormCodes));
        } finally {
            pool.shutdownNow();
            progress.reporting(null);
        }
    }

    /**
     * The municipality index on the peildatum ({@link Linker#onPeildatum}): of the person's address spells active in
     * the period (given in tie order), the first that contains the period's last day, else the first active one;
     * -1 when none is active.
     */
    public static int onPeildatum(LocalLinked d, int person, int p) {
        return onPeildatum(d.addrStart, d.addrBegin, d.addrEnd, d.addrGm, person, d.pstart[p], d.pend[p]);
    }

    static int onPeildatum(int[] start, int[] begin, int[] end, int[] gm, int person, int pstart, int pend) {
        int fallback = -1;
        for (int s = start[person]; s < start[person + 1]; s++) {
            if (begin[s] <= pend && end[s] >= pstart) {
                if (end[s] >= pend) {
                    return gm[s];
                }
                if (fallback < 0) {
                    fallback = gm[s];
                }
            }
        }
        return fallback;
    }

    /** object → municipality index in the classification year (unknown codes: the unknown index; two rows: the lower). */
    private static Map<String, Integer> objects(Path dir, int year, MunicipalityIndex gms) {
        Map<String, Integer> known = gms.indexes();
        Map<String, Integer> out = new HashMap<>();
        LocalParquet.read(dir, List.of("object", "year", "gemeente"), v -> {
            if (v.isNull(0) || v.isNull(1) || v.getInt(1) != year) {
                return;
            }
            int gm = v.isNull(2) ? gms.unknown() : known.getOrDefault(v.getString(2), gms.unknown());
            out.merge(v.getString(0), gm, Math::min);
        });
        return out;
    }

    private static <T> T get(Future<T> f) {
        return LocalWork.get(f, "linking");
    }

    /** Counting sort of items by id: {start (ids + 1 entries), order (item indexes grouped by id, stable)}. */
    static int[][] csr(int[] id, int n, int ids) {
        int[] start = new int[ids + 1];
        for (int i = 0; i < n; i++) {
            start[id[i] + 1]++;
        }
        for (int i = 0; i < ids; i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, ids);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[id[i]]++] = i;
        }
        return new int[][] {start, order};
    }

    private static int[] permute(int[] values, int[] perm) {
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = values[perm[i]];
        }
        return out;
    }

    @FunctionalInterface
    interface IntCmp {
        int compare(int x, int y);
    }

    /** Sorts a[from..to) by c: insertion sort for the few spells of one person, a library sort for long runs. */
    static void sort(int[] a, int from, int to, IntCmp c) {
        if (to - from <= 24) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && c.compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        Integer[] boxed = new Integer[to - from];
        for (int i = from; i < to; i++) {
            boxed[i - from] = a[i];
        }
        Arrays.sort(boxed, c::compare);
        for (int i = from; i < to; i++) {
            a[i] = boxed[i - from];
        }
    }

    /** A growable int array. */
    static final class Ints {
        int[] a;
        int n;

        Ints(int capacity) {
            a = new int[Math.max(16, capacity)];
        }

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }
    }

    /** A growable long array. */
    static final class Longs {
        long[] a;
        int n;

        Longs(int capacity) {
            a = new long[Math.max(16, capacity)];
        }

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }
    }

    /** Open-addressing map from a person key to a dense number 0, 1, 2, … in order of first sight. */
    static final class LongIntMap {
        private long[] keys;
        private int[] values;
        private int size;

        LongIntMap(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
            keys = new long[cap];
            values = new int[cap];
            Arrays.fill(values, -1);
        }

        int size() {
            return size;
        }

        /** The key's number, given a new one when it has none. */
        int add(long key) {
            int slot = find(key);
            if (values[slot] < 0) {
                keys[slot] = key;
                values[slot] = size++;
                if (size * 2 > keys.length) {
                    grow();
                }
                return size - 1;
            }
            return values[slot];
        }

        /** The key's number, or -1. */
        int get(long key) {
            return values[find(key)];
        }

        private int find(long key) {
            int mask = keys.length - 1;
            int slot = (int) (mix(key) & mask);
            while (values[slot] >= 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private static long mix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            return k;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            Arrays.fill(values, -1);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldValues[i] >= 0) {
                    int slot = find(oldKeys[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }
    }

    /** Staged address spells: person, begin, end (open: {@link LocalLinked#OPEN}), object number (-1: none). */
    static final class Addresses {
        final Longs person = new Longs(1 << 16);
        final Ints begin = new Ints(1 << 16);
        final Ints end = new Ints(1 << 16);
        final Ints object = new Ints(1 << 16);
        final List<String> objects = new ArrayList<>();
        int n;

        static Addresses read(Path dir) {
            Addresses a = new Addresses();
            Map<String, Integer> objectIds = new HashMap<>();
            LocalParquet.read(dir, List.of("person", "begin", "end", "object"), v -> {
                if (v.isNull(0) || v.isNull(1)) {
                    return;
                }
                a.person.add(v.getLong(0));
                a.begin.add(v.getInt(1));
                a.end.add(v.isNull(2) ? LocalLinked.OPEN : v.getInt(2));
                int o = -1;
                if (!v.isNull(3)) {
                    String s = v.getString(3);
                    Integer id = objectIds.get(s);
                    if (id == null) {
                        id = a.objects.size();
                        objectIds.put(s, id);
                        a.objects.add(s);
                    }
                    o = id;
                }
                a.object.add(o);
                a.n++;
            });
            return a;
        }

        /** Each object's position in string order (Spark's order of the object column). */
        int[] objectOrdinals() {
            Integer[] byName = new Integer[objects.size()];
            for (int i = 0; i < byName.length; i++) {
                byName[i] = i;
            }
            Arrays.sort(byName, (x, y) -> compareUtf8(objects.get(x), objects.get(y)));
            int[] ord = new int[byName.length];
            for (int i = 0; i < byName.length; i++) {
                ord[byName[i]] = i;
            }
            return ord;
        }
    }

    /** Spark compares strings by their UTF-8 bytes; that is code point order, which String.compareTo is not above U+FFFF. */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Staged births that are known: person, birth date. */
    static final class Births {
        final Longs person = new Longs(1 << 16);
        final Ints day = new Ints(1 << 16);
        int n;

        static Births read(Path dir) {
            Births b = new Births();
            LocalParquet.read(dir, List.of("person", "birth_date"), v -> {
                if (!v.isNull(0) && !v.isNull(1)) {
                    b.person.add(v.getLong(0));
                    b.day.add(v.getInt(1));
                    b.n++;
                }
            });
            return b;
        }
    }

    /** Care spells: person (or a number, see {@link #add}), linkable, kind ordinal, begin, end. */
    static final class Spells {
        final Longs person;
        final java.util.BitSet personNull = new java.util.BitSet();
        final java.util.BitSet linkable = new java.util.BitSet();
        final Ints kind;
        final Ints begin;
        final Ints end;
        int n;

        Spells(int capacity) {
            person = new Longs(capacity);
            kind = new Ints(capacity);
            begin = new Ints(capacity);
            end = new Ints(capacity);
        }

        /** A linkable spell of person number {@code id}. */
        void add(int id, int kindOrdinal, int b, int e) {
            person.add(id);
            linkable.set(n);
            kind.add(kindOrdinal);
            begin.add(b);
            end.add(e);
            n++;
        }

        static Spells read(Path dir, Codes.Kind kind) {
            Spells s = new Spells(1 << 12);
            LocalParquet.read(dir, List.of("person", "linkable", "begin", "end"), v -> {
                if (v.isNull(2)) {
                    return;
                }
                s.personNull.set(s.n, v.isNull(0));
                s.person.add(v.isNull(0) ? 0 : v.getLong(0));
                s.linkable.set(s.n, !v.isNull(1) && v.getBoolean(1));
                s.kind.add(kind.ordinal());
                s.begin.add(v.getInt(2));
                s.end.add(v.isNull(3) ? LocalLinked.OPEN : v.getInt(3));
                s.n++;
            });
            return s;
        }
    }

    /** Staged trajectories: person, linkable, hulpvorm and aanbieder (as numbers), begin, end. */
    static final class Trajectories {
        final Longs person = new Longs(1 << 16);
        final java.util.BitSet personNull = new java.util.BitSet();
        final java.util.BitSet linkable = new java.util.BitSet();
        final Ints hulpvorm = new Ints(1 << 16);
        final Ints aanbieder = new Ints(1 << 16);
        final Ints verwijzer = new Ints(1 << 16);
        /** Distinct verwijzer codes (a number in {@link #verwijzer}); -1 is null or blank. */
        final List<String> verwijzers = new ArrayList<>();
        final Ints begin = new Ints(1 << 16);
        final Ints end = new Ints(1 << 16);
        final List<Codes.Kind> kindOfHulpvorm = new ArrayList<>();
        /** The hulpvorm code of each hulpvorm number (null: none). */
        final List<String> hulpvormCodes = new ArrayList<>();
        /** Per hulpvorm number: {@link LocalLinked#WIJKTEAM}, {@link LocalLinked#OTHER} or {@link LocalLinked#NO_HULPVORM}. */
        final List<Byte> hulpvormState = new ArrayList<>();
        /** The latest begin or end of any record (the data horizon of unsplit input); MIN_VALUE without records. */
        int latest = Integer.MIN_VALUE;
        int n;

        static Trajectories read(Path dir) {
            Trajectories t = new Trajectories();
            Map<String, Integer> hv = new HashMap<>();
            Map<String, Integer> ab = new HashMap<>();
            Map<String, Integer> vw = new HashMap<>();
            LocalParquet.read(dir, List.of("person", "linkable", "hulpvorm", "aanbieder", "begin", "end", "verwijzer"), v -> {
                if (!v.isNull(4)) {
                    t.latest = Math.max(t.latest, v.getInt(4));
                }
                if (!v.isNull(5)) {
                    t.latest = Math.max(t.latest, v.getInt(5));
                }
                if (v.isNull(4)) {
                    return;
                }
                t.personNull.set(t.n, v.isNull(0));
                t.person.add(v.isNull(0) ? 0 : v.getLong(0));
                t.linkable.set(t.n, !v.isNull(1) && v.getBoolean(1));
                String h = v.isNull(2) ? null : v.getString(2);
                Integer code = hv.get(h);
                if (code == null) {
                    code = hv.size();
                    hv.put(h, code);
                    t.kindOfHulpvorm.add(kindOf(h));
                    t.hulpvormCodes.add(h);
                    t.hulpvormState.add(h == null ? LocalLinked.NO_HULPVORM
                            : Codes.WIJKTEAM.equals(h) ? LocalLinked.WIJKTEAM : LocalLinked.OTHER);
                }
                t.hulpvorm.add(code);
                String a = v.isNull(3) ? null : v.getString(3);
                t.aanbieder.add(ab.computeIfAbsent(a, k -> ab.size()));
                // Referral (I5) reads a null or blank verwijzer as "not filled in" (Spark's trim: spaces only).
                String r = v.isNull(6) ? null : v.getString(6);
                if (r == null || r.replace(" ", "").isEmpty()) {
                    t.verwijzer.add(-1);
                } else {
                    t.verwijzer.add(vw.computeIfAbsent(r, k -> {
                        t.verwijzers.add(k);
                        return t.verwijzers.size() - 1;
                    }));
                }
                t.begin.add(v.getInt(4));
                t.end.add(v.isNull(5) ? LocalLinked.OPEN : v.getInt(5));
                t.n++;
            });
            return t;
        }

        /** {@link Linker#kindOf}; a missing code is neither 01 nor starts with 0. */
        static Codes.Kind kindOf(String hulpvorm) {
            if (Codes.WIJKTEAM.equals(hulpvorm)) {
                return Codes.Kind.WIJKTEAM;
            }
            return hulpvorm != null && hulpvorm.startsWith("0") ? Codes.Kind.OVERIG_ZONDER_VERBLIJF : Codes.Kind.MET_VERBLIJF;
        }

        /**
         * Merges overlapping trajectories as {@link Linker#prepareTrajectories} does (per person, linkable, hulpvorm
         * and aanbieder, in begin order, a new trajectory when a begin lies after every earlier end; the merged one
         * takes the verwijzer of its first) — without merging every staged trajectory is one — into {@code out},
         * grouped by person number (persons without an address get numbers from {@code ids} too), and adds the
         * linkable ones to {@code care}.
         */
        Merged merge(LongIntMap ids, int persons, Spells care, boolean mergeOverlapping) {
            int[] id = new int[n];
            for (int i = 0; i < n; i++) {
                // Staged person keys are never null; should one be, its trajectories are one person, as Spark groups them.
                id[i] = ids.add(personNull.get(i) ? NULL_KEY : person.a[i]);
            }
            int all = ids.size();
            int[][] c = csr(id, n, all);
            int[] order = c[1];
            Merged out = new Merged(all, n);
            for (int g = 0; g < all; g++) {
                int from = c[0][g];
                int to = c[0][g + 1];
                out.start[g] = out.n;
                if (from == to) {
                    continue;
                }
                if (!mergeOverlapping) {
                    for (int k = from; k < to; k++) {
                        emit(order[k], begin.a[order[k]], end.a[order[k]], g, persons, care, out);
                    }
                    continue;
                }
                sort(order, from, to, (x, y) -> {
                    int r = Boolean.compare(linkable.get(x), linkable.get(y));
                    if (r == 0) {
                        r = Integer.compare(hulpvorm.a[x], hulpvorm.a[y]);
                    }
                    if (r == 0) {
                        r = Integer.compare(aanbieder.a[x], aanbieder.a[y]);
                    }
                    if (r == 0) {
                        r = Integer.compare(begin.a[x], begin.a[y]);
                    }
                    return r != 0 ? r : Integer.compare(end.a[x], end.a[y]);
                });
                int k = from;
                while (k < to) {
                    int first = order[k];
                    int groupFirst = first;
                    int groupEnd = end.a[first];
                    int runMax = groupEnd;
                    int j = k + 1;
                    while (j < to) {
                        int x = order[j];
                        if (linkable.get(x) != linkable.get(first) || hulpvorm.a[x] != hulpvorm.a[first]
                                || aanbieder.a[x] != aanbieder.a[first]) {
                            break;
                        }
                        if (begin.a[x] > runMax) {
                            emit(groupFirst, begin.a[groupFirst], groupEnd, g, persons, care, out);
                            groupFirst = x;
                            groupEnd = end.a[x];
                        } else {
                            groupEnd = Math.max(groupEnd, end.a[x]);
                        }
                        runMax = Math.max(runMax, end.a[x]);
                        j++;
                    }
                    emit(groupFirst, begin.a[groupFirst], groupEnd, g, persons, care, out);
                    k = j;
                }
            }
            out.start[all] = out.n;
            return out;
        }

        private void emit(int row, int b, int e, int id, int persons, Spells care, Merged out) {
            Codes.Kind kind = kindOfHulpvorm.get(hulpvorm.a[row]);
            if (linkable.get(row)) {
                care.add(id, kind.ordinal(), b, e);
            }
            out.add(b, e, hulpvormState.get(hulpvorm.a[row]), verwijzer.a[row], linkable.get(row), hulpvorm.a[row]);
        }
    }

    /** Merged trajectories of every person number, grouped by person: begin, end, hulpvorm state, verwijzer number. */
    static final class Merged {
        final int[] start;
        int[] begin;
        int[] end;
        byte[] hulpvorm;
        short[] verwijzer;
        boolean[] linkable;
        short[] code;
        int n;

        Merged(int persons, int capacity) {
            start = new int[persons + 1];
            begin = new int[Math.max(16, capacity)];
            end = new int[begin.length];
            hulpvorm = new byte[begin.length];
            verwijzer = new short[begin.length];
            linkable = new boolean[begin.length];
            code = new short[begin.length];
        }

        void add(int b, int e, byte h, int v, boolean link, int hulpvormCode) {
            if (n == begin.length) {
                begin = Arrays.copyOf(begin, n * 2);
                end = Arrays.copyOf(end, n * 2);
                hulpvorm = Arrays.copyOf(hulpvorm, n * 2);
                verwijzer = Arrays.copyOf(verwijzer, n * 2);
                linkable = Arrays.copyOf(linkable, n * 2);
                code = Arrays.copyOf(code, n * 2);
            }
            begin[n] = b;
            end[n] = e;
            hulpvorm[n] = h;
            verwijzer[n] = (short) v;
            linkable[n] = link;
            code[n] = (short) hulpvormCode;
            n++;
        }
    }
}
