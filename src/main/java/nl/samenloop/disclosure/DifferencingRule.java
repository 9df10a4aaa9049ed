package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;

/**
 * Spec disclosure.md "Across releases": a count of nearly the same persons as one already published — the
 * same concept, area and period for another population (age cut-off, data version) or another option
 * (concurrency period or overlap) — may be subtracted from it. When the value or the number of persons
 * differs by more than 0 and fewer than T, the difference describes fewer than T persons, so the later count
 * is unsafe. Compared with the register's published counts of the family ({@link Canonical#family}) and,
 * within the package, with the tables before it.
 */
final class DifferencingRule {
    static final String NAME = "LEDGER_DIFFERENCE";
    private final int threshold;
    private final Map<String, List<History.Earlier>> earlier;

    DifferencingRule(History history, int threshold) {
        this.threshold = threshold;
        this.earlier = history.differencing();
    }

    /**
     * The keys of this release to suppress, each with the reason (naming the earlier release or table, never a
     * value). Within the package the first of two close counts stays; the later ones are suppressed.
     *
     * @param order the keys this release would publish, in the order of the tables that hold them
     */
    Map<CountRef, String> violations(List<CountRef> order, Map<CountRef, Count> counts, Map<CountRef, String> tableOf) {
        Map<CountRef, String> out = new TreeMap<>();
        Map<String, List<CountRef>> kept = new TreeMap<>();
        for (CountRef k : order) {
            String family = Canonical.family(k);
            Count c = counts.get(k);
            Optional<String> why = Optional.empty();
            for (History.Earlier e : earlier.getOrDefault(family, List.of())) {
                if (close(e.value(), e.persons(), c)) {
                    why = Optional.of(NAME + ": differs by fewer than " + threshold + " from " + e.release());
                    break;
                }
            }
            List<CountRef> same = kept.computeIfAbsent(family, f -> new ArrayList<>());
            for (CountRef j : same) {
                if (why.isEmpty() && !j.equals(k) && close(counts.get(j).value(), counts.get(j).persons(), c)) {
                    why = Optional.of(NAME + ": differs by fewer than " + threshold + " from the same count in table "
                            + tableOf.get(j) + " of this package");
                }
            }
            if (why.isPresent()) {
                out.put(k, why.get());
            } else {
                same.add(k);
            }
        }
        return out;
    }

    private boolean close(long value, long persons, Count c) {
        long dv = Math.abs(value - c.value());
        long dp = Math.abs(persons - c.persons());
        return (dv > 0 && dv < threshold) || (dp > 0 && dp < threshold);
    }
}
