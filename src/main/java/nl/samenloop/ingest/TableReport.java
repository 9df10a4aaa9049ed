package nl.samenloop.ingest;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Data-quality counts of one table (spec data-layout.md "Bad input": counts per reason). The
 * reconciliation identity is {@code read = accepted + Σ rejected + mergedRepeats}: every record read is
 * accepted, rejected for one reason, or merged into a later year's record of the same spell.
 * {@code stagedRows}/{@code rejectRows} are counted as the rows go into the writers (observed on the written
 * datasets, not read back), so a PASS also says the writers got exactly what was classified.
 *
 * @param presentOptional  optional columns present: canonical (verwijzer) → source name (JGDHVERWIJZER)
 * @param absentOptional   optional columns absent from every file, canonical → source name, so later
 *                         stages can say "needs JGDHVERWIJZER"
 * @param notLinkable      JGD tables: accepted records with RINPERSOONS ≠ 'R' (kept, linkable=false);
 *                         GBA tables: records rejected as NOT_LINKABLE
 * @param latestSourceYear year of the latest yearly file, null when no file is yearly
 * @param latestDate       latest begin/end date among accepted spells (data horizon with unsplit input)
 * @param expectedStagedRows accepted records (× classification years for VSLGWBTAB's long form)
 */
public record TableReport(String table, boolean present, List<String> files, List<String> versionChoices,
        List<String> notes, Map<String, String> presentOptional, Map<String, String> absentOptional, long read, long accepted,
        Map<Reason, Long> rejected, long mergedRepeats, long notLinkable, Integer latestSourceYear,
        LocalDate latestDate, long expectedStagedRows, long stagedRows, long rejectRows) implements java.io.Serializable {

    public TableReport {
        files = List.copyOf(files);
        versionChoices = List.copyOf(versionChoices);
        notes = List.copyOf(notes);
        presentOptional = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(presentOptional));
        absentOptional = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(absentOptional));
        EnumMap<Reason, Long> r = new EnumMap<>(Reason.class);
        for (Reason x : Reason.values()) {
            r.put(x, rejected.getOrDefault(x, 0L));
        }
        rejected = java.util.Collections.unmodifiableMap(r);
    }

    static TableReport absent(String table, Map<String, String> optional) {
        return new TableReport(table, false, List.of(), List.of(), List.of("table absent (optional)"), Map.of(),
                optional, 0, 0, Map.of(), 0, 0, null, null, 0, 0, 0);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejected(Reason r) {
        return rejected.get(r);
    }

    /** read = accepted + rejected + merged repeats, and the written datasets hold those counts. */
    public boolean reconciles() {
        return read == accepted + rejectedTotal() + mergedRepeats
                && stagedRows == expectedStagedRows
                && rejectRows == rejectedTotal();
    }

    public String identity() {
        return String.format("read %,d = accepted %,d + rejected %,d + merged repeats %,d; staged rows written %,d "
                + "(expected %,d); reject rows written %,d → %s", read, accepted, rejectedTotal(), mergedRepeats,
                stagedRows, expectedStagedRows, rejectRows, reconciles() ? "PASS" : "FAIL");
    }
}
