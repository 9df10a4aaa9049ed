package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;

/**
 * Applies the primary rules of spec disclosure.md to the counts a release would publish and returns the
 * unsafe ones with the rule that decided each (first rule wins: ZERO, MIN_PERSONS, COMPLEMENT,
 * LEDGER_DIFFERENCE). Counts of unreleased rows are not published and are unknowns to a reader; they are
 * not audit targets (auditing every small municipality outside the requested regions would make the
 * linear programs span the whole country), but {@link #unsafeUnreleased} names the small ones so they are
 * never recovered exactly. Counts that appear only in preset rows (NOT_OBSERVABLE, EMPTY) keep their preset
 * status.
 */
final class PrimarySuppression {
    private final Profile profile;
    private final List<CountRule> countRules;
    private final ComplementRule complement;

    PrimarySuppression(Profile profile) {
        this.profile = profile;
        this.countRules = List.of(new ZeroRule(profile.zeroIsSafe()), new MinimumPersonsRule(profile.threshold()));
        this.complement = profile.complementRule() ? new ComplementRule(profile.threshold()) : null;
    }

    /**
     * Counts no one publishes that the count rules would call unsafe: unreleased rows of this release, and areas
     * that only a combination of releases isolates (their true counts come from the tables' per-municipality
     * counts).
     */
    Set<CountRef> unsafeUnreleased(TableCounts t) {
        Set<CountRef> out = new TreeSet<>();
        for (Map.Entry<CountRef, Count> e : t.counts.entrySet()) {
            CountRef r = e.getKey();
            if (!t.isPublishable(r) && !t.preset.containsKey(r) && !t.isKnown(r) && unsafe(e.getValue())) {
                out.add(r);
            }
        }
        for (Map.Entry<CountRef, Count> e : t.atomTruth.entrySet()) {
            if (!t.isKnown(e.getKey()) && unsafe(e.getValue())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private boolean unsafe(Count c) {
        return countRules.stream().anyMatch(rule -> rule.unsafe(c));
    }

    Map<CountRef, String> unsafe(TableCounts t) {
        Map<CountRef, String> out = new TreeMap<>();
        for (Map.Entry<CountRef, Count> e : t.counts.entrySet()) {
            if (t.preset.containsKey(e.getKey()) || !t.isPublishable(e.getKey())) {
                continue;
            }
            for (CountRule rule : countRules) {
                if (rule.unsafe(e.getValue())) {
                    out.put(e.getKey(), rule.name());
                    break;
                }
            }
        }
        if (complement != null) {
            for (int i = 0; i < t.tables.size(); i++) {
                for (Cell c : t.tables.get(i).cells()) {
                    if (c.preset() == null && c.released() && complement.unsafe(c)) {
                        out.putIfAbsent(t.keyOf.get(i).get(c.numeratorRef()), complement.name());
                    }
                }
            }
        }
        if (profile.ledgerCheck()) {
            Map<CountRef, String> close = new DifferencingRule(t.history, profile.threshold())
                    .violations(publishOrder(t), t.counts, t.tableOf);
            for (Map.Entry<CountRef, String> e : close.entrySet()) {
                CountRef k = e.getKey();
                if (out.containsKey(k) || t.isKnown(k)) {
                    continue;
                }
                if (profile.ledgerMode() == Profile.LedgerMode.REFUSE) {
                    CountRef ref = t.refOf.get(k);
                    throw new DisclosureRefused(t.tableOf.get(k), ref.name(), ref.geoCode(), ref.period(), e.getValue());
                }
                out.put(k, DifferencingRule.NAME);
            }
        }
        return out;
    }

    /** The keys this release would publish, table by table, each table's in reference order. */
    private static List<CountRef> publishOrder(TableCounts t) {
        Set<CountRef> order = new LinkedHashSet<>();
        for (int i = 0; i < t.tables.size(); i++) {
            CellTable table = t.tables.get(i);
            Map<CountRef, CountRef> keys = t.keyOf.get(i);
            for (CountRef r : new TreeSet<>(table.counts().keySet())) {
                CountRef k = keys.get(r);
                if (t.isPublishable(k) && !t.preset.containsKey(k)) {
                    order.add(k);
                }
            }
        }
        return new ArrayList<>(order);
    }
}
