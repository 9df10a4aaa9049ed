package nl.samenloop.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.samenloop.link.Geography;
import nl.samenloop.model.GeoLevel;

/**
 * Counts per (name, geography, period or pool), with the builders every indicator uses to turn them into
 * cells and into the relations a reader of the table knows.
 */
public final class CountCube {
    /** A geography row: level and code. */
    public record Geo(GeoLevel level, String code) {
    }

    private final Map<CountRef, Count> counts;
    private final List<String> names;
    private final Geography geo;
    private final List<String> periods;
    private final List<Pool> pools;

    CountCube(Map<CountRef, Count> counts, List<String> names, Geography geo, List<String> periods, List<Pool> pools) {
        this.counts = counts;
        this.names = List.copyOf(names);
        this.geo = geo;
        this.periods = List.copyOf(periods);
        this.pools = List.copyOf(pools);
    }

    public Count get(String name, String geoCode, String period) {
        Count c = counts.get(new CountRef(name, geoCode, period));
        return c != null ? c : new Count(name, 0, 0);
    }

    public Geography geography() {
        return geo;
    }

    /** Period codes followed by pool codes. */
    public List<String> allPeriods() {
        List<String> out = new ArrayList<>(periods);
        pools.forEach(p -> out.add(p.code()));
        return out;
    }

    public List<String> periods() {
        return periods;
    }

    /**
     * Every geography row the table needs, in presentation order: the Netherlands, released regions,
     * released municipalities (by region), the unknown row when released, and then the "rest" rows that
     * stand for everything unreleased under a total ({@link Geography#restOf}); those are never released.
     */
    public List<Geo> geos() {
        List<Geo> out = new ArrayList<>();
        out.add(new Geo(GeoLevel.COUNTRY, GeoLevel.NETHERLANDS));
        geo.regions().keySet().stream().filter(r -> geo.released(GeoLevel.REGION, r))
                .forEach(r -> out.add(new Geo(GeoLevel.REGION, r)));
        geo.municipalityOrder().stream().filter(m -> geo.released(GeoLevel.MUNICIPALITY, m))
                .forEach(m -> out.add(new Geo(GeoLevel.MUNICIPALITY, m)));
        out.addAll(rests());
        return out;
    }

    /** The rest rows that are not structurally empty: one under each released region with hidden members, one under the Netherlands. */
    private List<Geo> rests() {
        java.util.Set<String> codes = new java.util.TreeSet<>();
        for (String m : geo.municipalityOrder()) {
            String rest = geo.restOf(m);
            if (rest != null) {
                codes.add(rest);
            }
        }
        return codes.stream().map(c -> new Geo(GeoLevel.MUNICIPALITY, c)).toList();
    }

    /** The municipality set behind every geography row of {@link #geos()} ({@link Geography#memberSet}). */
    public java.util.Map<String, List<String>> geoSets() {
        java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
        for (Geo g : geos()) {
            out.put(g.code(), geo.memberSet(g.code()));
        }
        return out;
    }

    /** Every single municipality's (and the unknown row's) counts, for every name and period or pool. */
    public java.util.Map<CountRef, Count> memberCounts() {
        java.util.Map<CountRef, Count> out = new java.util.HashMap<>();
        java.util.Set<String> codes = new java.util.HashSet<>(geo.municipalities().keySet());
        codes.add(GeoLevel.UNKNOWN);
        counts.forEach((r, c) -> {
            if (codes.contains(r.geoCode())) {
                out.put(r, c);
            }
        });
        return out;
    }

    /** The count names of this cube. */
    public List<String> names() {
        return names;
    }

    private String name(Geo g) {
        if (g.code().startsWith(Geography.REST)) {
            return "overig " + geo.name(g.code().equals(Geography.REST + GeoLevel.NETHERLANDS) ? GeoLevel.COUNTRY : GeoLevel.REGION,
                    g.code().substring(Geography.REST.length()));
        }
        return geo.name(g.level(), g.code());
    }

    private boolean released(Geo g) {
        return !g.code().startsWith(Geography.REST) && geo.released(g.level(), g.code());
    }

    /** A share cell 100 × num / den for every geography and period. */
    public List<Cell> shares(String measure, String numerator, String denominator) {
        List<Cell> out = new ArrayList<>();
        for (String period : allPeriods()) {
            for (Geo g : geos()) {
                out.add(Cell.share(measure, g.level(), g.code(), name(g), period,
                        get(numerator, g.code(), period), get(denominator, g.code(), period), released(g)));
            }
        }
        return out;
    }

    /**
     * Relations every table of counts has, over the rows of {@link #geos()}: the Netherlands is the sum of
     * the released regions, the released municipalities outside them, the released unknown row and its
     * rest; a released region is the sum of its released municipalities and its rest; a pool is the sum of
     * its periods. The full hierarchy implies exactly these for what a reader sees.
     */
    public List<Relation> geographyAndPoolRelations() {
        List<Relation> out = new ArrayList<>();
        List<Geo> geos = geos();
        for (String n : names) {
            for (String period : allPeriods()) {
                List<CountRef> nl = new ArrayList<>();
                java.util.Map<String, List<CountRef>> byRegion = new java.util.TreeMap<>();
                for (Geo g : geos) {
                    CountRef ref = new CountRef(n, g.code(), period);
                    if (g.level() == GeoLevel.REGION) {
                        nl.add(ref);
                        byRegion.computeIfAbsent(g.code(), k -> new ArrayList<>());
                    } else if (g.level() == GeoLevel.MUNICIPALITY) {
                        String parent = parentRegion(g.code());
                        if (parent != null) {
                            byRegion.computeIfAbsent(parent, k -> new ArrayList<>()).add(ref);
                        } else {
                            nl.add(ref);
                        }
                    }
                }
                out.add(Relation.sum(new CountRef(n, GeoLevel.NETHERLANDS, period), nl));
                byRegion.forEach((r, parts) -> out.add(Relation.sum(new CountRef(n, r, period), parts)));
            }
            for (Pool pool : pools) {
                for (Geo g : geos) {
                    out.add(Relation.sum(new CountRef(n, g.code(), pool.code()),
                            pool.periodIndexes().stream().map(i -> new CountRef(n, g.code(), periods.get(i))).toList()));
                }
            }
        }
        return out;
    }

    /** The released region a row adds up to, or null when it adds up to the Netherlands directly. */
    private String parentRegion(String code) {
        if (code.startsWith(Geography.REST)) {
            String total = code.substring(Geography.REST.length());
            return total.equals(GeoLevel.NETHERLANDS) ? null : total;
        }
        String region = geo.regionOf(code);
        return region != null && geo.released(GeoLevel.REGION, region) ? region : null;
    }

    /** {@code total = Σ parts} in every geography and period (e.g. base = ONLY + WITH_ANY_OTHER). */
    public List<Relation> categorySum(String total, List<String> parts) {
        List<Relation> out = new ArrayList<>();
        for (String period : allPeriods()) {
            for (Geo g : geos()) {
                out.add(Relation.sum(new CountRef(total, g.code(), period),
                        parts.stream().map(p -> new CountRef(p, g.code(), period)).toList()));
            }
        }
        return out;
    }

    /** {@code part <= total} in every geography and period (a numerator never exceeds its denominator). */
    public List<Relation> atMost(String total, String part) {
        List<Relation> out = new ArrayList<>();
        for (String period : allPeriods()) {
            for (Geo g : geos()) {
                out.add(Relation.atMost(new CountRef(total, g.code(), period), new CountRef(part, g.code(), period)));
            }
        }
        return out;
    }
}
