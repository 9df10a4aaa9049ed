package nl.samenloop.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What ingest did, per table, and what later stages need to know: which optional columns exist, the
 * latest yearly file (spec indicators.md: the default data horizon is 31 December of that year) and
 * the latest date seen (the horizon with unsplit input).
 */
public record IngestReport(Map<String, TableReport> tables) implements java.io.Serializable {
    public IngestReport {
        tables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tables));
    }

    public TableReport table(String name) {
        return tables.get(name);
    }

    /** True when every table reconciles (see {@link TableReport#reconciles()}). */
    public boolean passed() {
        return tables.values().stream().allMatch(TableReport::reconciles);
    }

    /** Year of the latest yearly trajectory file (JGD tables), or null when none is yearly. */
    public Integer latestYearlyFileYear() {
        return List.of(Staging.JEUGDHULP, Staging.BESCHERMING, Staging.RECLASSERING).stream()
                .map(tables::get).filter(t -> t != null && t.latestSourceYear() != null)
                .map(TableReport::latestSourceYear).max(Integer::compare).orElse(null);
    }

    /** Latest begin/end date of any accepted trajectory or measure, or null. */
    public LocalDate latestTrajectoryDate() {
        return List.of(Staging.JEUGDHULP, Staging.BESCHERMING, Staging.RECLASSERING).stream()
                .map(tables::get).filter(t -> t != null && t.latestDate() != null)
                .map(TableReport::latestDate).max(LocalDate::compareTo).orElse(null);
    }

    /** Whether an optional source column (canonical name, e.g. "verwijzer") is present for a table. */
    public boolean hasOptional(String table, String canonical) {
        TableReport t = tables.get(table);
        return t != null && t.presentOptional().containsKey(canonical);
    }
}
