package nl.samenloop.disclosure;

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
 * Random hierarchical I2-like tables for the attack properties: municipalities (some tiny, some not
 * released) → regions → the Netherlands with an unknown-municipality row, one or two care groups over a
 * shared population, optionally a category total (ANY = G1 + G2, the groups being disjoint), numerator ≤
 * denominator everywhere. Values are built bottom-up so every relation holds exactly.
 */
final class RandomTables {
    private RandomTables() {
    }

    static CellTable generate(long seed) {
        Random rnd = new Random(seed);
        int periods = 1 + rnd.nextInt(2);
        int regions = 1 + rnd.nextInt(3);
        int groups = 1 + rnd.nextInt(2);
        boolean categoryTotal = groups == 2 && rnd.nextBoolean();
        List<String> names = new ArrayList<>();
        for (int g = 1; g <= groups; g++) {
            names.add("G" + g);
        }
        if (categoryTotal) {
            names.add("ANY");
        }
        List<Cell> cells = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        for (int p = 0; p < periods; p++) {
            String period = "2020HJ0" + (p + 1);
            // geo → (count name → value); persons = value (person counts)
            Map<String, Map<String, Long>> v = new LinkedHashMap<>();
            Map<String, List<String>> members = new LinkedHashMap<>();
            Map<String, Boolean> released = new LinkedHashMap<>();
            List<String> regionCodes = new ArrayList<>();
            for (int r = 1; r <= regions; r++) {
                String rc = "RG0" + r;
                regionCodes.add(rc);
                List<String> munis = new ArrayList<>();
                int n = 1 + rnd.nextInt(4);
                for (int m = 1; m <= n; m++) {
                    String gm = String.format("GM%d%03d", r, m);
                    munis.add(gm);
                    v.put(gm, leaf(rnd, groups, categoryTotal));
                    released.put(gm, rnd.nextInt(5) != 0);
                }
                members.put(rc, munis);
                v.put(rc, add(munis, v));
                released.put(rc, rnd.nextInt(6) != 0);
            }
            v.put(GeoLevel.UNKNOWN, leaf(rnd, groups, categoryTotal));
            released.put(GeoLevel.UNKNOWN, rnd.nextBoolean());
            List<String> nlParts = new ArrayList<>(regionCodes);
            nlParts.add(GeoLevel.UNKNOWN);
            members.put(GeoLevel.NETHERLANDS, nlParts);
            v.put(GeoLevel.NETHERLANDS, add(nlParts, v));
            released.put(GeoLevel.NETHERLANDS, true);

            for (Map.Entry<String, Map<String, Long>> e : v.entrySet()) {
                String geo = e.getKey();
                long pop = e.getValue().get("POP");
                for (String name : names) {
                    long n = e.getValue().get(name);
                    cells.add(Cell.share(name, TableBuilder.level(geo), geo, geo, period, new Count(name, n, n),
                            new Count("POP", pop, pop), released.get(geo)));
                    relations.add(Relation.atMost(new CountRef("POP", geo, period), new CountRef(name, geo, period)));
                }
                if (categoryTotal) {
                    relations.add(Relation.sum(new CountRef("ANY", geo, period),
                            List.of(new CountRef("G1", geo, period), new CountRef("G2", geo, period))));
                }
            }
            List<String> all = new ArrayList<>(names);
            all.add("POP");
            for (Map.Entry<String, List<String>> e : members.entrySet()) {
                for (String name : all) {
                    relations.add(Relation.sum(new CountRef(name, e.getKey(), period),
                            e.getValue().stream().map(g -> new CountRef(name, g, period)).toList()));
                }
            }
        }
        return new CellTable("random" + seed, "I2", "random table", cells, relations, Map.of());
    }

    /** A municipality: population 0–400 (often small), groups drawn small so many fall below 10. */
    private static Map<String, Long> leaf(Random rnd, int groups, boolean categoryTotal) {
        Map<String, Long> m = new LinkedHashMap<>();
        long pop = rnd.nextInt(4) == 0 ? rnd.nextInt(30) : 30 + rnd.nextInt(370);
        m.put("POP", pop);
        long left = pop;
        long any = 0;
        for (int g = 1; g <= groups; g++) {
            long cap = categoryTotal ? left : pop;
            long x = Math.min(cap, rnd.nextInt(3) == 0 ? rnd.nextInt(10) : rnd.nextInt(60));
            m.put("G" + g, x);
            left -= x;
            any += x;
        }
        if (categoryTotal) {
            m.put("ANY", any);
        }
        return m;
    }

    private static Map<String, Long> add(List<String> parts, Map<String, Map<String, Long>> v) {
        Map<String, Long> sum = new LinkedHashMap<>();
        for (String p : parts) {
            v.get(p).forEach((k, x) -> sum.merge(k, x, Long::sum));
        }
        return sum;
    }
}
