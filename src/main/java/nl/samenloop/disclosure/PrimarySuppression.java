package nl.samenloop.disclosure;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;

/**
 * Applies the primary rules of spec disclosure.md to the counts a table would publish and returns the
 * unsafe ones with the rule that decided each (first rule wins: ZERO, MIN_PERSONS, COMPLEMENT,
 * LEDGER_DIFFERENCE). Counts of unreleased rows are not published and are unknowns to a reader; they are
 * not audit targets (auditing every small municipality outside the requested regions would make the
 * linear programs span the whole country), but {@link #unsafeUnreleased} names the small ones so secondary
 * suppression never leaves one as the only unknown of a relation (exact recovery by one subtraction).
 * Counts that appear only in preset rows (NOT_OBSERVABLE, EMPTY) keep their preset status.
 */
final class PrimarySuppression {
    private final Profile profile;
    private final List<CountRule> countRules;
    private final ComplementRule complement;
    private final String populationSignature;

    PrimarySuppression(Profile profile, String populationSignature) {
        this.profile = profile;
        this.countRules = List.of(new ZeroRule(profile.zeroIsSafe()), new MinimumPersonsRule(profile.threshold()));
        this.complement = profile.complementRule() ? new ComplementRule(profile.threshold()) : null;
        this.populationSignature = populationSignature;
    }

    /** Unreleased counts (never published, not preset) that the count rules would call unsafe. */
    java.util.Set<CountRef> unsafeUnreleased(TableCounts t) {
        java.util.Set<CountRef> out = new java.util.TreeSet<>();
        for (Map.Entry<CountRef, Count> e : t.counts.entrySet()) {
            CountRef r = e.getKey();
            if (!t.isPublishable(r) && !t.preset.containsKey(r)
                    && countRules.stream().anyMatch(rule -> rule.unsafe(e.getValue()))) {
                out.add(r);
            }
        }
        return out;
    }

    /** @param ledger earlier releases to compare with, or null for no ledger check */
    Map<CountRef, String> unsafe(TableCounts t, Ledger ledger) {
        LedgerDifferenceRule ledgerRule = ledger == null ? null
                : new LedgerDifferenceRule(ledger, populationSignature, profile.threshold());
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
            for (Cell c : t.table.cells()) {
                if (c.preset() == null && c.released() && complement.unsafe(c)) {
                    out.putIfAbsent(c.numeratorRef(), complement.name());
                }
            }
        }
        if (ledgerRule != null) {
            String indicator = t.table.indicator() == null || t.table.indicator().isBlank()
                    ? t.table.name() : t.table.indicator();
            for (Map.Entry<CountRef, Count> e : t.counts.entrySet()) {
                CountRef r = e.getKey();
                if (!t.isPublishable(r) || out.containsKey(r)) {
                    continue;
                }
                Optional<String> why = ledgerRule.violation(indicator, r, e.getValue());
                if (why.isPresent()) {
                    if (profile.ledgerMode() == Profile.LedgerMode.REFUSE) {
                        throw new DisclosureRefused(t.table.name(), r.name(), r.geoCode(), r.period(), why.get());
                    }
                    out.put(r, ledgerRule.name());
                }
            }
        }
        return out;
    }
}
