package nl.samenloop.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.GeoLevel;

/**
 * The row order of the publication layout: the Netherlands first, then each region followed by its
 * municipalities, then municipalities whose region the table does not name, and the unknown
 * municipality ("Onbekend") last. Which municipality belongs to which region is read from the table's
 * own SUM relations (region count = Σ municipality counts, spec indicators.md "Geography"), so the
 * writers need no reference data. Within a group the order is the order of first appearance, which the
 * caller controls; the result is therefore deterministic.
 */
public final class GeographyOrder {
    /** One geography row of the layout. */
    public record Geo(GeoLevel level, String code, String name) {
        public boolean unknown() {
            return GeoLevel.UNKNOWN.equals(code);
        }

        /** The label a reader sees: the unknown municipality is "Onbekend" whatever its cell name. */
        public String label() {
            if (unknown()) {
                return "Onbekend";
            }
            return name == null || name.isBlank() ? code : name;
        }
    }

    private GeographyOrder() {
    }

    public static List<Geo> of(CellTable table, List<Cell> cells) {
        Map<String, Geo> geos = new LinkedHashMap<>();
        for (Cell c : cells) {
            geos.putIfAbsent(c.geoCode(), new Geo(c.level(), c.geoCode(), c.geoName()));
        }
        Map<String, String> regionOf = regionOfMunicipality(table, geos);

        List<Geo> out = new ArrayList<>();
        for (Geo g : geos.values()) {
            if (g.level() == GeoLevel.COUNTRY) {
                out.add(g);
            }
        }
        Set<String> placed = new LinkedHashSet<>();
        for (Geo region : geos.values()) {
            if (region.level() != GeoLevel.REGION) {
                continue;
            }
            out.add(region);
            for (Geo m : geos.values()) {
                if (m.level() == GeoLevel.MUNICIPALITY && !m.unknown() && region.code().equals(regionOf.get(m.code()))) {
                    out.add(m);
                    placed.add(m.code());
                }
            }
        }
        for (Geo m : geos.values()) {
            if (m.level() == GeoLevel.MUNICIPALITY && !m.unknown() && !placed.contains(m.code())) {
                out.add(m);
            }
        }
        for (Geo g : geos.values()) {
            if (g.unknown() && g.level() != GeoLevel.COUNTRY && g.level() != GeoLevel.REGION) {
                out.add(g);
            }
        }
        for (Geo g : geos.values()) {
            if (g.level() == GeoLevel.GROUP) {
                out.add(g); // I6 groups of municipalities stand outside the hierarchy: after it, in table order
            }
        }
        return out;
    }

    private static Map<String, String> regionOfMunicipality(CellTable table, Map<String, Geo> geos) {
        Map<String, String> regionOf = new HashMap<>();
        for (Relation r : table.relations()) {
            if (r.type() != Relation.Type.SUM) {
                continue;
            }
            Geo total = geos.get(r.total().geoCode());
            if (total == null || total.level() != GeoLevel.REGION) {
                continue;
            }
            for (CountRef part : r.parts()) {
                Geo g = geos.get(part.geoCode());
                if (g != null && g.level() == GeoLevel.MUNICIPALITY && part.name().equals(r.total().name())) {
                    regionOf.putIfAbsent(part.geoCode(), total.code());
                }
            }
        }
        return regionOf;
    }
}
