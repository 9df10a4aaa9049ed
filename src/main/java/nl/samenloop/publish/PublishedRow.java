package nl.samenloop.publish;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import nl.samenloop.disclosure.Decision;
import nl.samenloop.disclosure.ProtectedCell;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.disclosure.Status;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CountRef;

/**
 * The numbers of one row exactly as every writer may print them: null means "print {@code .}".
 * This is the single place that decides what is shown, so the CSV, the workbook and the charts cannot
 * disagree, and it cross-checks the row against the count decisions: a number the protected cell
 * offers while its count's decision says it is suppressed is a bug upstream, and the package is refused
 * rather than printed (spec disclosure.md: never a count the rules suppress, in no file).
 * The value is rounded to one decimal here (half up) so the workbook stores what the CSV prints.
 */
public record PublishedRow(ProtectedCell source, Long numerator, Long denominator, BigDecimal value) {

    public Cell cell() {
        return source.cell();
    }

    public Status status() {
        return source.status();
    }

    public static PublishedRow of(ProtectedTable table, ProtectedCell pc) {
        Cell c = pc.cell();
        Map<CountRef, Decision> decisions = table.decisions();
        Long num = checkedCount(table, pc, c.numeratorRef(), pc.numerator(), decisions);
        Long den = checkedCount(table, pc, c.denominatorRef(), pc.denominator(), decisions);
        BigDecimal value = null;
        if (pc.value() != null) {
            if (!pc.status().shown()) {
                throw refuse(table, pc, "offers a value although its status is " + pc.status());
            }
            for (CountRef ref : c.refs()) {
                Decision d = decisions.get(ref);
                if (d != null && !d.status().shown()) {
                    throw refuse(table, pc, "offers a value that rests on suppressed count " + ref.name()
                            + "|" + ref.geoCode() + "|" + ref.period() + " (" + d.status() + ")");
                }
            }
            if (pc.value().isNaN() || pc.value().isInfinite()) {
                throw refuse(table, pc, "offers a value that is not a finite number");
            }
            value = BigDecimal.valueOf(pc.value()).setScale(1, RoundingMode.HALF_UP);
        }
        return new PublishedRow(pc, num, den, value);
    }

    private static Long checkedCount(ProtectedTable table, ProtectedCell pc, CountRef ref, Long offered,
                                     Map<CountRef, Decision> decisions) {
        if (offered == null) {
            return null;
        }
        Decision d = decisions.get(ref);
        if (d != null && !d.status().shown()) {
            throw refuse(table, pc, "offers count " + ref.name() + " although its decision is " + d.status());
        }
        return offered;
    }

    // The message names the row, never a number: it may end up in a log (docs/HELPERS.md).
    private static IllegalStateException refuse(ProtectedTable table, ProtectedCell pc, String what) {
        Cell c = pc.cell();
        return new IllegalStateException("table " + table.source().name() + ", row " + c.measure() + " / "
                + c.geoCode() + " / " + c.period() + " " + what + "; refusing to write the package");
    }
}
