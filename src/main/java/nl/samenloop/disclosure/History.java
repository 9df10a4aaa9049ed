package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * What the earlier releases of the same data tell a reader (spec disclosure.md "Across releases"), as the
 * release register hands it to disclosure control. Every count is a canonical key ({@link Canonical}): a
 * concept, a geography set and a period, so the same number in another table, indicator or job is one key.
 *
 * <ul>
 *   <li>{@code published}: counts an earlier release showed, with their (unrounded) value and persons — known
 *       constants for every later release;</li>
 *   <li>{@code suppressed}: counts an earlier release suppressed (PRIMARY or SECONDARY), with the release that
 *       did — they must stay hidden: a later release suppresses them again and re-proves their intervals;</li>
 *   <li>{@code relations}: every relation an earlier release let a reader use (deduplicated);</li>
 *   <li>{@code geoSets}: the municipality set behind every multi-member geography key;</li>
 *   <li>{@code differencing}: counts published for other populations or data versions, by differencing family
 *       ({@link Canonical#family}), for the differencing rule.</li>
 * </ul>
 *
 * @param register   where this came from (for output-check.md), e.g. {@code sqlite:/srv/env/register.db}
 * @param releases   how many earlier releases of this data it holds
 * @param version    the register's change counter for this data when it was read; a release may only be
 *                   recorded against the version it was protected with
 */
public record History(String register, int releases, long version, Map<CountRef, Known> published,
                      Map<CountRef, String> suppressed, List<Relation> relations, Map<String, List<String>> geoSets,
                      Map<String, List<Earlier>> differencing) {

    /** A published count's value and distinct persons. */
    public record Known(long value, long persons) {
    }

    /** A count published for another population or data version, in the same differencing family. */
    public record Earlier(String universe, CountRef key, long value, long persons, String release) {
    }

    public History {
        published = Map.copyOf(published);
        suppressed = Map.copyOf(suppressed);
        relations = List.copyOf(relations);
        geoSets = Map.copyOf(geoSets);
        differencing = Map.copyOf(differencing);
    }

    /** No earlier release: protection within the package only. */
    public static History none() {
        return new History("none", 0, 0, Map.of(), Map.of(), List.of(), Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return releases == 0 && differencing.isEmpty();
    }

    /**
     * SHA-256 of everything a protection depends on here, in a canonical order: the number of releases, the
     * version, every published and suppressed count, relation, geography set and differencing entry (not where
     * the register is: the same knowledge is the same protection). Two histories with one digest protect a
     * release the same way; a stored protection is taken up only against a history with its digest.
     */
    public String digest() {
        List<String> lines = new ArrayList<>();
        lines.add("releases " + releases + " version " + version);
        published.forEach((k, v) -> lines.add("published " + k + " " + v.value() + " " + v.persons()));
        suppressed.forEach((k, by) -> lines.add("suppressed " + k + " " + by));
        relations.forEach(r -> lines.add("relation " + Canonical.text(r)));
        geoSets.forEach((id, m) -> lines.add("geo " + id + " " + String.join(" ", m)));
        differencing.forEach((family, list) -> list.forEach(e -> lines.add("differencing " + family + " " + e.universe()
                + " " + e.key() + " " + e.value() + " " + e.persons() + " " + e.release())));
        lines.sort(null);
        return Canonical.sha256(String.join("\n", lines));
    }

    /** Builds a History in memory (tests, and the register's loader). */
    public static final class Builder {
        private final String register;
        private int releases;
        private long version;
        private final Map<CountRef, Known> published = new HashMap<>();
        private final Map<CountRef, String> suppressed = new HashMap<>();
        private final Map<String, Relation> relations = new LinkedHashMap<>();
        private final Map<String, List<String>> geoSets = new TreeMap<>();
        private final Map<String, List<Earlier>> differencing = new HashMap<>();

        public Builder(String register) {
            this.register = register;
        }

        public Builder releases(int n, long version) {
            this.releases = n;
            this.version = version;
            return this;
        }

        public Builder published(CountRef key, long value, long persons) {
            published.put(key, new Known(value, persons));
            return this;
        }

        public Builder suppressed(CountRef key, String release) {
            suppressed.putIfAbsent(key, release);
            return this;
        }

        public Builder relation(Relation r) {
            relations.putIfAbsent(Canonical.text(r), r);
            return this;
        }

        public Builder geoSet(String id, List<String> members) {
            geoSets.put(id, List.copyOf(members));
            return this;
        }

        public Builder differencing(String family, Earlier e) {
            differencing.computeIfAbsent(family, k -> new ArrayList<>()).add(e);
            return this;
        }

        public History build() {
            return new History(register, releases, version, published, suppressed, new ArrayList<>(relations.values()),
                    geoSets, differencing);
        }
    }

    /** Families of the keys, for asking the register only about what a release contains. */
    public static Set<String> families(Set<CountRef> keys) {
        Set<String> out = new java.util.TreeSet<>();
        keys.forEach(k -> out.add(Canonical.family(k)));
        return out;
    }
}
