package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The audit solves its components side by side: the answers must not depend on how many threads did it, nor
 * on which finished first. Many independent two-way tables with totals (components of every size, some large
 * enough for the aggregate objectives), a random set of hidden cells, asked on 1 and on 4 threads.
 */
class ParallelAuditProperties {
    @Property(tries = 25)
    void theSameAnswersOnOneAndOnFourThreads(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<Relation> relations = new ArrayList<>();
        Map<CountRef, Double> values = new HashMap<>();
        Set<CountRef> hidden = new HashSet<>();
        int tables = 3 + rnd.nextInt(12);
        for (int t = 0; t < tables; t++) {
            int rows = 2 + rnd.nextInt(t % 4 == 0 ? 12 : 4);
            int cols = 2 + rnd.nextInt(t % 4 == 0 ? 8 : 4);
            CountRef[][] cell = new CountRef[rows + 1][cols + 1];
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= cols; j++) {
                    cell[i][j] = new CountRef("t" + t, "GM" + (1000 + i), "P" + j);
                }
            }
            double grand = 0;
            double[] colTotal = new double[cols];
            for (int i = 0; i < rows; i++) {
                double rowTotal = 0;
                List<CountRef> parts = new ArrayList<>();
                for (int j = 0; j < cols; j++) {
                    double v = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40);
                    values.put(cell[i][j], v);
                    rowTotal += v;
                    colTotal[j] += v;
                    parts.add(cell[i][j]);
                    if (rnd.nextInt(3) == 0) {
                        hidden.add(cell[i][j]);
                    }
                }
                values.put(cell[i][cols], rowTotal);
                grand += rowTotal;
                relations.add(Relation.sum(cell[i][cols], parts));
            }
            for (int j = 0; j < cols; j++) {
                List<CountRef> parts = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    parts.add(cell[i][j]);
                }
                values.put(cell[rows][j], colTotal[j]);
                relations.add(Relation.sum(cell[rows][j], parts));
            }
            values.put(cell[rows][cols], grand);
        }
        Set<CountRef> targets = new HashSet<>(hidden);
        Map<String, Object> one = ask(relations, values, hidden, targets, 1);
        Map<String, Object> four = ask(relations, values, hidden, targets, 4);
        assertEquals(one, four, "seed " + seed);
        assertFalse(((Map<?, ?>) one.get("intervals")).isEmpty() && !hidden.isEmpty(), "seed " + seed);
    }

    private static Map<String, Object> ask(List<Relation> relations, Map<CountRef, Double> values,
                                           Set<CountRef> hidden, Set<CountRef> targets, int threads) {
        Audit audit = new Audit("t", relations, values, null).threads(threads);
        Map<String, Object> out = new TreeMap<>();
        out.put("narrow", audit.narrow(hidden::contains, targets, 10));
        out.put("intervals", new TreeMap<>(audit.intervals(hidden::contains, targets)));
        return out;
    }
}
