package nl.samenloop.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run wrote: rows per file, injected faults per table and per file, and the counts of built-in
 * irregularities downstream tests reconcile against. Counts only: no keys, no record values. Also written
 * as {@code generator-manifest.json}.
 */
public record GenerationResult(
        GeneratorSpec spec,
        long persons,
        long addressObjects,
        long objectsMissingFromVslgwbtab,
        long objectsUnknownAllYears,
        long objectsUnknownOneYear,
        List<String> lowWijkteamMunicipalities2016,
        Map<String, Long> rowsPerFile,
        Map<String, Map<FaultType, Long>> faultsPerFile,
        Map<String, Map<FaultType, Long>> faultsPerTable,
        Map<String, Long> overlapCopiesPerFile,
        Map<String, Long> lateRecordsMissingFromV1) {

    public static final String MANIFEST = "generator-manifest.json";

    public long totalRows() {
        return rowsPerFile.values().stream().mapToLong(Long::longValue).sum();
    }

    public long faults(String table, FaultType t) {
        return faultsPerTable.getOrDefault(table, Map.of()).getOrDefault(t, 0L);
    }

    String toJson() {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"generator\": \"nl.samenloop.generate\",\n");
        b.append("  \"spec\": {");
        b.append("\"seed\": ").append(spec.seed());
        b.append(", \"youth\": ").append(spec.youth());
        b.append(", \"fromYear\": ").append(spec.fromYear());
        b.append(", \"toYear\": ").append(spec.toYear());
        b.append(", \"format\": \"").append(spec.format().extension).append('"');
        b.append(", \"splitPerYear\": ").append(spec.splitPerYear());
        b.append(", \"v2Year\": ").append(spec.v2Year());
        b.append(", \"faultRate\": ").append(spec.faultRate());
        b.append(", \"municipalities\": ").append(strings(spec.municipalities()));
        b.append(", \"lowWijkteam\": ").append(strings(spec.lowWijkteam()));
        b.append(", \"randomLowWijkteamShare\": ").append(spec.randomLowWijkteamShare());
        b.append(", \"wijkteamShare\": ").append(spec.wijkteamShare());
        b.append(", \"concurrentShare\": ").append(spec.concurrentShare());
        b.append(", \"followUpShare\": ").append(spec.followUpShare());
        b.append(", \"csvSeparator\": \"").append(spec.csvSeparator()).append('"');
        b.append(", \"csvCharset\": \"").append(spec.csvCharset().name()).append('"');
        b.append("},\n");
        b.append("  \"dataHorizon\": \"").append(spec.toYear()).append("-12-31\",\n");
        b.append("  \"persons\": ").append(persons).append(",\n");
        b.append("  \"addressObjects\": ").append(addressObjects).append(",\n");
        b.append("  \"objectsMissingFromVSLGWBTAB\": ").append(objectsMissingFromVslgwbtab).append(",\n");
        b.append("  \"objectsUnknownMunicipalityAllYears\": ").append(objectsUnknownAllYears).append(",\n");
        b.append("  \"objectsUnknownMunicipalityOneYear\": ").append(objectsUnknownOneYear).append(",\n");
        b.append("  \"lowWijkteamMunicipalities2016\": ").append(strings(lowWijkteamMunicipalities2016)).append(",\n");
        b.append("  \"faultsPerTable\": {");
        appendFaults(b, faultsPerTable, "    ");
        b.append("},\n  \"files\": {");
        int i = 0;
        for (Map.Entry<String, Long> e : rowsPerFile.entrySet()) {
            b.append(i++ == 0 ? "\n" : ",\n");
            b.append("    \"").append(e.getKey()).append("\": {\"rows\": ").append(e.getValue());
            Long copies = overlapCopiesPerFile.get(e.getKey());
            if (copies != null) {
                b.append(", \"overlappingSameHulpvormRecords\": ").append(copies);
            }
            Long late = lateRecordsMissingFromV1.get(e.getKey());
            if (late != null && late > 0) {
                b.append(", \"recordsOnlyInV2\": ").append(late);
            }
            Map<FaultType, Long> f = faultsPerFile.get(e.getKey());
            if (f != null) {
                b.append(", \"faults\": ").append(faultObject(f));
            }
            b.append('}');
        }
        b.append("\n  }\n}\n");
        return b.toString();
    }

    private static void appendFaults(StringBuilder b, Map<String, Map<FaultType, Long>> m, String indent) {
        int i = 0;
        for (Map.Entry<String, Map<FaultType, Long>> e : m.entrySet()) {
            b.append(i++ == 0 ? "\n" : ",\n");
            b.append(indent).append('"').append(e.getKey()).append("\": ").append(faultObject(e.getValue()));
        }
        b.append("\n  ");
    }

    private static String faultObject(Map<FaultType, Long> f) {
        StringBuilder b = new StringBuilder("{");
        int i = 0;
        for (FaultType t : FaultType.values()) {
            b.append(i++ == 0 ? "" : ", ").append('"').append(t.name()).append("\": ").append(f.getOrDefault(t, 0L));
        }
        return b.append('}').toString();
    }

    private static String strings(List<String> l) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(l.get(i)).append('"');
        }
        return b.append(']').toString();
    }

    /** Accumulates counts while the run streams chunks (single-threaded: the writer thread). */
    static final class Builder {
        private final GeneratorSpec spec;
        private final List<Generator.Sink> sinks;
        private final Geography geo;
        private final Map<String, Long> rows = new LinkedHashMap<>();
        private final long[][] faults;
        private final long[] late;
        private final long[] copies;
        private long persons;
        long objectMissing;
        long objectUnknownAll;
        long objectUnknownOne;

        Builder(GeneratorSpec spec, List<Generator.Sink> sinks, Geography geo) {
            this.spec = spec;
            this.sinks = sinks;
            this.geo = geo;
            this.faults = new long[sinks.size()][FaultType.values().length];
            this.late = new long[sinks.size()];
            this.copies = new long[sinks.size()];
        }

        void rows(String path, long n) {
            rows.put(path, n);
        }

        void add(Generator.Chunk c) {
            persons += c.persons;
            for (int s = 0; s < sinks.size(); s++) {
                for (int t = 0; t < FaultType.values().length; t++) {
                    faults[s][t] += c.faults[s][t];
                }
                late[s] += c.late[s];
                copies[s] += c.overlapCopies[s];
            }
        }

        GenerationResult build() {
            Map<String, Map<FaultType, Long>> perFile = new LinkedHashMap<>();
            Map<String, Map<FaultType, Long>> perTable = new LinkedHashMap<>();
            Map<String, Long> copyMap = new LinkedHashMap<>();
            Map<String, Long> lateMap = new LinkedHashMap<>();
            for (int s = 0; s < sinks.size(); s++) {
                Generator.Sink sink = sinks.get(s);
                if (sink.careTable() < 0) {
                    continue;
                }
                Map<FaultType, Long> f = new EnumMap<>(FaultType.class);
                Map<FaultType, Long> t = perTable.computeIfAbsent(sink.schema().table(), k -> new EnumMap<>(FaultType.class));
                for (FaultType ft : FaultType.values()) {
                    f.put(ft, faults[s][ft.ordinal()]);
                    t.merge(ft, faults[s][ft.ordinal()], Long::sum);
                }
                perFile.put(sink.path(), Collections.unmodifiableMap(f));
                if (sink.careTable() == Person.Spell.JEUGDHULP) {
                    copyMap.put(sink.path(), copies[s]);
                    lateMap.put(sink.path(), late[s]);
                }
            }
            List<String> low = new ArrayList<>();
            for (int m = 0; m < geo.size(); m++) {
                if (geo.lowWijkteam[m] && geo.eligible[m]) {
                    low.add(geo.codes2016[m]);
                }
            }
            Map<String, Long> ordered = new LinkedHashMap<>();
            rows.keySet().stream().sorted().forEach(k -> ordered.put(k, rows.get(k)));
            return new GenerationResult(spec, persons, geo.objectCount(), objectMissing, objectUnknownAll, objectUnknownOne,
                    List.copyOf(low), Collections.unmodifiableMap(ordered), Collections.unmodifiableMap(perFile),
                    Collections.unmodifiableMap(perTable), Collections.unmodifiableMap(copyMap),
                    Collections.unmodifiableMap(lateMap));
        }
    }
}
