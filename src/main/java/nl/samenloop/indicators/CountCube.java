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
     * Every geography row the table needs, in presentation order: the Netherlands, regions, municipalities
     * by region, unknown. A municipality is left out when neither it nor any municipality of its region is
     * released: it then sits only in its region's sum, whose total stands for it exactly, so a reader learns
     * nothing more from it and the audit needs a variable fewer (spec disclosure.md, "all additive relations").
     */
    public List<Geo> geos() {
        List<Geo> out = new ArrayList<>();
        out.add(new Geo(GeoLevel.COUNTRY, GeoLevel.NETHERLANDS));
        geo.regions().keySet().forEach(r -> out.add(new Geo(GeoLevel.REGION, r)));
        geo.municipalityOrder().stream().filter(this::needed).forEach(m -> out.add(new Geo(GeoLevel.MUNICIPALITY, m)));
        return out;
    }

    private boolean needed(String municipality) {
        String region = geo.regionOf(municipality);
        if (region == null) {
            return true;
        }
        return geo.members(region).stream().anyMatch(m -> geo.released(GeoLevel.MUNICIPALITY, m));
    }

    /** A share cell 100 × num / den for every geography and period. */
    public List<Cell> shares(String measure, String numerator, String denominator) {
        List<Cell> out = new ArrayList<>();
        for (String period : allPeriods()) {
            for (Geo g : geos()) {
                out.add(Cell.share(measure, g.level(), g.code(), geo.name(g.level(), g.code()), period,
                        get(numerator, g.code(), period), get(denominator, g.code(), period), geo.released(g.level(), g.code())));
            }
        }
        return out;
    }

    /**
     * Relations every table of counts has: regions, the unknown municipality and any municipality outside
     * a region add up to the Netherlands; a region's municipalities to the region (for regions whose
     * municipalities are in the table); a pool's periods to the pool.
     */
    public List<Relation> geographyAndPoolRelations() {
        List<Relation> out = new ArrayList<>();
        for (String n : names) {
            for (String period : allPeriods()) {
                List<CountRef> all = new ArrayList<>();
                for (String r : geo.regions().keySet()) {
                    all.add(new CountRef(n, r, period));
                }
                for (String m : geo.municipalityOrder()) {
                    if (geo.regionOf(m) == null) {
                        all.add(new CountRef(n, m, period));
                    }
                }
                out.add(Relation.sum(new CountRef(n, GeoLevel.NETHERLANDS, period), all));
                for (String r : geo.regions().keySet()) {
                    List<String> members = geo.members(r);
                    if (members.stream().anyMatch(this::needed)) {
                        out.add(Relation.sum(new CountRef(n, r, period), members.stream().map(m -> new CountRef(n, m, period)).toList()));
                    }
                }
            }
            for (Pool pool : pools) {
                for (Geo g : geos()) {
                    out.add(Relation.sum(new CountRef(n, g.code(), pool.code()),
                            pool.periodIndexes().stream().map(i -> new CountRef(n, g.code(), periods.get(i))).toList()));
                }
            }
        }
        return out;
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
