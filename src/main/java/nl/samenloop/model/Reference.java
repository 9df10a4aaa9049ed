package nl.samenloop.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Public reference data from {@code conf/reference}: municipalities, jeugdregio's and mergers. Gives the
 * municipal classification of any year 2015–2025 as of 1 January of that year, by rolling the 2016 CBS
 * list forward or back through the merger table, and the region of each municipality from the nearest
 * earlier region file (2016, 2020, 2024) — a municipality newer than that file takes the region of its
 * predecessors.
 */
public final class Reference {
    /** One municipality in one classification year. */
    public record Municipality(String code, String name, String regionCode, String regionName) {
    }

    /** One row of the merger table. */
    public record Change(LocalDate date, String oldCode, String oldName, String newCode, String newName, String kind) {
    }

    private final Path dir;
    private final List<Change> changes;
    private final Map<Integer, Map<String, String[]>> regionFiles = new TreeMap<>();
    private final Map<Integer, Map<String, Municipality>> byYear = new TreeMap<>();

    private Reference(Path dir) {
        this.dir = dir;
        this.changes = readChanges(dir.resolve("gemeentelijke_herindelingen_2015_2025.csv"));
        for (int y : new int[] {2016, 2020, 2024}) {
            Map<String, String[]> m = new LinkedHashMap<>();
            for (String[] r : readCsv(dir.resolve("gemeenten_jeugdregio_" + y + ".csv"))) {
                m.put(r[0], r);
            }
            regionFiles.put(y, m);
        }
    }

    public static Reference load(Path confDir) {
        Path d = confDir.resolve("reference");
        if (!Files.isDirectory(d)) {
            throw new IllegalArgumentException("reference data folder not found: " + d);
        }
        return new Reference(d);
    }

    public List<Change> changes() {
        return changes;
    }

    /** The municipalities of classification year {@code year} (as of 1 January), ordered by code. */
    public synchronized Map<String, Municipality> classification(int year) {
        if (year < 2015 || year > 2025) {
            throw new IllegalArgumentException("classification year " + year + " outside 2015–2025 covered by conf/reference");
        }
        return byYear.computeIfAbsent(year, this::build);
    }

    private Map<String, Municipality> build(int year) {
        LocalDate asOf = LocalDate.of(year, 1, 1);
        LocalDate base = LocalDate.of(2016, 1, 1);
        Map<String, String> names = new TreeMap<>();
        regionFiles.get(2016).forEach((code, r) -> names.put(code, r[1]));
        if (asOf.isAfter(base)) {
            for (Change c : changes) {
                if (c.date().isAfter(base) && !c.date().isAfter(asOf)) {
                    names.remove(c.oldCode());
                }
            }
            for (Change c : changes) {
                if (c.date().isAfter(base) && !c.date().isAfter(asOf)) {
                    names.put(c.newCode(), c.newName());
                }
            }
        } else if (asOf.isBefore(base)) {
            for (Change c : changes) {
                if (c.date().isAfter(asOf) && !c.date().isAfter(base)) {
                    names.remove(c.newCode());
                }
            }
            for (Change c : changes) {
                if (c.date().isAfter(asOf) && !c.date().isAfter(base)) {
                    names.put(c.oldCode(), c.oldName());
                }
            }
        }
        int regionYear = year >= 2024 ? 2024 : year >= 2020 ? 2020 : 2016;
        Map<String, String[]> regions = regionFiles.get(regionYear);
        Map<String, Municipality> out = new TreeMap<>();
        names.forEach((code, name) -> {
            String[] r = regionOf(code, regions);
            String officialName = regions.containsKey(code) ? regions.get(code)[1] : name;
            out.put(code, new Municipality(code, officialName, r == null ? null : r[2], r == null ? null : r[3]));
        });
        return Collections.unmodifiableMap(out);
    }

    /** Region row for a code: directly, else via successors (older code), else via predecessors (newer code). */
    private String[] regionOf(String code, Map<String, String[]> regions) {
        if (regions.containsKey(code)) {
            return regions.get(code);
        }
        for (Change c : changes) {
            if (c.oldCode().equals(code) && !c.newCode().equals(code)) {
                String[] r = regionOf(c.newCode(), regions);
                if (r != null) {
                    return r;
                }
            }
        }
        for (Change c : changes) {
            if (c.newCode().equals(code) && regions.containsKey(c.oldCode())) {
                return regions.get(c.oldCode());
            }
        }
        return null;
    }

    /**
     * The code in classification year {@code year} of a municipality known by {@code code} in some other
     * year (mergers followed forward; a split follows its first receiver, as CBS's own series do).
     * Returns null when the code is unknown.
     */
    public String toClassification(String code, int year) {
        Map<String, Municipality> target = classification(year);
        String c = code;
        for (int guard = 0; guard < 10 && c != null && !target.containsKey(c); guard++) {
            String next = null;
            for (Change ch : changes) {
                if (ch.oldCode().equals(c) && !ch.date().isAfter(LocalDate.of(year, 1, 1))) {
                    next = ch.newCode();
                    break;
                }
            }
            c = next;
        }
        return c != null && target.containsKey(c) ? c : null;
    }

    /** Population rows (code → columns) of {@code gemeenten_inwoners_<year>.csv} (2016 or 2019). */
    public Map<String, long[]> population(int year) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String[] r : readCsv(dir.resolve("gemeenten_inwoners_" + year + ".csv"))) {
            long[] v = new long[r.length - 2];
            for (int i = 2; i < r.length; i++) {
                v[i - 2] = Long.parseLong(r[i]);
            }
            out.put(r[0], v);
        }
        return out;
    }

    private static List<Change> readChanges(Path p) {
        List<Change> out = new ArrayList<>();
        for (String[] r : readCsv(p)) {
            out.add(new Change(LocalDate.parse(r[0]), r[1], r[2], r[3], r[4], r[5]));
        }
        return Collections.unmodifiableList(out);
    }

    /** Reads a small reference CSV (comma-separated, double-quoted fields), skipping the header. */
    static List<String[]> readCsv(Path p) {
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            List<String[]> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    out.add(splitQuoted(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file " + p, e);
        }
    }

    static String[] splitQuoted(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                q = !q;
            } else if (ch == ',' && !q) {
                f.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(ch);
            }
        }
        f.add(sb.toString());
        return f.toArray(new String[0]);
    }
}
