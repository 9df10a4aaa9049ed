package nl.samenloop.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.samenloop.disclosure.AuditFiles;
import nl.samenloop.model.GeoLevel;

/**
 * The relations a reader derives from the tables alone, which {@code audit/relations.csv} must therefore hold
 * (else the re-audit runs on fewer relations than the reader has, and every interval looks wide):
 * <ul>
 *   <li>the Netherlands row of a count is a SUM whose parts include every region row of that period;</li>
 *   <li>a region row is a SUM; every municipality row is a part of the Netherlands' or some region's SUM;</li>
 *   <li>a pooled period {@code A-B} is a SUM over the table's periods from A to B, per area;</li>
 *   <li>numerator → denominator (measure → base): where the file links a numerator to its denominator in one
 *       area and period (AT_MOST or SUM), it must do so in every row that shows that measure.</li>
 * </ul>
 * Which municipality lies in which region is not in the tables, so only membership of some total is required.
 * The extra relations a package may hold (areas outside the request, rest rows) are not checked here: the
 * re-audit uses them, and more relations can only narrow its intervals.
 */
final class DerivedRelations {
    private static final Pattern POOL = Pattern.compile("(.+)-(.+)");

    private DerivedRelations() {
    }

    private record Rel(String type, String total, Set<String> parts) {
    }

    static List<String> check(Path relationsFile, Map<String, PublishedTable> tables, Map<String, Workbook> books) {
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(relationsFile)) {
            out.add("audit/relations.csv: missing");
            return out;
        }
        Map<String, Map<String, List<Rel>>> byTotal = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(relationsFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(AuditFiles.RELATIONS_HEADER)) {
                out.add("audit/relations.csv line 1: header is not " + AuditFiles.RELATIONS_HEADER);
                return out;
            }
            for (int i = 1; i < lines.size(); i++) {
                List<String> f = PublishedTable.split(lines.get(i));
                if (f.size() != 4) {
                    continue; // the re-audit reports malformed lines
                }
                Rel r = new Rel(f.get(1), f.get(2), new LinkedHashSet<>(List.of(f.get(3).split(";"))));
                byTotal.computeIfAbsent(f.get(0), k -> new HashMap<>()).computeIfAbsent(r.total(), k -> new ArrayList<>()).add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relationsFile, e);
        }
        for (PublishedTable t : tables.values()) {
            Workbook wb = books.get(t.name());
            if (wb == null) {
                continue;
            }
            table(t, wb, byTotal.getOrDefault(t.name(), Map.of()), out);
        }
        return out;
    }

    private static void table(PublishedTable t, Workbook wb, Map<String, List<Rel>> rels, List<String> out) {
        Set<String> asked = new java.util.HashSet<>();
        Map<String, List<PublishedTable.Row>> byMeasurePeriod = new LinkedHashMap<>();
        Map<String, Set<String>> periodsOf = new HashMap<>();
        for (PublishedTable.Row r : t.rows()) {
            byMeasurePeriod.computeIfAbsent(r.measure() + "\u0000" + r.period(), k -> new ArrayList<>()).add(r);
            periodsOf.computeIfAbsent(r.measure(), k -> new java.util.TreeSet<>()).add(r.period());
        }
        for (List<PublishedTable.Row> rows : byMeasurePeriod.values()) {
            PublishedTable.Row any = rows.get(0);
            String[] names = wb.countNames().get(any.measure());
            if (names == null) {
                continue;
            }
            String p = any.period();
            PublishedTable.Row nl = null;
            List<PublishedTable.Row> regions = new ArrayList<>();
            List<PublishedTable.Row> municipalities = new ArrayList<>();
            for (PublishedTable.Row r : rows) {
                if (GeoLevel.COUNTRY.key.equals(r.level())) {
                    nl = r;
                } else if (GeoLevel.REGION.key.equals(r.level())) {
                    regions.add(r);
                } else if (GeoLevel.MUNICIPALITY.key.equals(r.level())) {
                    municipalities.add(r);
                }
            }
            for (String c : new LinkedHashSet<>(List.of(names))) {
                if (nl != null && (!regions.isEmpty() || !municipalities.isEmpty())) {
                    String total = ref(c, nl.geo(), p);
                    List<String> need = regions.stream().map(r -> ref(c, r.geo(), p)).toList();
                    require(t, nl, "SUM", total, need, "the Netherlands = its regions and municipalities", rels, asked, out);
                }
                for (PublishedTable.Row r : regions) {
                    require(t, r, "SUM", ref(c, r.geo(), p), List.of(), "a region = its municipalities", rels, asked, out);
                }
                if (nl != null || !regions.isEmpty()) {
                    for (PublishedTable.Row m : municipalities) {
                        String part = ref(c, m.geo(), p);
                        boolean counted = (nl != null && holds(rels, "SUM", ref(c, nl.geo(), p), List.of(part)))
                                || regions.stream().anyMatch(r -> holds(rels, "SUM", ref(c, r.geo(), p), List.of(part)));
                        if (!counted && asked.add("member " + part)) {
                            out.add("audit/relations.csv: " + part + " is part of no SUM for the Netherlands or a region,"
                                    + " implied by " + m.where(t.file()));
                        }
                    }
                }
                Matcher pool = POOL.matcher(p);
                if (pool.matches() && periodsOf.get(any.measure()).contains(pool.group(1))) {
                    for (PublishedTable.Row r : rows) {
                        List<String> need = periodsOf.get(any.measure()).stream()
                                .filter(q -> !q.contains("-") && q.compareTo(pool.group(1)) >= 0
                                        && q.compareTo(pool.group(2)) <= 0)
                                .map(q -> ref(c, r.geo(), q)).toList();
                        require(t, r, "SUM", ref(c, r.geo(), p), need, "a pool = its periods", rels, asked, out);
                    }
                }
            }
            if (!names[0].equals(names[1]) && linked(rels, names[1], names[0])) {
                for (PublishedTable.Row r : rows) {
                    String total = ref(names[1], r.geo(), p);
                    String part = ref(names[0], r.geo(), p);
                    boolean ok = holds(rels, "AT_MOST", total, List.of(part)) || holds(rels, "SUM", total, List.of(part));
                    if (!ok && asked.add("base " + total + " " + part)) {
                        out.add("audit/relations.csv: no relation " + part + " <= " + total + " (numerator within its"
                                + " denominator), implied by " + r.where(t.file()));
                    }
                }
            }
        }
    }

    private static void require(PublishedTable t, PublishedTable.Row row, String type, String total, List<String> parts,
                                String what, Map<String, List<Rel>> rels, Set<String> asked, List<String> out) {
        if (!asked.add(type + " " + total)) {
            return;
        }
        List<Rel> have = rels.getOrDefault(total, List.of()).stream().filter(r -> r.type().equals(type)).toList();
        if (have.isEmpty()) {
            out.add("audit/relations.csv: no " + type + " relation with total " + total + " (" + what + "), implied by "
                    + row.where(t.file()));
            return;
        }
        if (!holds(rels, type, total, parts)) {
            List<String> missing = parts.stream().filter(x -> have.stream().noneMatch(r -> r.parts().contains(x))).toList();
            out.add("audit/relations.csv: the " + type + " relation with total " + total + " lacks " + missing + " ("
                    + what + "), implied by " + row.where(t.file()));
        }
    }

    private static boolean holds(Map<String, List<Rel>> rels, String type, String total, List<String> parts) {
        return rels.getOrDefault(total, List.of()).stream()
                .anyMatch(r -> r.type().equals(type) && r.parts().containsAll(parts));
    }

    /** Whether any relation of the table has a {@code denominator} total with a {@code numerator} part. */
    private static boolean linked(Map<String, List<Rel>> rels, String denominator, String numerator) {
        for (Map.Entry<String, List<Rel>> e : rels.entrySet()) {
            if (!e.getKey().startsWith(denominator + "|")) {
                continue;
            }
            String rest = e.getKey().substring(denominator.length());
            for (Rel r : e.getValue()) {
                if (r.parts().contains(numerator + rest)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String ref(String name, String geo, String period) {
        return name + "|" + geo + "|" + period;
    }
}
