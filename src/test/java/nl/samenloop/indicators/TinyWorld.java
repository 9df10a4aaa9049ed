package nl.samenloop.indicators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import nl.samenloop.link.Geography;
import nl.samenloop.model.Codes;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;
import nl.samenloop.model.Reference;

/**
 * A small synthetic country for release-sequence tests, without Spark: eight municipalities in three
 * jeugdregio's, four half-years, a few hundred youth who move, and their care per half-year. Requests are
 * turned into real I2 and I3 tables by the indicators' own table code ({@link CareShare#table},
 * {@link Concurrency#table}) from counts computed here, person by person — so every table of every request is
 * exactly what the engine would compute on this data.
 */
public final class TinyWorld {
    public static final int YEAR = 2020;
    public static final Map<String, List<String>> REGIONS = regions();
    public static final List<String> PERIODS = Period.range(2019, 2020, Granularity.HALFYEAR).stream().map(Period::code).toList();
    private static final List<Codes.Kind> OTHERS = Codes.DEFAULT_OTHER_KINDS;
    private static Path conf;

    /** One person in one half-year: where they lived and which care they had (youth population only). */
    record Fact(int person, int p, String gm, boolean wijkteam, Set<Codes.Kind> other) {
    }

    /** A table request: which tables, which areas, which half-years (indexes into {@link #PERIODS}), a pool or not. */
    public record Request(String name, boolean careShare, boolean concurrency, Set<GeoLevel> levels, Set<String> regions,
                          Set<String> municipalities, int from, int to, boolean pool) {
    }

    private final List<Fact> facts = new ArrayList<>();
    private final Reference reference;

    public TinyWorld(long seed, int youth) {
        this.reference = Reference.load(conf());
        Random r = new Random(seed);
        List<String> all = new ArrayList<>();
        REGIONS.values().forEach(all::addAll);
        // Municipalities of very different sizes, so some rows are large and some tiny.
        double[] weight = new double[all.size()];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = 0.2 + r.nextDouble() * (i % 3 == 0 ? 4 : 1);
        }
        for (int person = 0; person < youth; person++) {
            String gm = r.nextDouble() < 0.03 ? GeoLevel.UNKNOWN : pick(all, weight, r);
            boolean careful = r.nextDouble() < 0.25;
            for (int p = 0; p < PERIODS.size(); p++) {
                if (r.nextDouble() < 0.08) {
                    gm = r.nextDouble() < 0.1 ? GeoLevel.UNKNOWN : pick(all, weight, r);
                }
                boolean w = careful && r.nextDouble() < 0.7;
                Set<Codes.Kind> other = new HashSet<>();
                double[] rate = {0.35, 0.08, 0.12, 0.03};
                for (int k = 0; k < OTHERS.size(); k++) {
                    if (r.nextDouble() < (careful ? rate[k] : rate[k] / 6)) {
                        other.add(OTHERS.get(k));
                    }
                }
                facts.add(new Fact(person, p, gm, w, other));
            }
        }
    }

    private static String pick(List<String> all, double[] weight, Random r) {
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < all.size(); i++) {
            x -= weight[i];
            if (x <= 0) {
                return all.get(i);
            }
        }
        return all.get(all.size() - 1);
    }

    /** The tables a request gets: I2 (WIJKTEAM, JEUGDBESCHERMING over the population) and/or I3 (period mode). */
    public List<CellTable> tables(Request q) {
        Geography geo = new Geography(reference, YEAR, q.levels(), q.regions(), q.municipalities());
        List<String> periods = PERIODS.subList(q.from(), q.to() + 1);
        List<Pool> pools = q.pool() && periods.size() > 1
                ? List.of(new Pool(periods.get(0) + "-" + periods.get(periods.size() - 1),
                        java.util.stream.IntStream.range(0, periods.size()).boxed().toList()))
                : List.of();
        List<CellTable> out = new ArrayList<>();
        if (q.careShare()) {
            List<String> groups = List.of("WIJKTEAM", "JEUGDBESCHERMING");
            List<String> names = new ArrayList<>(groups);
            names.add(CareShare.POPULATION);
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("groups", groups);
            options.put("deviation", false);
            TableRequest r = new TableRequest("care_share", "care_share", options, pools);
            out.add(new CareShare().table(cube(names, geo, q, periods, pools), r, "0–22"));
        }
        if (q.concurrency()) {
            List<String> names = new ArrayList<>(List.of(Concurrency.BASE, Concurrency.ONLY));
            OTHERS.forEach(k -> names.add(Concurrency.with(k)));
            names.add(Concurrency.ANY);
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("concurrency", "period");
            options.put("other_kinds", OTHERS.stream().map(Enum::name).toList());
            TableRequest r = new TableRequest("concurrency", "concurrency", options, pools);
            out.add(new Concurrency().table(cube(names, geo, q, periods, pools), r));
        }
        return out;
    }

    /** 0/1: what a person-period contributes to count {@code name} (the facts of {@link CareShare} and {@link Concurrency}). */
    static long value(String name, Fact f) {
        boolean any = !f.other().isEmpty();
        return switch (name) {
            case CareShare.POPULATION -> 1;
            case "WIJKTEAM", Concurrency.BASE -> f.wijkteam() ? 1 : 0;
            case "JEUGDBESCHERMING" -> f.other().contains(Codes.Kind.JEUGDBESCHERMING) ? 1 : 0;
            case Concurrency.ONLY -> f.wijkteam() && !any ? 1 : 0;
            case Concurrency.ANY -> f.wijkteam() && any ? 1 : 0;
            default -> {
                Codes.Kind k = Codes.Kind.valueOf(name.substring("WITH_".length()));
                yield f.wijkteam() && f.other().contains(k) ? 1 : 0;
            }
        };
    }

    /** Counts per municipality, region, rest, the Netherlands and pool, as {@link Rollup} makes them. */
    private CountCube cube(List<String> names, Geography geo, Request q, List<String> periods, List<Pool> pools) {
        Map<CountRef, long[]> acc = new HashMap<>();
        Map<CountRef, Set<Integer>> poolPersons = new HashMap<>();
        for (Fact f : facts) {
            if (f.p() < q.from() || f.p() > q.to()) {
                continue;
            }
            String period = PERIODS.get(f.p());
            List<String> geos = new ArrayList<>(List.of(f.gm(), GeoLevel.NETHERLANDS));
            if (geo.regionOf(f.gm()) != null) {
                geos.add(geo.regionOf(f.gm()));
            }
            if (geo.restOf(f.gm()) != null) {
                geos.add(geo.restOf(f.gm()));
            }
            for (String n : names) {
                long v = value(n, f);
                for (String g : geos) {
                    long[] a = acc.computeIfAbsent(new CountRef(n, g, period), k -> new long[2]);
                    a[0] += v;
                    a[1] += v;
                    for (Pool pool : pools) {
                        CountRef pr = new CountRef(n, g, pool.code());
                        acc.computeIfAbsent(pr, k -> new long[2])[0] += v;
                        if (v > 0) {
                            poolPersons.computeIfAbsent(pr, k -> new HashSet<>()).add(f.person());
                        }
                    }
                }
            }
        }
        Map<CountRef, Count> counts = new HashMap<>();
        acc.forEach((ref, a) -> {
            Set<Integer> ps = poolPersons.get(ref);
            long persons = ref.period().contains("-") ? (ps == null ? 0 : ps.size()) : a[1];
            counts.put(ref, new Count(ref.name(), a[0], persons));
        });
        return new CountCube(counts, names, geo, periods, pools);
    }

    /** Region codes → member codes, in classification year {@link #YEAR}. */
    private static Map<String, List<String>> regions() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("JZ91", List.of("GM9001", "GM9002", "GM9003"));
        m.put("JZ92", List.of("GM9004", "GM9005", "GM9006"));
        m.put("JZ93", List.of("GM9007", "GM9008"));
        return m;
    }

    /** A conf folder holding reference data of this country only. */
    public static synchronized Path conf() {
        if (conf != null) {
            return conf;
        }
        try {
            Path dir = Files.createTempDirectory("tiny-world-conf");
            Path ref = Files.createDirectories(dir.resolve("reference"));
            Files.writeString(ref.resolve("gemeentelijke_herindelingen_2015_2025.csv"),
                    "ingangsdatum,oude_gemeentecode,oude_gemeentenaam,nieuwe_gemeentecode,nieuwe_gemeentenaam,soort\n");
            StringBuilder b = new StringBuilder("gemeentecode,gemeentenaam,jeugdregio_code,jeugdregio_naam,provincie_code,provincie_naam\n");
            REGIONS.forEach((region, members) -> members.forEach(m -> b.append(m).append(",Gemeente ").append(m)
                    .append(',').append(region).append(",Regio ").append(region).append(",PV99,Provincie\n")));
            for (int y : new int[] {2016, 2020, 2024}) {
                Files.writeString(ref.resolve("gemeenten_jeugdregio_" + y + ".csv"), b.toString());
            }
            dir.toFile().deleteOnExit();
            conf = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random request of the kinds users make: some areas, some half-years, a pool or not, one or two indicators. */
    public static Request randomRequest(Random r, String name) {
        Set<GeoLevel> levels = new LinkedHashSet<>();
        levels.add(GeoLevel.COUNTRY);
        Set<String> regions = new LinkedHashSet<>();
        Set<String> municipalities = new LinkedHashSet<>();
        List<String> regionCodes = new ArrayList<>(REGIONS.keySet());
        switch (r.nextInt(4)) {
            case 0 -> { // region-only: a region or two, no municipalities
                levels.add(GeoLevel.REGION);
                regions.add(regionCodes.get(r.nextInt(regionCodes.size())));
                if (r.nextBoolean()) {
                    regions.add(regionCodes.get(r.nextInt(regionCodes.size())));
                }
            }
            case 1 -> { // municipality-only: some municipalities, overlapping other requests' choices
                levels.add(GeoLevel.MUNICIPALITY);
                List<String> all = new ArrayList<>();
                REGIONS.values().forEach(all::addAll);
                int k = 1 + r.nextInt(5);
                for (int i = 0; i < k; i++) {
                    municipalities.add(all.get(r.nextInt(all.size())));
                }
            }
            case 2 -> { // a whole region with its municipalities
                levels.add(GeoLevel.REGION);
                levels.add(GeoLevel.MUNICIPALITY);
                regions.add(regionCodes.get(r.nextInt(regionCodes.size())));
            }
            default -> { // everything
                levels.add(GeoLevel.REGION);
                levels.add(GeoLevel.MUNICIPALITY);
            }
        }
        int from = r.nextInt(PERIODS.size());
        int to = from + r.nextInt(PERIODS.size() - from);
        if (r.nextInt(3) == 0) {
            from = 0;
            to = PERIODS.size() - 1;
        }
        int tables = r.nextInt(3);
        return new Request(name, tables != 1, tables != 0, levels, regions, municipalities, from, to, r.nextBoolean());
    }
}
