package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.GeoLevel;

/**
 * The counts of one release — every table of the package — as one problem over canonical keys
 * ({@link Canonical}): a count that two tables hold (I2 {@code WIJKTEAM} and I3 {@code WIJKTEAM_BASE}) is one
 * key with one decision; the relations of all tables and of the earlier releases ({@link History}) are one
 * system. Knows for each key whether this release would publish it (a released row without a preset status),
 * whether an earlier release published it (a constant for the reader) or suppressed it, its geography level
 * (the Netherlands is only suppressed when forced), and checks that each table is consistent: one value per
 * reference and every relation true for the values, so the audit's linear programs are feasible.
 *
 * <p>Two tables that give one key different numbers (tables of one indicator for different populations) are
 * not the same count after all: the later table's concepts get the suffix {@code #<table>}, and the
 * differencing rule compares the two.
 */
final class TableCounts {
    /** Tables and the key of each of their references. */
    final List<CellTable> tables;
    final List<Map<CountRef, CountRef>> keyOf = new ArrayList<>();
    /** Keys of this release, sorted (determinism), with value and persons. */
    final Map<CountRef, Count> counts = new TreeMap<>();
    /** The first table holding a key, for messages. */
    final Map<CountRef, String> tableOf = new HashMap<>();
    /** The first table's own reference for a key, for messages (the key itself is an internal name). */
    final Map<CountRef, CountRef> refOf = new HashMap<>();
    final Map<CountRef, GeoLevel> levels = new HashMap<>();
    /** Keys some released, non-preset row of this release shows when safe. */
    final Map<CountRef, Boolean> publishable = new HashMap<>();
    /** Preset status for keys that appear only in preset rows. */
    final Map<CountRef, Status> preset = new HashMap<>();
    /** Keys an earlier release published: constants for every reader. */
    final Map<CountRef, History.Known> known;
    /** Keys an earlier release suppressed, with that release. */
    final Map<CountRef, String> earlierSuppressed;
    /** Every relation: this release's tables, the earlier releases' and the decomposition of areas and pools. */
    final List<Relation> relations;
    /** Texts of the relations this release adds to what earlier releases had. */
    final Set<String> newRelations = new HashSet<>();
    /** This release's own relations (canonical, deduplicated): what the register records. */
    final List<Relation> ownRelations = new ArrayList<>();
    /** Municipality set behind each multi-member geography key. */
    final Map<String, List<String>> geoSets = new TreeMap<>();
    /** The true value and persons of areas no table shows but a combination of releases isolates (atoms). */
    final Map<CountRef, Count> atomTruth;
    final History history;
    final String label;

    TableCounts(CellTable table) {
        this(List.of(table), History.none());
    }

    TableCounts(List<CellTable> tables, History history) {
        this.tables = List.copyOf(tables);
        this.history = history;
        this.known = history.published();
        this.earlierSuppressed = history.suppressed();
        this.label = String.join("+", tables.stream().map(CellTable::name).toList());
        Map<String, Relation> rels = new LinkedHashMap<>();
        for (CellTable t : tables) {
            Map<CountRef, CountRef> keys = keys(t);
            keyOf.add(keys);
            read(t, keys);
            for (Relation r : t.relations()) {
                Relation k = map(r, keys, t);
                if (k.parts().equals(List.of(k.total()))) {
                    continue; // a row and its only rest are one area (region-only tables): "x = x" says nothing
                }
                String text = Canonical.text(k);
                if (rels.putIfAbsent(text, k) == null) {
                    ownRelations.add(k);
                }
            }
            validate(t, keys);
        }
        preset.keySet().removeIf(r -> publishable.get(r));
        checkAgainstHistory();
        Set<String> earlier = new HashSet<>();
        for (Relation r : history.relations()) {
            String text = Canonical.text(r);
            earlier.add(text);
            rels.putIfAbsent(text, r);
        }
        for (String text : rels.keySet()) {
            if (!earlier.contains(text)) {
                newRelations.add(text);
            }
        }
        geoSets.putAll(history.geoSets());
        Decomposition d = new Decomposition(new ArrayList<>(rels.values()), allKeys(rels.values()), geoSets, this::truthOf);
        this.relations = d.relations();
        this.atomTruth = d.truth();
    }

    /**
     * This table's keys. If one of them already carries another number (an earlier table of the package counts
     * another population under the same names), the whole table gets concepts of its own.
     */
    private Map<CountRef, CountRef> keys(CellTable t) {
        Map<CountRef, Count> own = t.counts();
        Map<CountRef, CountRef> keys = new HashMap<>();
        boolean clash = false;
        for (Map.Entry<CountRef, Count> e : own.entrySet()) {
            CountRef k = Canonical.key(t, e.getKey());
            keys.put(e.getKey(), k);
            Count old = counts.get(k);
            if (old != null && (old.value() != e.getValue().value() || old.persons() != e.getValue().persons())) {
                clash = true;
            }
        }
        if (clash) {
            keys.replaceAll((ref, k) -> new CountRef(k.name() + "#" + t.name(), k.geoCode(), k.period()));
        }
        for (Map.Entry<CountRef, CountRef> e : keys.entrySet()) {
            List<String> members = t.members(e.getKey().geoCode(), e.getKey().period());
            if (members.size() > 1) {
                geoSets.put(e.getValue().geoCode(), members);
            }
        }
        return keys;
    }

    private void read(CellTable t, Map<CountRef, CountRef> keys) {
        Map<String, GeoLevel> geoLevels = new HashMap<>();
        for (Cell c : t.cells()) {
            geoLevels.putIfAbsent(c.geoCode(), c.level());
        }
        for (Cell c : t.cells()) {
            Status presetStatus = presetStatus(t, c);
            boolean shows = c.released() && presetStatus == null;
            add(t, keys, c.numeratorRef(), c.numerator(), c.level(), shows, presetStatus);
            add(t, keys, c.denominatorRef(), c.denominator(), c.level(), shows, presetStatus);
            for (Count x : c.extra()) {
                CountRef r = c.extraRef(x);
                GeoLevel l = geoLevels.getOrDefault(r.geoCode(),
                        GeoLevel.NETHERLANDS.equals(r.geoCode()) ? GeoLevel.COUNTRY : c.level());
                add(t, keys, r, x, l, shows, presetStatus);
            }
        }
    }

    private static Status presetStatus(CellTable t, Cell c) {
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
            throw new IllegalArgumentException("table " + t.name() + ": row " + c.measure() + " " + c.geoCode()
                    + " " + c.period() + " has preset status '" + c.preset() + "'; allowed: NOT_OBSERVABLE, EMPTY");
        }
        return s;
    }

    private void add(CellTable t, Map<CountRef, CountRef> keys, CountRef ref, Count c, GeoLevel level, boolean shows,
                     Status presetStatus) {
        CountRef k = keys.get(ref);
        Count old = counts.putIfAbsent(k, c);
        if (old != null && (old.value() != c.value() || old.persons() != c.persons())) {
            // No values in the message: it may be read outside the secure area.
            throw new IllegalArgumentException("table " + t.name() + ": count " + ref
                    + " appears with two different values or person counts");
        }
        tableOf.putIfAbsent(k, t.name());
        refOf.putIfAbsent(k, ref);
        levels.putIfAbsent(k, level);
        publishable.merge(k, shows, Boolean::logicalOr);
        if (presetStatus != null) {
            preset.putIfAbsent(k, presetStatus);
        }
    }

    private static Relation map(Relation r, Map<CountRef, CountRef> keys, CellTable t) {
        List<CountRef> parts = new ArrayList<>(r.parts().size());
        for (CountRef p : r.parts()) {
            parts.add(key(keys, p, r, t));
        }
        return new Relation(r.type(), key(keys, r.total(), r, t), parts);
    }

    private static CountRef key(Map<CountRef, CountRef> keys, CountRef ref, Relation rel, CellTable t) {
        CountRef k = keys.get(ref);
        if (k == null) {
            throw new IllegalArgumentException("table " + t.name() + ": relation with total " + rel.total()
                    + " refers to count " + ref + ", which no cell holds");
        }
        return k;
    }

    private void validate(CellTable t, Map<CountRef, CountRef> keys) {
        for (Relation rel : t.relations()) {
            long total = counts.get(keys.get(rel.total())).value();
            long sum = 0;
            for (CountRef p : rel.parts()) {
                sum += counts.get(keys.get(p)).value();
            }
            boolean ok = rel.type() == Relation.Type.SUM ? total == sum : sum <= total;
            if (!ok) {
                throw new IllegalArgumentException("table " + t.name() + ": relation " + rel.type() + " with total "
                        + rel.total() + " does not hold for the computed counts (indicator error)");
            }
        }
    }

    /**
     * An earlier release published this key with another value: the register and this data disagree about what
     * the key counts. Nothing can be proven then; the message names the count, never a value.
     */
    private void checkAgainstHistory() {
        for (Map.Entry<CountRef, Count> e : counts.entrySet()) {
            History.Known k = known.get(e.getKey());
            if (k != null && k.value() != e.getValue().value()) {
                CountRef ref = refOf.get(e.getKey());
                throw new DisclosureRefused(tableOf.get(e.getKey()), ref.name(), ref.geoCode(), ref.period(),
                        "the release register (" + history.register() + ") holds another published value for this count"
                                + " of the same data and population; the register does not belong to this data, or a count's"
                                + " definition changed. Point the job at the right register, or record a new data version");
            }
        }
    }

    private Set<CountRef> allKeys(java.util.Collection<Relation> rels) {
        Set<CountRef> all = new HashSet<>(counts.keySet());
        all.addAll(known.keySet());
        all.addAll(earlierSuppressed.keySet());
        for (Relation r : rels) {
            all.add(r.total());
            all.addAll(r.parts());
        }
        return all;
    }

    /**
     * The true count of an area that no row of this release shows, summed from a table's per-municipality counts
     * ({@link CellTable#memberCounts}); only for a single period (distinct persons over a pool do not add up).
     * Null when no table of this release counts the concept per municipality.
     */
    private Count truthOf(CountRef key, List<String> members) {
        if (key.period().contains("-")) {
            return null;
        }
        Map.Entry<Integer, String> source = sourceOfConcept().get(key.name());
        if (source == null) {
            return null;
        }
        Map<CountRef, Count> per = tables.get(source.getKey()).memberCounts();
        if (per.isEmpty()) {
            return null;
        }
        // A period the table does not count is unknown, not zero.
        Set<String> counted = periodsCounted.computeIfAbsent(source.getKey(),
                i -> per.keySet().stream().map(CountRef::period).collect(java.util.stream.Collectors.toSet()));
        if (!counted.contains(key.period())) {
            return null;
        }
        long value = 0;
        long persons = 0;
        for (String m : members) {
            Count c = per.get(new CountRef(source.getValue(), m, key.period()));
            if (c != null) {
                value += c.value();
                persons += c.persons();
            }
        }
        return new Count(key.name(), value, persons);
    }

    private Map<String, Map.Entry<Integer, String>> sources;
    /** Per table: the periods its per-municipality counts cover. */
    private final Map<Integer, Set<String>> periodsCounted = new HashMap<>();

    /** Concept → (table, count name) of a table of this release that counts it per municipality. */
    private Map<String, Map.Entry<Integer, String>> sourceOfConcept() {
        if (sources == null) {
            sources = new HashMap<>();
            for (int i = 0; i < tables.size(); i++) {
                if (tables.get(i).memberCounts().isEmpty()) {
                    continue;
                }
                for (Map.Entry<CountRef, CountRef> e : keyOf.get(i).entrySet()) {
                    sources.putIfAbsent(e.getValue().name(), Map.entry(i, e.getKey().name()));
                }
            }
        }
        return sources;
    }

    /** Counts this release would show. */
    boolean isPublishable(CountRef r) {
        return publishable.getOrDefault(r, false);
    }

    /** A count this release may still suppress: it would show it, and no earlier release showed it. */
    boolean isCandidate(CountRef r) {
        return isPublishable(r) && !known.containsKey(r);
    }

    boolean isKnown(CountRef r) {
        return known.containsKey(r);
    }

    boolean isCountry(CountRef r) {
        return levels.get(r) == GeoLevel.COUNTRY;
    }

    List<Relation> relations() {
        return relations;
    }

    /** The value every reader can see or that the engine knows for this key (null: an unknown of the reader). */
    Double value(CountRef r) {
        Count c = counts.get(r);
        if (c != null) {
            return (double) c.value();
        }
        History.Known k = known.get(r);
        if (k != null) {
            return (double) k.value();
        }
        Count a = atomTruth.get(r);
        return a == null ? null : (double) a.value();
    }

    /** Where a key comes from, for messages: the table's own reference, or the key. */
    String describe(CountRef key) {
        CountRef r = refOf.get(key);
        return r != null ? tableOf.get(key) + " " + r : key.toString();
    }
}
