package nl.samenloop.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.disclosure.Decision;
import nl.samenloop.disclosure.ProtectedCell;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.disclosure.Status;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.GeoLevel;

/**
 * A hand-built protected I2 table: region JR01 "Regio Test, Zuid" (a comma, to exercise CSV quoting)
 * with municipalities GM0001 Aastad, GM0002 Beedorp, GM0003 Ceeveen, the unknown municipality, and the
 * Netherlands; periods 2019HJ01 and 2019HJ02. Rows are given municipalities first, so the workbook's
 * geography order (Netherlands, region, municipalities, Onbekend) must come from GeographyOrder.
 *
 * <pre>
 * geo     period    WIJKTEAM POPULATION  row status       shown num / den / value
 * GM0001  2019HJ01      100        500   SAFE             100 / 500 / 20.0
 * GM0002  2019HJ01        7        300   PRIMARY          .   / 300 / .      (7 &lt; T)
 * GM0003  2019HJ01       90        200   SECONDARY        .   / 200 / .
 * GM----  2019HJ01       12         40   SAFE             12  / 40  / 30.0
 * JR01    2019HJ01      197       1000   SAFE             197 / 1000 / 19.7
 * NL01    2019HJ01    19700     100000   SAFE             19700 / 100000 / 19.7
 * GM0001  2019HJ02      120        520   SAFE             120 / 520 / 23.1  (23.0769…)
 * GM0002  2019HJ02       45        280   DERIVED          45  / .   / .      (denominator SECONDARY)
 * GM0003  2019HJ02       38        150   NOT_OBSERVABLE   .   / .   / .
 * GM----  2019HJ02       14         44   ROUNDED          15  / 45  / 31.8  (rounded to 5; 31.818…)
 * JR01    2019HJ02      203        950   SAFE             203 / 950 / 21.4  (21.368…)
 * NL01    2019HJ02    20000     100000   SAFE             20000 / 100000 / 20.0
 * </pre>
 * Decisions: 24 counts; SAFE 17, PRIMARY 1 (MIN_PERSONS), SECONDARY 2 (SECONDARY), NOT_OBSERVABLE 2
 * (DATA_HORIZON), ROUNDED 2 (ROUND).
 */
final class Fixture {
    static final String P1 = "2019HJ01";
    static final String P2 = "2019HJ02";
    static final Instant CREATED = Instant.parse("2026-11-25T02:00:00Z");

    private Fixture() {
    }

    static PackageInfo info() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("profile", "cbs-microdata");
        rules.put("min_persons", "10");
        rules.put("zero_is_safe", "false");
        rules.put("round_to", "5");
        return new PackageInfo("wijkteam-rijnmond", "Wijkteam share of youth, Regio Test", CREATED,
                "JGDHULPBUS 2019 (synthetic test data)", 2019, LocalDate.parse("2019-12-31"), rules,
                "PASS: every suppressed cell's interval is at least 10 wide", List.of("Test package."));
    }

    static ProtectedTable table() {
        List<ProtectedCell> rows = new ArrayList<>();
        Map<CountRef, Decision> decisions = new LinkedHashMap<>();
        Builder b = new Builder(rows, decisions);
        b.row(GeoLevel.MUNICIPALITY, "GM0001", "Aastad", P1, 100, 500, Status.SAFE, Status.SAFE, Status.SAFE);
        b.row(GeoLevel.MUNICIPALITY, "GM0002", "Beedorp", P1, 7, 300, Status.PRIMARY, Status.PRIMARY, Status.SAFE);
        b.row(GeoLevel.MUNICIPALITY, "GM0003", "Ceeveen", P1, 90, 200, Status.SECONDARY, Status.SECONDARY, Status.SAFE);
        b.row(GeoLevel.MUNICIPALITY, GeoLevel.UNKNOWN, "onbekende gemeente", P1, 12, 40, Status.SAFE, Status.SAFE, Status.SAFE);
        b.row(GeoLevel.REGION, "JR01", "Regio Test, Zuid", P1, 197, 1000, Status.SAFE, Status.SAFE, Status.SAFE);
        b.row(GeoLevel.COUNTRY, GeoLevel.NETHERLANDS, "Nederland", P1, 19700, 100000, Status.SAFE, Status.SAFE, Status.SAFE);
        b.row(GeoLevel.MUNICIPALITY, "GM0001", "Aastad", P2, 120, 520, Status.SAFE, Status.SAFE, Status.SAFE);
        b.row(GeoLevel.MUNICIPALITY, "GM0002", "Beedorp", P2, 45, 280, Status.DERIVED, Status.SAFE, Status.SECONDARY);
        b.row(GeoLevel.MUNICIPALITY, "GM0003", "Ceeveen", P2, 38, 150, Status.NOT_OBSERVABLE, Status.NOT_OBSERVABLE,
                Status.NOT_OBSERVABLE);
        b.row(GeoLevel.MUNICIPALITY, GeoLevel.UNKNOWN, "onbekende gemeente", P2, 14, 44, Status.ROUNDED, Status.ROUNDED,
                Status.ROUNDED);
        b.row(GeoLevel.REGION, "JR01", "Regio Test, Zuid", P2, 203, 950, Status.SAFE, Status.SAFE, Status.SAFE);
        b.row(GeoLevel.COUNTRY, GeoLevel.NETHERLANDS, "Nederland", P2, 20000, 100000, Status.SAFE, Status.SAFE, Status.SAFE);

        List<Relation> relations = new ArrayList<>();
        for (String p : List.of(P1, P2)) {
            for (String name : List.of("WIJKTEAM", "POPULATION")) {
                relations.add(Relation.sum(new CountRef(name, "JR01", p), List.of(new CountRef(name, "GM0001", p),
                        new CountRef(name, "GM0002", p), new CountRef(name, "GM0003", p))));
            }
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("definitie", "aandeel jeugdigen met wijkteamhulp in de bevolking van 0 tot en met 22 jaar");
        List<Cell> cells = rows.stream().map(ProtectedCell::cell).toList();
        CellTable source = new CellTable("i2_wijkteam", "I2", "Jeugdigen met wijkteamhulp (%)", cells, relations, notes);
        return new ProtectedTable(source, rows, decisions);
    }

    /** The true values of the suppressed counts, as the secure working copy would hand them to the scanner. */
    static List<PackageScanner.SuppressedCount> suppressed() {
        return List.of(
                new PackageScanner.SuppressedCount(new CountRef("WIJKTEAM", "GM0002", P1), 7),
                new PackageScanner.SuppressedCount(new CountRef("WIJKTEAM", "GM0003", P1), 90),
                new PackageScanner.SuppressedCount(new CountRef("POPULATION", "GM0002", P2), 280),
                new PackageScanner.SuppressedCount(new CountRef("WIJKTEAM", "GM0003", P2), 38),
                new PackageScanner.SuppressedCount(new CountRef("POPULATION", "GM0003", P2), 150));
    }

    private record Builder(List<ProtectedCell> rows, Map<CountRef, Decision> decisions) {
        void row(GeoLevel level, String code, String name, String period, long num, long den, Status rowStatus,
                 Status numStatus, Status denStatus) {
            Cell c = Cell.share("WIJKTEAM", level, code, name, period, new Count("WIJKTEAM", num, num),
                    new Count("POPULATION", den, den), true);
            Long shownNum = shown(num, numStatus);
            Long shownDen = shown(den, denStatus);
            decisions.put(c.numeratorRef(), decision(c.numeratorRef(), numStatus, shownNum));
            decisions.put(c.denominatorRef(), decision(c.denominatorRef(), denStatus, shownDen));
            Double value = rowStatus.shown() ? c.value() : null;
            if (rowStatus == Status.ROUNDED) {
                value = 100.0 * num / den; // rounding applies to counts; the value stays the unrounded share
            }
            rows.add(new ProtectedCell(c, rowStatus, ruleOf(rowStatus), shownNum, shownDen, value));
        }

        private static Long shown(long v, Status s) {
            if (s == Status.ROUNDED) {
                return 5 * Math.round(v / 5.0);
            }
            return s.shown() ? v : null;
        }

        private static Decision decision(CountRef ref, Status s, Long shown) {
            boolean suppressed = !s.shown();
            return new Decision(ref, s, ruleOf(s), shown, suppressed ? 0.0 : null, suppressed ? 40.0 : null);
        }

        private static String ruleOf(Status s) {
            return switch (s) {
                case PRIMARY -> "MIN_PERSONS";
                case SECONDARY -> "SECONDARY";
                case NOT_OBSERVABLE -> "DATA_HORIZON";
                case ROUNDED -> "ROUND";
                case DERIVED -> "DERIVED";
                default -> "NONE";
            };
        }
    }
}
