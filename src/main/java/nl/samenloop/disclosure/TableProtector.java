package nl.samenloop.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * Disclosure control for one release: primary rules → secondary suppression with audit → rounding → rows,
 * over all tables of the package and the earlier releases of the same data at once ({@link TableCounts}).
 *
 * <p>Rounding happens after suppression (spec disclosure.md "Published counts can be rounded … after
 * suppression"). The audit's linear programs use the unrounded published values: a reader of a rounded
 * package knows less than that, so the intervals are conservative (never wider than what a reader can
 * actually derive).
 */
final class TableProtector {
    static final String UNRELEASED = "UNRELEASED";
    /** Rule of a count the primary rules suppress but an earlier release already showed: nothing left to protect. */
    static final String PUBLISHED_BEFORE = "PUBLISHED_BEFORE";

    private final Profile profile;
    private final PrimarySuppression primaryRules;

    /** Statistics of the last release, for the benchmark and the summary. */
    int lastRounds;
    int lastPrograms;
    int lastEarlierTargets;
    int lastLocalPrograms;
    /** Wall time of each step of the last release, in order (for the benchmark). */
    final Map<String, Long> lastStepMillis = new LinkedHashMap<>();

    TableProtector(Profile profile) {
        this.profile = profile;
        this.primaryRules = new PrimarySuppression(profile);
    }

    /** One table, without earlier releases. */
    ProtectedTable protect(CellTable table) {
        return protect(List.of(table), History.none()).tables().get(0);
    }

    Disclosure.Release protect(List<CellTable> tables, History history) {
        lastStepMillis.clear();
        long t0 = System.nanoTime();
        TableCounts t = new TableCounts(tables, history);
        long t1 = System.nanoTime();
        lastStepMillis.put("canonical counts and relations (areas into atoms, pools into periods)", (t1 - t0) / 1_000_000);
        Map<CountRef, String> primary = primaryRules.unsafe(t);
        Map<CountRef, String> publishedBefore = new TreeMap<>();
        primary.keySet().removeIf(k -> {
            if (t.isKnown(k)) {
                publishedBefore.put(k, primary.get(k));
                return true;
            }
            return false;
        });
        Map<CountRef, String> forced = new TreeMap<>();
        for (CountRef k : t.earlierSuppressed.keySet()) {
            if (t.isCandidate(k) && !primary.containsKey(k)) {
                forced.put(k, SecondarySuppression.EARLIER);
            }
        }
        Set<CountRef> earlierTargets = earlierTargets(t, primary, forced);
        SecondarySuppression secondary = new SecondarySuppression(t, profile.threshold(), primary, forced,
                earlierTargets, primaryRules.unsafeUnreleased(t));
        long t2 = System.nanoTime();
        lastStepMillis.put("primary rules and differencing", (t2 - t1) / 1_000_000);
        Map<CountRef, Interval> intervals = secondary.run();
        lastStepMillis.put("secondary suppression and audit (" + secondary.rounds() + " rounds)",
                (System.nanoTime() - t2) / 1_000_000);
        lastRounds = secondary.rounds();
        lastPrograms = secondary.programsSolved();
        lastLocalPrograms = secondary.localProgramsSolved();
        lastEarlierTargets = earlierTargets.size();

        Map<CountRef, Decision> byKey = new TreeMap<>();
        for (Map.Entry<CountRef, Count> e : t.counts.entrySet()) {
            CountRef k = e.getKey();
            byKey.put(k, decide(t, k, e.getValue(), primary, publishedBefore, secondary.secondary(), intervals.get(k)));
        }
        Map<CountRef, Interval> earlier = new TreeMap<>();
        for (CountRef k : earlierTargets) {
            if (!t.counts.containsKey(k) && intervals.containsKey(k)) {
                earlier.put(k, intervals.get(k));
            }
        }
        return assemble(t, byKey, earlier, lastRounds, lastPrograms);
    }

    /**
     * The release made of one decision per canonical key: each table's decisions and released rows. Used by
     * {@link #protect} and to take up a protection decided earlier ({@link Disclosure#reassemble}).
     */
    static Disclosure.Release assemble(TableCounts t, Map<CountRef, Decision> byKey, Map<CountRef, Interval> earlier,
                                       int rounds, int programs) {
        List<CellTable> tables = t.tables;
        List<ProtectedTable> out = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            CellTable table = tables.get(i);
            Map<CountRef, CountRef> keys = t.keyOf.get(i);
            Map<CountRef, Decision> decisions = new LinkedHashMap<>();
            for (CountRef r : new TreeSet<>(keys.keySet())) {
                Decision d = byKey.get(keys.get(r));
                decisions.put(r, new Decision(r, d.status(), d.rule(), d.shownValue(), d.auditLower(), d.auditUpper()));
            }
            List<ProtectedCell> rows = new ArrayList<>();
            for (Cell c : table.cells()) {
                if (c.released()) {
                    rows.add(row(c, decisions));
                }
            }
            out.add(new ProtectedTable(table, rows, decisions));
        }
        return new Disclosure.Release(out, t.keyOf, byKey, t.counts, t.ownRelations, ownGeoSets(t), t.history,
                earlier, rounds, programs);
    }

    /** The geography sets of this release's own keys (what the register must know to decompose them later). */
    private static Map<String, List<String>> ownGeoSets(TableCounts t) {
        Map<String, List<String>> out = new TreeMap<>();
        for (CountRef k : t.counts.keySet()) {
            List<String> m = t.geoSets.get(k.geoCode());
            if (m != null) {
                out.put(k.geoCode(), m);
            }
        }
        return out;
    }

    /**
     * The counts earlier releases suppressed whose intervals this release can change: those connected, through
     * relations among counts a reader does not see, to a relation this release adds or to a count it would newly
     * publish. Hiding more only widens intervals, so the others keep the intervals already proven for them.
     */
    private static Set<CountRef> earlierTargets(TableCounts t, Map<CountRef, String> primary, Map<CountRef, String> forced) {
        if (t.earlierSuppressed.isEmpty()) {
            return Set.of();
        }
        Map<CountRef, List<Relation>> byKey = new HashMap<>();
        List<Relation> start = new ArrayList<>();
        for (Relation r : t.relations()) {
            boolean changed = t.newRelations.contains(Canonical.text(r));
            for (CountRef m : members(r)) {
                byKey.computeIfAbsent(m, x -> new ArrayList<>()).add(r);
                changed |= t.isCandidate(m) && !primary.containsKey(m) && !forced.containsKey(m);
            }
            if (changed) {
                start.add(r);
            }
        }
        Set<CountRef> seen = new HashSet<>();
        ArrayDeque<CountRef> queue = new ArrayDeque<>();
        for (Relation r : start) {
            for (CountRef m : members(r)) {
                if (hiddenAtStart(t, m, primary, forced) && seen.add(m)) {
                    queue.add(m);
                }
            }
        }
        Set<CountRef> out = new TreeSet<>();
        while (!queue.isEmpty()) {
            CountRef v = queue.poll();
            if (t.earlierSuppressed.containsKey(v)) {
                out.add(v);
            }
            for (Relation r : byKey.getOrDefault(v, List.of())) {
                for (CountRef m : members(r)) {
                    if (hiddenAtStart(t, m, primary, forced) && seen.add(m)) {
                        queue.add(m);
                    }
                }
            }
        }
        return out;
    }

    private static boolean hiddenAtStart(TableCounts t, CountRef k, Map<CountRef, String> primary, Map<CountRef, String> forced) {
        return !t.isKnown(k) && (!t.isPublishable(k) || primary.containsKey(k) || forced.containsKey(k));
    }

    private static List<CountRef> members(Relation r) {
        List<CountRef> m = new ArrayList<>(r.parts().size() + 1);
        m.add(r.total());
        m.addAll(r.parts());
        return m;
    }

    private Decision decide(TableCounts t, CountRef r, Count c, Map<CountRef, String> primary,
                            Map<CountRef, String> publishedBefore, Map<CountRef, String> secondary, Interval iv) {
        Status preset = t.preset.get(r);
        if (preset != null) {
            return new Decision(r, preset, preset.name(), null, null, null);
        }
        if (primary.containsKey(r)) {
            return new Decision(r, Status.PRIMARY, primary.get(r), null, iv.lower(), iv.upper());
        }
        if (publishedBefore.containsKey(r)) {
            // The rules would suppress it, but an earlier release showed it: suppressed here too, nothing to prove.
            double v = c.value();
            return new Decision(r, Status.PRIMARY, PUBLISHED_BEFORE, null, v, v);
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
