package nl.samenloop.disclosure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * The disclosure-control stage (spec disclosure.md): for each table, primary rules, the ledger check,
 * secondary suppression proven by the audit, rounding, and the rows as they may be published. Returns
 * only when every suppressed count of every table has an audit interval of width ≥ T; otherwise throws
 * {@link DisclosureRefused} (naming table, count and period, never a value) and nothing may be written.
 *
 * <p>One package, one reader: tables of the same indicator that share counts are protected together
 * (spec: "over all additive relations among the cells it releases together"). When their shared counts
 * agree, they are one problem — cells and relations pooled, one decision per count, one audit. When a
 * shared reference carries different numbers (two tables of one indicator for different populations, e.g.
 * two age ranges), they cannot be pooled: each later table is checked against the earlier ones as against
 * the ledger (a difference of fewer than T persons is LEDGER_DIFFERENCE), and a count suppressed in one
 * table is suppressed wherever the same count (same value) appears, repeated until nothing changes.
 *
 * <p>The ledger is only read here; call {@link Ledger#record} once the package is actually released.
 */
public final class Disclosure {
    private Disclosure() {
    }

    public static List<ProtectedTable> protect(List<CellTable> tables, Profile profile, Ledger ledger,
                                               String populationSignature) {
        Ledger history = ledger == null ? Ledger.inMemory() : ledger;
        ProtectedTable[] out = new ProtectedTable[tables.size()];
        TableProtector p = new TableProtector(profile, populationSignature);
        for (List<Integer> group : linkedGroups(tables)) {
            protectGroup(p, tables, group, profile, history, out);
        }
        return List.of(out);
    }

    private static void protectGroup(TableProtector p, List<CellTable> tables, List<Integer> group, Profile profile,
                                     Ledger history, ProtectedTable[] out) {
        if (group.size() == 1) {
            int i = group.get(0);
            out[i] = p.protect(tables.get(i), profile.ledgerCheck() ? history : null, Set.of());
        } else if (sharedCountsAgree(tables, group)) {
            protectJointly(p, tables, group, profile.ledgerCheck() ? history : null, out);
        } else {
            protectAgainstEachOther(p, tables, group, profile, history, out);
        }
    }

    public static ProtectedTable protect(CellTable table, Profile profile, Ledger ledger, String populationSignature) {
        return protect(List.of(table), profile, ledger, populationSignature).get(0);
    }

    /** What the output check and run report print: suppressions by status and rule, verdict, intervals. */
    public static DisclosureSummary summarize(List<ProtectedTable> tables, Profile profile) {
        return DisclosureSummary.of(tables, profile);
    }

    private static String indicator(CellTable t) {
        return t.indicator() == null || t.indicator().isBlank() ? t.name() : t.indicator();
    }

    /** Tables of one indicator that share a count reference, transitively; in input order. */
    static List<List<Integer>> linkedGroups(List<CellTable> tables) {
        int[] parent = new int[tables.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstOwner = new HashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            for (CountRef r : tables.get(i).counts().keySet()) {
                Integer j = firstOwner.putIfAbsent(indicator(tables.get(i)) + "\u0000" + r, i);
                if (j != null) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(groups.values());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static boolean sharedCountsAgree(List<CellTable> tables, List<Integer> group) {
        Map<CountRef, Count> seen = new HashMap<>();
        for (int i : group) {
            for (Map.Entry<CountRef, Count> e : tables.get(i).counts().entrySet()) {
                Count old = seen.putIfAbsent(e.getKey(), e.getValue());
                if (old != null && (old.value() != e.getValue().value() || old.persons() != e.getValue().persons())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Pools cells and relations into one table, protects it, and gives each table its rows and decisions back. */
    private static void protectJointly(TableProtector p, List<CellTable> tables, List<Integer> group, Ledger ledger,
                                       ProtectedTable[] out) {
        List<Cell> cells = new ArrayList<>();
        Set<Relation> relations = new LinkedHashSet<>();
        for (int i : group) {
            cells.addAll(tables.get(i).cells());
            relations.addAll(tables.get(i).relations());
        }
        CellTable first = tables.get(group.get(0));
        String name = group.stream().map(i -> tables.get(i).name()).collect(Collectors.joining("+"));
        ProtectedTable joint = p.protect(new CellTable(name, first.indicator(), first.title(), cells,
                new ArrayList<>(relations), first.notes()), ledger, Set.of());
        for (int i : group) {
            CellTable t = tables.get(i);
            Map<CountRef, Decision> decisions = new LinkedHashMap<>();
            for (CountRef r : new TreeSet<>(t.counts().keySet())) {
                decisions.put(r, joint.decisions().get(r));
            }
            List<ProtectedCell> rows = new ArrayList<>();
            for (Cell c : t.cells()) {
                if (c.released()) {
                    rows.add(TableProtector.row(c, decisions));
                }
            }
            out[i] = new ProtectedTable(t, rows, decisions);
        }
    }

    /**
     * Tables of one indicator whose shared references disagree: protect in order, each against the ledger plus
     * the counts the earlier tables publish, then suppress everywhere what is suppressed anywhere (same
     * reference and value); repeat until stable — the forced sets only grow, so this ends.
     */
    private static void protectAgainstEachOther(TableProtector p, List<CellTable> tables, List<Integer> group,
                                                Profile profile, Ledger history, ProtectedTable[] out) {
        Map<Integer, Set<CountRef>> forced = new HashMap<>();
        group.forEach(i -> forced.put(i, new TreeSet<>()));
        while (true) {
            List<Ledger.Entry> earlier = new ArrayList<>();
            for (int i : group) {
                Ledger l = profile.ledgerCheck() ? history.plus(earlier) : Ledger.inMemory().plus(earlier);
                out[i] = p.protect(tables.get(i), l, forced.get(i));
                earlier.addAll(Ledger.published(out[i], "table " + tables.get(i).name() + " of this package",
                        "this package", LocalDate.now()));
            }
            Set<String> suppressedAnywhere = new HashSet<>();
            for (int i : group) {
                Map<CountRef, Count> c = tables.get(i).counts();
                for (Decision d : out[i].decisions().values()) {
                    if (d.status() == Status.PRIMARY || d.status() == Status.SECONDARY) {
                        suppressedAnywhere.add(key(d.ref(), c.get(d.ref())));
                    }
                }
            }
            boolean changed = false;
            for (int i : group) {
                Map<CountRef, Count> c = tables.get(i).counts();
                for (Decision d : out[i].decisions().values()) {
                    if (d.shownValue() != null && suppressedAnywhere.contains(key(d.ref(), c.get(d.ref())))) {
                        changed |= forced.get(i).add(d.ref());
                    }
                }
            }
            if (!changed) {
                return;
            }
        }
    }

    private static String key(CountRef r, Count c) {
        return r + "\u0000" + c.value() + "\u0000" + c.persons();
    }
}
