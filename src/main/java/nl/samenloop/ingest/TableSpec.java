package nl.samenloop.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One table's column mapping: canonical column → source column name (matched case-insensitively), split
 * into required and optional columns (spec data-layout.md "Tables"). {@code yearColumnPrefix} is set for
 * VSLGWBTAB, whose {@code GEM<year>} columns are any subset of years.
 */
public record TableSpec(String table, boolean tableRequired, Map<String, String> required,
        Map<String, String> optional, String yearColumnPrefix) {
    public TableSpec {
        required = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(required));
        optional = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optional));
    }

    /** Source column name of a canonical column (required or optional). */
    public String source(String canonical) {
        String s = required.get(canonical);
        return s != null ? s : optional.get(canonical);
    }

    public Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>(required);
        m.putAll(optional);
        return m;
    }
}
