package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.List;
import nl.samenloop.indicators.CellTable;

/**
 * The disclosure-control stage (spec disclosure.md): for each table, primary rules, the ledger check,
 * secondary suppression proven by the audit, rounding, and the rows as they may be published. Returns
 * only when every suppressed count of every table has an audit interval of width ≥ T; otherwise throws
 * {@link DisclosureRefused} (naming table, count and period, never a value) and nothing may be written.
 *
 * <p>Relations are per table: a count's identity ({@link nl.samenloop.indicators.CountRef}) is only
 * defined within one table. The ledger is only read here; call {@link Ledger#record} once the package is
 * actually released.
 */
public final class Disclosure {
    private Disclosure() {
    }

    public static List<ProtectedTable> protect(List<CellTable> tables, Profile profile, Ledger ledger,
                                               String populationSignature) {
        TableProtector p = new TableProtector(profile, ledger == null ? Ledger.inMemory() : ledger, populationSignature);
        List<ProtectedTable> out = new ArrayList<>();
        for (CellTable t : tables) {
            out.add(p.protect(t));
        }
        return out;
    }

    public static ProtectedTable protect(CellTable table, Profile profile, Ledger ledger, String populationSignature) {
        return protect(List.of(table), profile, ledger, populationSignature).get(0);
    }

    /** What the output check and run report print: suppressions by status and rule, verdict, intervals. */
    public static DisclosureSummary summarize(List<ProtectedTable> tables, Profile profile) {
        return DisclosureSummary.of(tables, profile);
    }
}
