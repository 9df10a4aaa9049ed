package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;

/**
 * Disclosure control for one table: primary rules → secondary suppression with audit → rounding → rows.
 *
 * <p>Rounding happens after suppression (spec disclosure.md "Published counts can be rounded … after
 * suppression"). The audit's linear programs use the unrounded published values: a reader of a rounded
 * package knows less than that, so the intervals are conservative (never wider than what a reader can
 * actually derive).
 */
final class TableProtector {
    static final String UNRELEASED = "UNRELEASED";

    private final Profile profile;
    private final PrimarySuppression primaryRules;

    /** Statistics of the last table, for the benchmark and the summary. */
    int lastRounds;
    int lastPrograms;

    TableProtector(Profile profile, String populationSignature) {
        this.profile = profile;
        this.primaryRules = new PrimarySuppression(profile, populationSignature);
    }

    /** Without ledger and without counts forced from other tables. */
    ProtectedTable protect(CellTable table) {
        return protect(table, null, Set.of());
    }

    /**
     * @param ledger earlier releases to compare with (null: no ledger check)
     * @param forced published counts that must be suppressed because another table of the package suppresses
     *               the same count; they become SECONDARY here
     */
    ProtectedTable protect(CellTable table, Ledger ledger, Set<CountRef> forced) {
        TableCounts t = new TableCounts(table);
        Map<CountRef, String> primary = primaryRules.unsafe(t, ledger);
        SecondarySuppression secondary = new SecondarySuppression(t, profile.threshold(), primary, forced,
                primaryRules.unsafeUnreleased(t));
        Map<CountRef, Interval> intervals = secondary.run();
        lastRounds = secondary.rounds();
        lastPrograms = secondary.programsSolved();

        Map<CountRef, Decision> decisions = new LinkedHashMap<>();
        for (Map.Entry<CountRef, Count> e : t.counts.entrySet()) {
            CountRef r = e.getKey();
            decisions.put(r, decide(t, r, e.getValue(), primary, secondary.secondary(), intervals.get(r)));
        }
        List<ProtectedCell> rows = new ArrayList<>();
        for (Cell c : table.cells()) {
            if (c.released()) {
                rows.add(row(c, decisions));
            }
        }
        return new ProtectedTable(table, rows, decisions);
    }

    private Decision decide(TableCounts t, CountRef r, Count c, Map<CountRef, String> primary,
                            Map<CountRef, String> secondary, Interval iv) {
        Status preset = t.preset.get(r);
        if (preset != null) {
            return new Decision(r, preset, preset.name(), null, null, null);
        }
        if (primary.containsKey(r)) {
            return new Decision(r, Status.PRIMARY, primary.get(r), null, iv.lower(), iv.upper());
        }
        if (secondary.containsKey(r)) {
            return new Decision(r, Status.SECONDARY, secondary.get(r), null, iv.lower(), iv.upper());
        }
        if (!t.isPublishable(r)) {
            // Safe, but only computed so the audit knows the whole hierarchy: never printed.
            return new Decision(r, Status.SAFE, UNRELEASED, null, null, null);
        }
        long shown = round(c.value());
        return shown == c.value()
                ? new Decision(r, Status.SAFE, null, shown, null, null)
                : new Decision(r, Status.ROUNDED, "ROUND_" + profile.roundTo(), shown, null, null);
    }

    /** Rounds half up to a multiple of {@code round_to}, or returns the value when the profile does not round. */
    long round(long v) {
        Integer b = profile.roundTo();
        if (b == null) {
            return v;
        }
        return Math.floorDiv(v + b / 2, b) * (long) b;
    }

    /**
     * A row shows numerator, denominator and value only when every count it rests on is shown. Its status is
     * the numerator's when that is suppressed, DERIVED when only the denominator or an extra count is, else
     * SAFE — or ROUNDED when rounding changed a shown count.
     */
    static ProtectedCell row(Cell c, Map<CountRef, Decision> decisions) {
        if (c.preset() != null) {
            Status s = Status.valueOf(c.preset());
            return new ProtectedCell(c, s, s.name(), null, null, null);
        }
        Decision num = decisions.get(c.numeratorRef());
        if (!num.status().shown()) {
            return new ProtectedCell(c, num.status(), num.rule(), null, null, null);
        }
        boolean rounded = num.status() == Status.ROUNDED;
        for (CountRef r : c.refs().subList(1, c.refs().size())) {
            Decision d = decisions.get(r);
            if (!d.status().shown() || d.shownValue() == null) {
                return new ProtectedCell(c, Status.DERIVED, d.rule(), null, null, null);
            }
            rounded |= d.status() == Status.ROUNDED;
        }
        Decision den = decisions.get(c.denominatorRef());
        return new ProtectedCell(c, rounded ? Status.ROUNDED : Status.SAFE, rounded ? num.rule() == null ? den.rule()
                : num.rule() : null, num.shownValue(), den.shownValue(), c.value());
    }
}
