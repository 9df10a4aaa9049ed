package nl.samenloop.disclosure;

import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * The disclosure-control stage (spec disclosure.md): primary rules, the differencing check, secondary
 * suppression proven by the audit, rounding, and the rows as they may be published. Returns only when every
 * suppressed count has an audit interval of width ≥ T; otherwise throws {@link DisclosureRefused} (naming
 * table, count and period, never a value) and nothing may be written.
 *
 * <p>One package and every earlier release of the same data, one reader: all tables of the package and what
 * the release register says about earlier releases ({@link History}) are one problem over canonical keys
 * ({@link Canonical}). A count two tables hold — of one indicator, or of two (I2 {@code WIJKTEAM} and I3
 * {@code WIJKTEAM_BASE}) — gets one decision; counts published before are constants for the reader; counts
 * suppressed before are suppressed again, and their intervals are proven again against what this release
 * adds; areas and pools that differ between releases are linked by {@link Decomposition}.
 *
 * <p>The register is only read here; the caller records the release once the package is actually released.
 */
public final class Disclosure {
    private Disclosure() {
    }

    /**
     * A protected release: the tables as they may be published, and what the register must record of it.
     *
     * @param tables          the protected tables, in input order
     * @param keyOf           per table: its count references → canonical keys
     * @param decisions       one decision per canonical key of this release
     * @param counts          value and persons per canonical key of this release
     * @param relations       this release's own relations over canonical keys (deduplicated)
     * @param geoSets         the municipality sets behind this release's multi-member geography keys
     * @param history         what the protection was checked against
     * @param earlierTargets  counts earlier releases suppressed that this release could narrow, with their new intervals
     */
    public record Release(List<ProtectedTable> tables, List<Map<CountRef, CountRef>> keyOf,
                          Map<CountRef, Decision> decisions, Map<CountRef, Count> counts, List<Relation> relations,
                          Map<String, List<String>> geoSets, History history, Map<CountRef, Interval> earlierTargets,
                          int rounds, int programs) {
        public Release {
            tables = List.copyOf(tables);
            keyOf = List.copyOf(keyOf);
            decisions = Map.copyOf(decisions);
            counts = Map.copyOf(counts);
            relations = List.copyOf(relations);
            geoSets = Map.copyOf(geoSets);
            earlierTargets = Map.copyOf(earlierTargets);
        }
    }

    /** Protects a release against itself and the earlier releases in {@code history}. */
    public static Release protectRelease(List<CellTable> tables, Profile profile, History history) {
        return new TableProtector(profile).protect(tables, history == null ? History.none() : history);
    }

    /**
     * The release a protection decided earlier gives these tables, against {@code history}: the same decisions
     * per canonical key (no rule is applied and nothing is solved again), each table's rows made from them. The
     * caller must know the decisions were made for exactly these tables, this profile and a history with the
     * same {@link History#digest()}; here only their keys are checked against the tables' counts.
     *
     * @throws IllegalArgumentException when the decisions are not those of these tables' counts
     */
    public static Release reassemble(List<CellTable> tables, History history, ProtectionFiles.Stored stored) {
        TableCounts t = new TableCounts(tables, history);
        if (!t.counts.keySet().equals(stored.decisions().keySet())) {
            throw new IllegalArgumentException("the stored decisions are for " + stored.decisions().size()
                    + " counts, the cell tables hold " + t.counts.size() + " other or more counts");
        }
        return TableProtector.assemble(t, new java.util.TreeMap<>(stored.decisions()), stored.earlier(),
                stored.rounds(), stored.programs());
    }

    public static List<ProtectedTable> protect(List<CellTable> tables, Profile profile, History history) {
        return protectRelease(tables, profile, history).tables();
    }

    public static ProtectedTable protect(CellTable table, Profile profile, History history) {
        return protect(List.of(table), profile, history).get(0);
    }

    /** What the output check and run report print: suppressions by status and rule, verdict, intervals. */
    public static DisclosureSummary summarize(List<ProtectedTable> tables, Profile profile) {
        return DisclosureSummary.of(tables, profile);
    }
}
