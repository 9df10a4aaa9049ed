package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.GeoLevel;

/** Small inline cell tables for the disclosure tests: share rows and the relations among their counts. */
final class TableBuilder {
    private final String name;
    private final String indicator;
    private final List<Cell> cells = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();

    TableBuilder(String name) {
        this(name, name);
    }

    TableBuilder(String name, String indicator) {
        this.name = name;
        this.indicator = indicator;
    }

    static GeoLevel level(String geo) {
        if (geo.equals(GeoLevel.NETHERLANDS)) {
            return GeoLevel.COUNTRY;
        }
        return geo.startsWith("GM") ? GeoLevel.MUNICIPALITY : GeoLevel.REGION;
    }

    /** A share row whose counts have as many persons as their value. */
    TableBuilder share(String geo, String period, String num, long n, String den, long d) {
        return share(geo, period, new Count(num, n, n), new Count(den, d, d), true);
    }

    TableBuilder share(String geo, String period, Count num, Count den, boolean released) {
        cells.add(Cell.share(num.name(), level(geo), geo, geo, period, num, den, released));
        return this;
    }

    TableBuilder cell(Cell c) {
        cells.add(c);
        return this;
    }

    /** total = Σ parts for count {@code count} in {@code period}, over geographies. */
    TableBuilder sum(String count, String period, String totalGeo, String... partGeos) {
        relations.add(Relation.sum(new CountRef(count, totalGeo, period),
                Arrays.stream(partGeos).map(g -> new CountRef(count, g, period)).toList()));
        return this;
    }

    TableBuilder relation(Relation r) {
        relations.add(r);
        return this;
    }

    /** numerator ≤ denominator for every row added so far. */
    TableBuilder numeratorsAtMostDenominators() {
        for (Cell c : cells) {
            relations.add(Relation.atMost(c.denominatorRef(), c.numeratorRef()));
        }
        return this;
    }

    CellTable build() {
        return new CellTable(name, indicator, name, cells, relations, Map.of());
    }
}
