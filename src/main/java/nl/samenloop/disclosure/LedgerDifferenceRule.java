package nl.samenloop.disclosure;

import java.util.Optional;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;

/**
 * Spec disclosure.md "Across releases": a count already released for the same indicator, count, geography
 * and period but for a different population (age cut-off, data version, … — the population signature)
 * may be subtracted from the new one. When the value or the number of persons differs by more than 0 and
 * fewer than T, the difference describes fewer than T persons, so the new count is unsafe.
 */
public final class LedgerDifferenceRule {
    public static final String NAME = "LEDGER_DIFFERENCE";
    private final Ledger ledger;
    private final String populationSignature;
    private final int threshold;

    public LedgerDifferenceRule(Ledger ledger, String populationSignature, int threshold) {
        this.ledger = ledger;
        this.populationSignature = populationSignature == null ? "" : populationSignature;
        this.threshold = threshold;
    }

    public String name() {
        return NAME;
    }

    /**
     * The earlier release the new count could be differenced against, or empty when it is safe. The reason
     * names the earlier job, its date and population signature — never a value.
     */
    public Optional<String> violation(String indicator, CountRef ref, Count count) {
        for (Ledger.Entry e : ledger.entries(indicator, ref)) {
            boolean sameRelease = e.populationSignature().equals(populationSignature)
                    && e.value() == count.value() && e.persons() == count.persons();
            if (sameRelease) {
                continue;
            }
            long dv = Math.abs(e.value() - count.value());
            long dp = Math.abs(e.persons() - count.persons());
            if ((dv > 0 && dv < threshold) || (dp > 0 && dp < threshold)) {
                return Optional.of(NAME + ": differs by fewer than " + threshold + " from the release of job "
                        + e.job() + " on " + e.date() + " for population '" + e.populationSignature() + "'");
            }
        }
        return Optional.empty();
    }
}
