package nl.samenloop.disclosure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.GeoLevel;

/**
 * The distinct counts of one cell table, keyed by {@link CountRef}: a count shared by many rows (the I2
 * population is every group's denominator) is one number with one decision. Knows for each count whether
 * some row would publish it (a released row without a preset status), its geography level (the Netherlands
 * is only suppressed when forced), and checks that the table is consistent: one value per reference and
 * every relation true for the values, so the audit's linear programs are feasible.
 */
final class TableCounts {
    final CellTable table;
    /** Sorted by reference, so every pass over the counts is in a stable order (determinism). */
    final Map<CountRef, Count> counts = new TreeMap<>();
    final Map<CountRef, GeoLevel> levels = new HashMap<>();
    /** Counts some released, non-preset row shows when safe. */
    final Map<CountRef, Boolean> publishable = new HashMap<>();
    /** Preset status for counts that appear only in preset rows. */
    final Map<CountRef, Status> preset = new HashMap<>();

    TableCounts(CellTable table) {
        this.table = table;
        Map<String, GeoLevel> geoLevels = new HashMap<>();
        for (Cell c : table.cells()) {
            geoLevels.putIfAbsent(c.geoCode(), c.level());
        }
        for (Cell c : table.cells()) {
            Status presetStatus = presetStatus(c);
            boolean shows = c.released() && presetStatus == null;
            add(c.numeratorRef(), c.numerator(), c.level(), shows, presetStatus);
            add(c.denominatorRef(), c.denominator(), c.level(), shows, presetStatus);
            for (Count x : c.extra()) {
                CountRef r = c.extraRef(x);
                GeoLevel l = geoLevels.getOrDefault(r.geoCode(),
                        GeoLevel.NETHERLANDS.equals(r.geoCode()) ? GeoLevel.COUNTRY : c.level());
                add(r, x, l, shows, presetStatus);
            }
        }
        preset.keySet().removeIf(r -> publishable.get(r));
        validate();
    }

    private Status presetStatus(Cell c) {
        if (c.preset() == null) {
            return null;
        }
        Status s;
        try {
            s = Status.valueOf(c.preset());
        } catch (IllegalArgumentException e) {
            s = null;
        }
        if (s != Status.NOT_OBSERVABLE && s != Status.EMPTY) {
            throw new IllegalArgumentException("table " + table.name() + ": row " + c.measure() + " " + c.geoCode()
                    + " " + c.period() + " has preset status '" + c.preset() + "'; allowed: NOT_OBSERVABLE, EMPTY");
        }
        return s;
    }

    private void add(CountRef r, Count c, GeoLevel level, boolean shows, Status presetStatus) {
        Count old = counts.putIfAbsent(r, c);
        if (old != null && (old.value() != c.value() || old.persons() != c.persons())) {
            // No values in the message: it may be read outside the secure area.
            throw new IllegalArgumentException("table " + table.name() + ": count " + r
                    + " appears with two different values or person counts");
        }
        levels.putIfAbsent(r, level);
        publishable.merge(r, shows, Boolean::logicalOr);
        if (presetStatus != null) {
            preset.putIfAbsent(r, presetStatus);
        }
    }

    private void validate() {
        for (Relation rel : table.relations()) {
            long total = value(rel, rel.total());
            long sum = 0;
            for (CountRef p : rel.parts()) {
                sum += value(rel, p);
            }
            boolean ok = rel.type() == Relation.Type.SUM ? total == sum : sum <= total;
            if (!ok) {
                throw new IllegalArgumentException("table " + table.name() + ": relation " + rel.type() + " with total "
                        + rel.total() + " does not hold for the computed counts (indicator error)");
            }
        }
    }

    private long value(Relation rel, CountRef r) {
        Count c = counts.get(r);
        if (c == null) {
            throw new IllegalArgumentException("table " + table.name() + ": relation with total " + rel.total()
                    + " refers to count " + r + ", which no cell holds");
        }
        return c.value();
    }

    boolean isPublishable(CountRef r) {
        return publishable.getOrDefault(r, false);
    }

    boolean isCountry(CountRef r) {
        return levels.get(r) == GeoLevel.COUNTRY;
    }

    List<Relation> relations() {
        return table.relations();
    }
}
