package nl.samenloop.disclosure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.GeoLevel;

/**
 * Benchmark of disclosure control on the largest standard table: I2 for 355 municipalities + unknown,
 * 42 youth-care regions and the Netherlands, 20 half-years, 7 care groups over the shared youth
 * population — 8 × 399 × 20 = 63,840 counts, 6,880 SUM relations (regions, the Netherlands), 55,860
 * numerator ≤ denominator and 47,880 group-nesting relations (JEUGDHULP ≥ ZONDER_VERBLIJF ≥ WIJKTEAM, …). Sizes are synthetic but realistic: youth populations log-normal
 * around 6,000 (from a few hundred on the Wadden islands to a couple of hundred thousand), group shares
 * from 0.2 % (jeugdreclassering) to 10 % (jeugdhulp), so many municipality cells of the small groups are
 * below 10. Prints counts by status, rounds, programs solved and the time of suppression + audit.
 * Run with {@code bench/audit.sh [seed]}.
 */
public final class AuditBenchmark {
    static final String[] GROUPS = {"WIJKTEAM", "OVERIG_ZONDER_VERBLIJF", "ZONDER_VERBLIJF", "MET_VERBLIJF",
        "JEUGDHULP", "JEUGDBESCHERMING", "JEUGDRECLASSERING"};
    /** Outer group ≥ inner group (Codes.GROUPS nesting, as CareShare declares it). */
    static final String[][] NESTED = {{"ZONDER_VERBLIJF", "WIJKTEAM"}, {"ZONDER_VERBLIJF", "OVERIG_ZONDER_VERBLIJF"},
        {"JEUGDHULP", "WIJKTEAM"}, {"JEUGDHULP", "OVERIG_ZONDER_VERBLIJF"}, {"JEUGDHULP", "ZONDER_VERBLIJF"},
        {"JEUGDHULP", "MET_VERBLIJF"}};
    static final double[] RATES = {0.06, 0.035, 0.09, 0.008, 0.10, 0.01, 0.002};

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean i3 = args.length > 0 && args[0].equals("i3");
        boolean i4 = args.length > 0 && args[0].equals("i4");
        int from = i3 || i4 ? 1 : 0;
        long seed = args.length > from ? Long.parseLong(args[from]) : 20260101L;
        double youth = args.length > from + 1 ? Double.parseDouble(args[from + 1]) : 6000;
        int halfYears = args.length > from + 2 ? Integer.parseInt(args[from + 2]) : 20;
        long t0 = System.nanoTime();
        CellTable table = i3 ? i3Table(seed, youth, 355, 42, halfYears)
                : i4 ? i4Table(seed, youth, 355, 42, halfYears) : i2Table(seed, 355, 42, 20);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c1 = cpu.getCurrentThreadCpuTime();
        long p1 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        TableProtector p = new TableProtector(Profile.cbsMicrodata());
        ProtectedTable pt = p.protect(table);
        long t2 = System.nanoTime();
        long c2 = cpu.getCurrentThreadCpuTime();
        long p2 = os.getProcessCpuTime();
        Path pkg = Files.createTempDirectory("audit-bench");
        AuditFiles.write(pkg, List.of(pt));
        long t3 = System.nanoTime();
        PackageRecheck.Result recheck = PackageRecheck.recheck(pkg);
        long t4 = System.nanoTime();

        System.out.printf("table: %d rows, %d counts, %d relations%n", table.cells().size(), pt.decisions().size(),
                table.relations().size());
        DisclosureSummary s = Disclosure.summarize(List.of(pt), Profile.cbsMicrodata());
        s.lines().forEach(System.out::println);
        System.out.printf("secondary suppression rounds: %d, linear programs solved: %d%n", p.lastRounds, p.lastPrograms);
        System.out.printf("build table:             %8.2f s%n", (t1 - t0) / 1e9);
        System.out.printf("suppression + audit:     %8.2f s wall, %.2f s CPU in the main thread, %.2f s CPU in the"
                + " whole JVM incl. GC/JIT (load average %.1f on %d cores)%n", (t2 - t1) / 1e9, (c2 - c1) / 1e9,
                (p2 - p1) / 1e9, os.getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf("write audit files:       %8.2f s%n", (t3 - t2) / 1e9);
        System.out.printf("recheck from package:    %8.2f s (%s, %d suppressed counts checked)%n", (t4 - t3) / 1e9,
                recheck.verdict(), recheck.checked());
        if (!recheck.passed()) {
            recheck.failures().stream().limit(10).forEach(System.out::println);
            System.exit(1);
        }
    }

    /** I2 with every relation a reader can use; all rows released. */
    static CellTable i2Table(long seed, int municipalities, int regions, int halfYears) {
        Random rnd = new Random(seed);
        // Municipalities to regions: every region gets at least one, the rest at random.
        List<List<String>> regionMembers = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            regionMembers.add(new ArrayList<>());
        }
        double[] youth = new double[municipalities];
        double[][] factor = new double[municipalities][GROUPS.length];
        for (int m = 0; m < municipalities; m++) {
            int r = m < regions ? m : rnd.nextInt(regions);
            regionMembers.get(r).add(String.format("GM%04d", m + 1));
            youth[m] = Math.max(150, Math.min(250_000, Math.exp(Math.log(6000) + 1.0 * rnd.nextGaussian())));
            for (int g = 0; g < GROUPS.length; g++) {
                factor[m][g] = 0.6 + 0.8 * rnd.nextDouble();
            }
        }
        List<Cell> cells = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(GROUPS));
        names.add("POP");
        for (int h = 0; h < halfYears; h++) {
            String period = (2015 + h / 2) + "HJ0" + (h % 2 + 1);
            Map<String, long[]> v = new LinkedHashMap<>(); // geo → [group values..., pop]
            for (int m = 0; m < municipalities; m++) {
                v.put(String.format("GM%04d", m + 1), leaf(rnd, youth[m] * (0.97 + 0.06 * rnd.nextDouble()), factor[m]));
            }
            double[] ones = new double[GROUPS.length];
            java.util.Arrays.fill(ones, 1.0);
            v.put(GeoLevel.UNKNOWN, leaf(rnd, 300 + rnd.nextInt(500), ones));
            List<String> nlParts = new ArrayList<>();
            Map<String, List<String>> members = new LinkedHashMap<>();
            for (int r = 0; r < regions; r++) {
                String rc = String.format("RG%02d", r + 1);
                v.put(rc, sum(regionMembers.get(r), v, GROUPS.length + 1));
                members.put(rc, regionMembers.get(r));
                nlParts.add(rc);
            }
            nlParts.add(GeoLevel.UNKNOWN);
            v.put(GeoLevel.NETHERLANDS, sum(nlParts, v, GROUPS.length + 1));
            members.put(GeoLevel.NETHERLANDS, nlParts);
            for (Map.Entry<String, long[]> e : v.entrySet()) {
                String geo = e.getKey();
                long pop = e.getValue()[GROUPS.length];
                for (int g = 0; g < GROUPS.length; g++) {
                    long n = e.getValue()[g];
                    cells.add(Cell.share(GROUPS[g], TableBuilder.level(geo), geo, geo, period, new Count(GROUPS[g], n, n),
                            new Count("POP", pop, pop), true));
                    relations.add(Relation.atMost(new CountRef("POP", geo, period), new CountRef(GROUPS[g], geo, period)));
                }
                for (String[] nest : NESTED) {
                    relations.add(Relation.atMost(new CountRef(nest[0], geo, period), new CountRef(nest[1], geo, period)));
                }
            }
            for (Map.Entry<String, List<String>> e : members.entrySet()) {
                for (String name : names) {
                    relations.add(Relation.sum(new CountRef(name, e.getKey(), period),
                            e.getValue().stream().map(g -> new CountRef(name, g, period)).toList()));
                }
            }
        }
        return new CellTable("i2_bench", "I2", "I2 benchmark", cells, relations, Map.of());
    }

    static final String[] I3_MEASURES = {"BASE", "ONLY_WIJKTEAM", "WITH_OVERIG_ZONDER_VERBLIJF", "WITH_MET_VERBLIJF",
        "WITH_JEUGDBESCHERMING", "WITH_JEUGDRECLASSERING", "WITH_ANY_OTHER"};
    private static final double[] I3_WITH = {0.25, 0.06, 0.05, 0.01};
    static final String[] I4_MEASURES = {"COHORT", "NO_OTHER_CARE", "WITH_OVERIG_ZONDER_VERBLIJF", "WITH_MET_VERBLIJF",
        "WITH_JEUGDBESCHERMING", "WITH_JEUGDRECLASSERING", "WITH_OTHER_CARE"};
    /** Shares of the follow-up cohort with each kind in the next year, as in the national synthetic run (5 M youth). */
    private static final double[] I4_WITH = {0.60, 0.053, 0.034, 0.011};

    /**
     * I3 (concurrency) as {@code Concurrency} declares it: base = ONLY + WITH_ANY_OTHER, every measure ≤ base,
     * every WITH_kind ≤ WITH_ANY_OTHER, geography sums per measure. Youth per municipality log-normal around
     * {@code youth} (6,000 ≈ the synthetic national data at 2 million youth; 1,400 at 500,000); 4 % of youth have
     * wijkteam help in a half-year, and the small kinds make many municipality cells unsafe.
     */
    static CellTable i3Table(long seed, double youth, int municipalities, int regions, int halfYears) {
        return baseAndKinds("i3_bench", I3_MEASURES, I3_WITH, seed, youth, municipalities, regions, halfYears);
    }

    /**
     * I4 (one-year follow-up) as {@code FollowUp} declares it: the same relations as I3 over the cohort of ended
     * wijkteam trajectories, which is small per municipality (youth × 4 %: 2,750 youth gives the national run's
     * 110 per municipality and half-year) while most of it has other care afterwards. Every half-year is one
     * large connected component of suppressed counts: the case where secondary suppression needs many rounds
     * unless it picks counts that actually widen an interval.
     */
    static CellTable i4Table(long seed, double youth, int municipalities, int regions, int halfYears) {
        return baseAndKinds("i4_bench", I4_MEASURES, I4_WITH, seed, youth, municipalities, regions, halfYears);
    }

    /** measures: base, base-without-other, WITH_kind…, WITH_any; rates: each kind's share of the base. */
    private static CellTable baseAndKinds(String name, String[] measures, double[] rates, long seed, double youth,
                                          int municipalities, int regions, int halfYears) {
        Random rnd = new Random(seed);
        List<List<String>> regionMembers = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            regionMembers.add(new ArrayList<>());
        }
        double[] size = new double[municipalities];
        for (int m = 0; m < municipalities; m++) {
            regionMembers.get(m < regions ? m : rnd.nextInt(regions)).add(String.format("GM%04d", m + 1));
            size[m] = Math.max(youth / 40, Math.min(youth * 40, Math.exp(Math.log(youth) + rnd.nextGaussian())));
        }
        int k = measures.length;
        List<Cell> cells = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        for (int h = 0; h < halfYears; h++) {
            String period = (2015 + h / 2) + "HJ0" + (h % 2 + 1);
            Map<String, long[]> v = new LinkedHashMap<>();
            for (int m = 0; m < municipalities; m++) {
                v.put(String.format("GM%04d", m + 1), kindsLeaf(rnd, size[m] * 0.04, rates));
            }
            v.put(GeoLevel.UNKNOWN, kindsLeaf(rnd, 20 + rnd.nextInt(30), rates));
            List<String> nlParts = new ArrayList<>();
            Map<String, List<String>> members = new LinkedHashMap<>();
            for (int r = 0; r < regions; r++) {
                String rc = String.format("RG%02d", r + 1);
                v.put(rc, sum(regionMembers.get(r), v, k));
                members.put(rc, regionMembers.get(r));
                nlParts.add(rc);
            }
            nlParts.add(GeoLevel.UNKNOWN);
            v.put(GeoLevel.NETHERLANDS, sum(nlParts, v, k));
            members.put(GeoLevel.NETHERLANDS, nlParts);
            for (Map.Entry<String, long[]> e : v.entrySet()) {
                String geo = e.getKey();
                long[] x = e.getValue();
                CountRef base = new CountRef(measures[0], geo, period);
                for (int i = 1; i < k; i++) {
                    cells.add(Cell.share(measures[i], TableBuilder.level(geo), geo, geo, period,
                            new Count(measures[i], x[i], x[i]), new Count(measures[0], x[0], x[0]), true));
                    relations.add(Relation.atMost(base, new CountRef(measures[i], geo, period)));
                    if (i >= 2 && i < k - 1) {
                        relations.add(Relation.atMost(new CountRef(measures[k - 1], geo, period),
                                new CountRef(measures[i], geo, period)));
                    }
                }
                relations.add(Relation.sum(base, List.of(new CountRef(measures[1], geo, period),
                        new CountRef(measures[k - 1], geo, period))));
            }
            for (Map.Entry<String, List<String>> e : members.entrySet()) {
                for (String measure : measures) {
                    relations.add(Relation.sum(new CountRef(measure, e.getKey(), period),
                            e.getValue().stream().map(g -> new CountRef(measure, g, period)).toList()));
                }
            }
        }
        return new CellTable(name, name.substring(0, 2).toUpperCase(), name + " benchmark", cells, relations, Map.of());
    }

    /** One municipality and half-year: base, base without other care, with per kind, with any (the union). */
    private static long[] kindsLeaf(Random rnd, double mean, double[] rates) {
        long b = Math.round(Math.max(0, mean + Math.sqrt(mean) * rnd.nextGaussian()));
        long[] x = new long[rates.length + 3];
        x[0] = b;
        long most = 0;
        long total = 0;
        for (int i = 0; i < rates.length; i++) {
            long w = 0;
            for (long p = 0; p < b; p++) {
                w += rnd.nextDouble() < rates[i] ? 1 : 0;
            }
            x[2 + i] = w;
            most = Math.max(most, w);
            total += w;
        }
        long any = Math.min(b, most + Math.round(0.8 * (total - most)));
        x[x.length - 1] = any;
        x[1] = b - any;
        return x;
    }

    /**
     * One municipality and half-year. Groups are built so the nesting CareShare tells readers about holds:
     * ZONDER_VERBLIJF = WIJKTEAM ∪ OVERIG_ZONDER_VERBLIJF, JEUGDHULP = ZONDER_VERBLIJF ∪ MET_VERBLIJF.
     */
    private static long[] leaf(Random rnd, double youth, double[] factor) {
        long[] x = new long[GROUPS.length + 1];
        long pop = Math.round(youth);
        for (int g = 0; g < GROUPS.length; g++) {
            double mean = pop * RATES[g] * factor[g];
            x[g] = Math.round(Math.max(0, mean + Math.sqrt(mean) * rnd.nextGaussian()));
        }
        long w = x[0];
        long o = x[1];
        long zv = w + o - Math.round(0.2 * Math.min(w, o));
        long mv = x[3];
        x[2] = zv;
        x[4] = zv + mv - Math.round(0.3 * Math.min(zv, mv));
        for (int g = 0; g < GROUPS.length; g++) {
            x[g] = Math.min(x[g], pop);
        }
        x[GROUPS.length] = pop;
        return x;
    }

    /** The first k values of every part, added up. */
    private static long[] sum(List<String> parts, Map<String, long[]> v, int k) {
        long[] s = new long[k];
        for (String p : parts) {
            long[] x = v.get(p);
            for (int i = 0; i < s.length; i++) {
                s[i] += x[i];
            }
        }
        return s;
    }
}
