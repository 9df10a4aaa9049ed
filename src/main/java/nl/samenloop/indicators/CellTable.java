package nl.samenloop.indicators;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of one indicator for one job table: its cells and every linear relation among their counts
 * that a reader could use (geography hierarchy, categories → total, periods → pooled span, numerator ≤
 * denominator). Indicators compute this; disclosure control decides what of it is released.
 * {@code notes} are human-readable lines for the notes sheet and output check (definitions, options).
 */
public record CellTable(String name, String indicator, String title, List<Cell> cells, List<Relation> relations,
                        Map<String, String> notes) {
    public CellTable {
        cells = List.copyOf(cells);
        relations = List.copyOf(relations);
        notes = notes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    /** Every count the cells rest on (numerators, denominators, extra counts), by reference. */
    public Map<CountRef, Count> counts() {
        Map<CountRef, Count> m = new HashMap<>();
        for (Cell c : cells) {
            m.put(c.numeratorRef(), c.numerator());
            m.put(c.denominatorRef(), c.denominator());
            for (Count x : c.extra()) {
                m.put(c.extraRef(x), x);
            }
        }
        return m;
    }
}
