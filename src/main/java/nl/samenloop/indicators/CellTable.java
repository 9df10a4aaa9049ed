package nl.samenloop.indicators;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output of one indicator for one job table: its cells and every linear relation among their counts
 * that a reader could use (geography hierarchy, categories → total, periods → pooled span, numerator ≤
 * denominator). Indicators compute this; disclosure control decides what of it is released.
 * {@code notes} are human-readable lines for the notes sheet and output check (definitions, options).
 *
 * <p>Two maps say what the counts are beyond this table, so that disclosure control can recognise the same
 * number in another table or an earlier release (spec disclosure.md "Across releases"):
 * <ul>
 *   <li>{@code concepts}: count name → what it counts, independent of the table ({@link Indicator#concept});
 *       I2's {@code WIJKTEAM} and I3's {@code WIJKTEAM_BASE} are both {@code youth:WIJKTEAM}. A name without an
 *       entry counts {@code <indicator>:<name>}.</li>
 *   <li>{@code geoSets}: geography code (or {@code code@period}) → the municipality codes (of the classification year) whose persons it
 *       holds, sorted; {@code REST-…} rows and I6 groups are sets too. A code without an entry is a set of its
 *       own.</li>
 *   <li>{@code memberCounts}: the count of every single municipality (and of the unknown row) for every name
 *       and period, released or not. Never published: disclosure control uses them to know how small an area
 *       is that no table shows but two releases together isolate (e.g. a region in one, all but one of its
 *       municipalities in another).</li>
 * </ul>
 */
public record CellTable(String name, String indicator, String title, List<Cell> cells, List<Relation> relations,
                        Map<String, String> notes, Map<String, String> concepts, Map<String, List<String>> geoSets,
                        Map<CountRef, Count> memberCounts) {
    public CellTable {
        cells = List.copyOf(cells);
        relations = List.copyOf(relations);
        notes = notes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notes));
        concepts = concepts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(concepts));
        geoSets = geoSets == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(geoSets));
        memberCounts = memberCounts == null ? Map.of() : Map.copyOf(memberCounts);
    }

    /** A table whose counts are known only by this table's names and codes (tests, synthetic tables). */
    public CellTable(String name, String indicator, String title, List<Cell> cells, List<Relation> relations,
                     Map<String, String> notes) {
        this(name, indicator, title, cells, relations, notes, Map.of(), Map.of(), Map.of());
    }

    public CellTable withIdentity(Map<String, String> concepts, Map<String, List<String>> geoSets) {
        return new CellTable(name, indicator, title, cells, relations, notes, concepts, geoSets, memberCounts);
    }

    public CellTable withMemberCounts(Map<CountRef, Count> perMunicipality) {
        return new CellTable(name, indicator, title, cells, relations, notes, concepts, geoSets, perMunicipality);
    }

    /** What count {@code countName} counts, beyond this table. */
    public String concept(String countName) {
        String c = concepts.get(countName);
        return c != null ? c : (indicator == null || indicator.isBlank() ? name : indicator) + ":" + countName;
    }

    /**
     * The municipality codes behind geography code {@code geo} in {@code period}: an entry {@code geo@period}
     * (I6 groups derived per span) before an entry {@code geo}.
     */
    public List<String> members(String geo, String period) {
        List<String> m = geoSets.get(geo + "@" + period);
        if (m == null) {
            m = geoSets.get(geo);
        }
        return m != null ? m : List.of(geo);
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
