package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * Secondary suppression of spec disclosure.md: suppress extra published counts until the audit shows that
 * every suppressed count can only be bounded to an interval of width ≥ T over all relations of the table.
 *
 * <p>Rounds of two steps until the audit passes:
 * <ol>
 *   <li>Closure: a SUM relation whose only hidden member is a protected count (or a small unreleased count)
 *       gives it away by subtraction, so the cheapest other published member is suppressed (repeated until
 *       no such relation is left).</li>
 *   <li>Audit: for each protected count whose interval is still narrower than T, a published count is
 *       suppressed that the audit's linear programs show would widen it (its duals at the lowest and highest
 *       value price every published count as a new variable); see {@link #candidate}. One per relation per
 *       round, so rounds stay small. Without that guidance a pick far away in a large component rarely helps,
 *       and a national follow-up table took hundreds of rounds.</li>
 * </ol>
 * "Cheapest" is the spec's preference: not the Netherlands unless forced, then few persons, then a small
 * value, then reference order — fully deterministic. When no candidate is left the table is refused.
 */
final class SecondarySuppression {
    static final String RULE = "SECONDARY";
    /** Rule of a count suppressed again because an earlier release suppressed it (spec "Across releases"). */
    static final String EARLIER = "EARLIER_RELEASE";
    private static final int MAX_ROUNDS = 10_000;
    private static final boolean TRACE = Boolean.getBoolean("samenloop.audit.trace");

    private final TableCounts t;
    private final int threshold;
    private final Audit audit;
    private final Set<CountRef> suppressed = new HashSet<>();
    /** Counts that must end with an interval of width ≥ T: primary and secondary suppressions, earlier ones too. */
    private final Set<CountRef> protectedCounts = new TreeSet<>();
    /** Hidden counts that must not be recovered exactly (width ≥ 1): small unreleased rows and areas. */
    private final Set<CountRef> notExact = new TreeSet<>();
    private final Map<CountRef, String> secondary = new TreeMap<>();
    private final Comparator<CountRef> cheapest;
    /** Small counts of unreleased rows: never left as the only unknown of a SUM relation. */
    private final Set<CountRef> unsafeUnreleased;
    private int rounds;

    /**
     * @param primary          counts the primary rules suppress, with their rule
     * @param forced           counts this release must suppress whatever their size (another table or release
     *                         suppressed them), with the rule to report
     * @param earlierTargets   counts earlier releases suppressed whose intervals this release could narrow
     * @param unsafeUnreleased small counts no one publishes (unreleased rows, areas isolated by combining
     *                         releases): never recovered exactly
     */
    SecondarySuppression(TableCounts t, int threshold, Map<CountRef, String> primary, Map<CountRef, String> forced,
                         Set<CountRef> earlierTargets, Set<CountRef> unsafeUnreleased) {
        this.unsafeUnreleased = unsafeUnreleased;
        this.t = t;
        this.threshold = threshold;
        Map<CountRef, Double> values = new java.util.HashMap<>();
        java.util.Set<CountRef> all = new java.util.HashSet<>(t.counts.keySet());
        all.addAll(t.known.keySet());
        all.addAll(t.atomTruth.keySet());
        for (CountRef r : all) {
            Double v = t.value(r);
            if (v != null) {
                values.put(r, v);
            }
        }
        this.audit = new Audit(t.label, t.relations(), values, null);
        this.suppressed.addAll(primary.keySet());
        this.protectedCounts.addAll(primary.keySet());
        for (Map.Entry<CountRef, String> f : forced.entrySet()) {
            if (!primary.containsKey(f.getKey()) && t.isCandidate(f.getKey())) {
                suppress(f.getKey(), f.getValue());
            }
        }
        for (CountRef e : earlierTargets) {
            if (hidden(e)) {
                protectedCounts.add(e);
            }
        }
        for (CountRef u : unsafeUnreleased) {
            if (hidden(u) && !protectedCounts.contains(u)) {
                notExact.add(u);
            }
        }
        this.cheapest = Comparator.<CountRef, Boolean>comparing(t::isCountry)
                .thenComparingLong(r -> t.counts.get(r).persons())
                .thenComparingLong(r -> t.counts.get(r).value())
                .thenComparing(Comparator.naturalOrder());
    }

    /** Hidden from a reader: suppressed, or never published (unreleased or preset rows) — unless an earlier release showed it. */
    boolean hidden(CountRef r) {
        return !t.isKnown(r) && (suppressed.contains(r) || !t.isPublishable(r));
    }

    /** Runs the rounds; returns the final audit intervals of every protected count. */
    Map<CountRef, Interval> run() {
        while (true) {
            if (++rounds > MAX_ROUNDS) {
                throw new IllegalStateException("tables " + t.label + ": secondary suppression did not settle");
            }
            closeSingletons();
            Set<CountRef> targets = new TreeSet<>(protectedCounts);
            targets.addAll(notExact);
            // Rounds only need to know which intervals are too narrow; exact intervals once it settles.
            long t0 = System.nanoTime();
            Map<CountRef, Map<CountRef, Double>> narrow = audit.narrow(this::hidden, targets,
                    r -> protectedCounts.contains(r) ? threshold : 1);
            if (TRACE) {
                System.err.printf("suppression %s: round %d, %d protected, %d narrow, %d programs, %.1f s%n",
                        t.label, rounds, protectedCounts.size(), narrow.size(), audit.programsSolved(),
                        (System.nanoTime() - t0) / 1e9);
            }
            if (narrow.isEmpty()) {
                return audit.intervals(this::hidden, protectedCounts);
            }
            Set<Integer> touched = new HashSet<>();
            boolean progress = false;
            for (Map.Entry<CountRef, Map<CountRef, Double>> e : narrow.entrySet()) {
                CountRef n = e.getKey();
                List<Integer> rels = audit.relationsOf(n);
                if (rels.stream().anyMatch(touched::contains)) {
                    continue;
                }
                CountRef pick = candidate(n, e.getValue());
                if (pick == null && secondary.containsKey(n)) {
                    // A secondary suppression that the published counts (of this or earlier releases) pin down
                    // protects nothing: hiding it is the same as showing it. Show it, and never pick it again.
                    release(n);
                    touched.addAll(rels);
                    progress = true;
                    continue;
                }
                if (pick == null && progress && audit.narrow(this::hidden, List.of(n),
                        r -> protectedCounts.contains(r) ? threshold : 1).isEmpty()) {
                    continue; // another pick of this round widened it already
                }
                if (pick == null) {
                    throw refused(n, "no published count is left to suppress, and the audit interval stays narrower than "
                            + (protectedCounts.contains(n) ? threshold : 1));
                }
                if (TRACE) {
                    System.err.printf("suppression %s: %s narrow, suppress %s%n", t.label, n, pick);
                }
                suppress(pick, RULE);
                touched.addAll(rels);
                touched.addAll(audit.relationsOf(pick));
                progress = true;
            }
            if (!progress) {
                throw new IllegalStateException("tables " + t.label + ": secondary suppression made no progress");
            }
        }
    }

    private DisclosureRefused refused(CountRef key, String why) {
        CountRef ref = t.refOf.get(key);
        if (ref != null) {
            return new DisclosureRefused(t.tableOf.get(key), ref.name(), ref.geoCode(), ref.period(), why);
        }
        String earlier = t.earlierSuppressed.get(key);
        return new DisclosureRefused(earlier == null ? "(an area no table shows)" : "(suppressed by " + earlier + ")",
                key.name(), key.geoCode(), key.period(), why);
    }

    Map<CountRef, String> secondary() {
        return secondary;
    }

    int rounds() {
        return rounds;
    }

    int programsSolved() {
        return audit.programsSolved();
    }

    int localProgramsSolved() {
        return audit.localProgramsSolved();
    }

    /** Counts shown again after a suppression turned out to protect nothing: never suppressed again. */
    private final Set<CountRef> neverPick = new HashSet<>();

    private void release(CountRef r) {
        if (TRACE) {
            System.err.printf("suppression %s: %s is pinned by published counts: shown again%n", t.label, r);
        }
        suppressed.remove(r);
        protectedCounts.remove(r);
        secondary.remove(r);
        neverPick.add(r);
    }

    private void suppress(CountRef r, String rule) {
        suppressed.add(r);
        protectedCounts.add(r);
        notExact.remove(r);
        secondary.put(r, rule);
    }

    private void closeSingletons() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Relation rel : t.relations()) {
                if (rel.type() != Relation.Type.SUM) {
                    continue;
                }
                CountRef only = null;
                int hiddenMembers = 0;
                for (CountRef m : members(rel)) {
                    if (hidden(m)) {
                        hiddenMembers++;
                        only = m;
                    }
                }
                if (hiddenMembers == 1 && (protectedCounts.contains(only) || unsafeUnreleased.contains(only))) {
                    CountRef pick = cheapestPublished(List.of(rel));
                    if (pick != null) {
                        suppress(pick, RULE);
                        changed = true;
                    }
                }
            }
        }
    }

    /**
     * The count to suppress for narrow n. First the published counts the audit found would widen n's interval
     * ({@code widening}: count → first-order gain), the Netherlands left out: those in n's SUM relations, else
     * its AT_MOST relations, else any; a gain of at least T before the cheapest. Without such counts (only the
     * Netherlands would help, or a degenerate optimum): the cheapest published member of n's SUM relations, else
     * AT_MOST relations, else its component's relations — the closure then completes a pick that alone is not
     * enough, and the Netherlands stays a last resort.
     */
    private CountRef candidate(CountRef n, Map<CountRef, Double> widening) {
        List<Relation> sums = new ArrayList<>();
        List<Relation> atMost = new ArrayList<>();
        for (int ri : audit.relationsOf(n)) {
            Relation r = t.relations().get(ri);
            (r.type() == Relation.Type.SUM ? sums : atMost).add(r);
        }
        // Other picks of this round may have hidden some of them already.
        Map<CountRef, Double> open = new HashMap<>(widening);
        open.keySet().removeIf(c -> hidden(c) || t.isCountry(c) || !t.isCandidate(c) || neverPick.contains(c));
        if (!open.isEmpty()) {
            Comparator<CountRef> best = Comparator.<CountRef, Boolean>comparing(c -> open.get(c) < threshold)
                    .thenComparing(cheapest);
            for (List<Relation> own : List.of(sums, atMost)) {
                CountRef pick = own.stream().flatMap(r -> members(r).stream()).filter(open::containsKey)
                        .min(best).orElse(null);
                if (pick != null) {
                    return pick;
                }
            }
            return open.keySet().stream().min(best).orElseThrow();
        }
        CountRef pick = cheapestPublished(sums);
        if (pick == null) {
            pick = cheapestPublished(atMost);
        }
        if (pick == null) {
            List<Relation> around = new ArrayList<>();
            for (CountRef v : audit.component(n, this::hidden)) {
                for (int ri : audit.relationsOf(v)) {
                    around.add(t.relations().get(ri));
                }
            }
            pick = cheapestPublished(around);
        }
        return pick;
    }

    private CountRef cheapestPublished(List<Relation> rels) {
        CountRef best = null;
        for (Relation rel : rels) {
            for (CountRef m : members(rel)) {
                if (!hidden(m) && t.isCandidate(m) && !neverPick.contains(m) && (best == null || cheapest.compare(m, best) < 0)) {
                    best = m;
                }
            }
        }
        return best;
    }

    private static List<CountRef> members(Relation r) {
        List<CountRef> m = new ArrayList<>(r.parts().size() + 1);
        m.add(r.total());
        m.addAll(r.parts());
        return m;
    }
}
