package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.samenloop.indicators.CountRef;

/**
 * A printable account of disclosure control over a package, for {@code output-check.md} (spec
 * disclosure.md "Package contents": how many cells were suppressed and why, the audit verdict). Counts
 * decisions (one per distinct count) and rows; holds no value of a suppressed count. Interval widths are
 * what the public audit file shows anyway.
 *
 * @param countsByStatus  decisions per status over all tables (unreleased safe counts under {@code unreleasedCounts})
 * @param suppressedByRule PRIMARY/SECONDARY decisions per rule (MIN_PERSONS, ZERO, COMPLEMENT, LEDGER_DIFFERENCE, SECONDARY)
 * @param rowsByStatus    published rows per status
 * @param verdict         PASS when every suppressed count's interval is at least T wide, else FAIL
 * @param narrowest       the suppressed count with the narrowest interval (null when nothing is suppressed)
 * @param widest          the suppressed count with the widest interval
 */
public record DisclosureSummary(String profile, int threshold, Map<Status, Integer> countsByStatus,
                                int unreleasedCounts, Map<String, Integer> suppressedByRule,
                                Map<Status, Integer> rowsByStatus, String verdict,
                                Located narrowest, Located widest) {

    /** An interval with the table and count it belongs to. */
    public record Located(String table, CountRef ref, Interval interval) {
        @Override
        public String toString() {
            return table + " " + ref + " width " + Interval.format(interval.width()) + " " + interval;
        }
    }

    public static DisclosureSummary of(List<ProtectedTable> tables, Profile profile) {
        Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        Map<String, Integer> byRule = new TreeMap<>();
        Map<Status, Integer> rows = new EnumMap<>(Status.class);
        int unreleased = 0;
        boolean pass = true;
        Located narrow = null;
        Located wide = null;
        for (ProtectedTable t : tables) {
            for (Decision d : t.decisions().values().stream().sorted((a, b) -> a.ref().compareTo(b.ref())).toList()) {
                if (TableProtector.UNRELEASED.equals(d.rule())) {
                    unreleased++;
                    continue;
                }
                byStatus.merge(d.status(), 1, Integer::sum);
                if (d.status() == Status.PRIMARY || d.status() == Status.SECONDARY) {
                    byRule.merge(d.rule(), 1, Integer::sum);
                    if (TableProtector.PUBLISHED_BEFORE.equals(d.rule())) {
                        continue; // an earlier release showed it: suppressed here too, nothing left to prove
                    }
                    Interval iv = new Interval(d.auditLower(), d.auditUpper());
                    pass &= iv.atLeast(profile.threshold());
                    Located here = new Located(t.source().name(), d.ref(), iv);
                    if (narrow == null || iv.width() < narrow.interval().width()) {
                        narrow = here;
                    }
                    if (wide == null || iv.width() > wide.interval().width()) {
                        wide = here;
                    }
                }
            }
            for (ProtectedCell c : t.rows()) {
                rows.merge(c.status(), 1, Integer::sum);
            }
        }
        return new DisclosureSummary(profile.name(), profile.threshold(), byStatus, unreleased, byRule, rows,
                pass ? "PASS" : "FAIL", narrow, wide);
    }

    /** Plain lines for a report (markdown-friendly bullets). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("- profile: " + profile + " (threshold T = " + threshold + ")");
        out.add("- counts by status: " + countsByStatus + (unreleasedCounts > 0
                ? "; not released (audit only): " + unreleasedCounts : ""));
        out.add("- suppressed counts by rule: " + suppressedByRule);
        out.add("- published rows by status: " + rowsByStatus);
        out.add("- audit verdict: " + verdict + " (every suppressed count's interval at least " + threshold + " wide)");
        if (narrowest != null) {
            out.add("- narrowest interval: " + narrowest);
            out.add("- widest interval: " + widest);
        }
        return out;
    }
}
