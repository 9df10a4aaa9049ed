package nl.samenloop.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Reference;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Municipalities and jeugdregio's of one classification year, and which of them a job publishes.
 * The unknown municipality ({@link GeoLevel#UNKNOWN}) belongs to no region and always to the Netherlands.
 */
public final class Geography {
    private final Reference ref;
    private final int year;
    private final Map<String, Reference.Municipality> municipalities;
    private final Map<String, String> regionNames = new TreeMap<>();
    private final Map<String, List<String>> regionMembers = new TreeMap<>();
    private final Set<GeoLevel> levels;
    private final Set<String> selectedRegions;
    private final Set<String> selectedMunicipalities;

    public Geography(Reference ref, int classificationYear, Set<GeoLevel> levels, Set<String> regions, Set<String> municipalities) {
        this.ref = ref;
        this.year = classificationYear;
        this.municipalities = ref.classification(classificationYear);
        for (Reference.Municipality m : this.municipalities.values()) {
            if (m.regionCode() != null) {
                regionNames.put(m.regionCode(), m.regionName());
                regionMembers.computeIfAbsent(m.regionCode(), k -> new ArrayList<>()).add(m.code());
            }
        }
        this.levels = Set.copyOf(levels);
        this.selectedRegions = Set.copyOf(regions);
        this.selectedMunicipalities = Set.copyOf(municipalities);
        for (String r : regions) {
            if (!regionNames.containsKey(r)) {
                throw new IllegalArgumentException("geography.regions: " + r + " is not a jeugdregio in classification year " + year);
            }
        }
        for (String m : municipalities) {
            if (!this.municipalities.containsKey(m)) {
                throw new IllegalArgumentException("geography.municipalities: " + m + " is not a municipality in classification year " + year);
            }
        }
    }

    /** Every municipality code the reference data knows in any year 2015–2025 (for mapping JGDHGEMEENTE). */
    public Set<String> knownCodes() {
        Set<String> all = new java.util.TreeSet<>();
        for (int y = 2015; y <= 2025; y++) {
            all.addAll(ref.classification(y).keySet());
        }
        return all;
    }

    /** The code in this classification year of a municipality code of any year, or null. */
    public String toClassification(String code) {
        return ref.toClassification(code, year);
    }

    public int year() {
        return year;
    }

    public Map<String, Reference.Municipality> municipalities() {
        return municipalities;
    }

    public Map<String, String> regions() {
        return regionNames;
    }

    public List<String> members(String region) {
        return regionMembers.getOrDefault(region, List.of());
    }

    public String regionOf(String gm) {
        Reference.Municipality m = municipalities.get(gm);
        return m == null ? null : m.regionCode();
    }

    public String name(GeoLevel level, String code) {
        switch (level) {
            case COUNTRY: return "Nederland";
            case REGION: return regionNames.getOrDefault(code, code);
            default:
                if (GeoLevel.UNKNOWN.equals(code)) {
                    return "Onbekend";
                }
                Reference.Municipality m = municipalities.get(code);
                return m == null ? code : m.name();
        }
    }

    /** Whether a row is published: its level is requested and it lies within the selected regions/municipalities. */
    public boolean released(GeoLevel level, String code) {
        if (!levels.contains(level)) {
            return false;
        }
        boolean filtered = !selectedRegions.isEmpty() || !selectedMunicipalities.isEmpty();
        switch (level) {
            case COUNTRY: return true;
            case REGION: return !filtered || selectedRegions.contains(code)
                    || members(code).stream().anyMatch(selectedMunicipalities::contains);
            default:
                if (GeoLevel.UNKNOWN.equals(code)) {
                    // The unknown row is part of the Netherlands total; publishing it lets its own size be checked.
                    return !filtered;
                }
                return !filtered || selectedMunicipalities.contains(code) || selectedRegions.contains(regionOf(code));
        }
    }

    /** Code prefix of "the rest" counts: everything unreleased under one total, aggregated (see {@link #restOf}). */
    public static final String REST = "REST-";

    /**
     * The "rest" count an unreleased municipality (or the unreleased unknown row) is aggregated into, or
     * null when it is released itself. A reader knows unreleased rows only as a non-negative remainder of
     * a total they do see, so each total needs one remainder, not a variable per hidden row: {@code REST-JZ29}
     * under a released region, {@code REST-NL01} under the Netherlands for everything else. This keeps the
     * audit's linear programs the size of what is published.
     */
    public String restOf(String gm) {
        if (released(GeoLevel.MUNICIPALITY, gm)) {
            return null;
        }
        String region = regionOf(gm);
        return region != null && released(GeoLevel.REGION, region) ? REST + region : REST + GeoLevel.NETHERLANDS;
    }

    /**
     * The municipality codes (and {@link GeoLevel#UNKNOWN}) whose persons a geography row holds, sorted: a
     * municipality itself, a region's members, every code for the Netherlands, and for a {@code REST-…} row the
     * unreleased codes it aggregates ({@link #restOf}). Disclosure control recognises rows of different jobs as
     * the same persons, or as parts of each other, by these sets.
     */
    public List<String> memberSet(String code) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        if (GeoLevel.NETHERLANDS.equals(code)) {
            out.addAll(municipalityOrder());
        } else if (code.startsWith(REST)) {
            for (String m : municipalityOrder()) {
                if (code.equals(restOf(m))) {
                    out.add(m);
                }
            }
        } else if (regionNames.containsKey(code)) {
            out.addAll(members(code));
        } else {
            out.add(code);
        }
        return List.copyOf(out);
    }

    /** Ordered codes for presentation: regions, then municipalities (by region), then unknown. */
    public List<String> municipalityOrder() {
        List<String> out = new ArrayList<>();
        regionMembers.values().forEach(out::addAll);
        municipalities.keySet().stream().filter(c -> regionOf(c) == null).forEach(out::add);
        out.add(GeoLevel.UNKNOWN);
        return out;
    }

    /** gm, region lookup table to broadcast-join onto person rows. */
    public Dataset<Row> table(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (Reference.Municipality m : municipalities.values()) {
            rows.add(RowFactory.create(m.code(), m.regionCode()));
        }
        StructType schema = new StructType().add("gm", DataTypes.StringType, false).add("region", DataTypes.StringType, true);
        return org.apache.spark.sql.functions.broadcast(spark.createDataFrame(rows, schema));
    }

    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("classification_year", String.valueOf(year));
        m.put("municipalities", String.valueOf(municipalities.size()));
        m.put("regions", String.valueOf(regionNames.size()));
        return m;
    }
}
