package nl.samenloop.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.samenloop.disclosure.IndependentAudit;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.publish.OutputCheck;

/**
 * The package's counts and suppression pattern as tau-ARGUS batch input, so an output checker can re-audit with
 * the tool CBS already trusts ({@code samenloop audit PACKAGE --export-tau DIR}; docs/output-checking.md).
 *
 * <p>Per table, count and period with a Netherlands total, one one-dimensional hierarchical table (the
 * geography: Netherlands → regions and other rows → municipalities, exactly the SUM relations of
 * {@code audit/relations.csv}):
 * <ul>
 *   <li>{@code <base>.csv} — the table data: {@code geography,value,lower_pl,upper_pl};</li>
 *   <li>{@code <base>.rda} — its metadata (separator, the hierarchical explanatory variable with total code
 *       {@code NL01}, the response, the protection levels);</li>
 *   <li>{@code <base>.hrc} — the geography hierarchy, one code a line, {@code @} per level;</li>
 *   <li>{@code <base>.hst} — the a-priori file: the suppression pattern, {@code code,u} for every count the
 *       package does not publish;</li>
 * </ul>
 * and one {@code samenloop.arb} batch file that reads each table, applies the a-priori pattern and asks for
 * modular secondary suppression: if tau-ARGUS adds no suppression, it agrees the pattern protects every cell.
 *
 * <p>The package holds no value of a suppressed count, and neither does the export: for those cells it writes
 * the completion {@link IndependentAudit#completion()} finds from the published numbers alone (a value consistent
 * with every relation, never the true count). Protection levels: ⌈T/2⌉ below and above for PRIMARY and
 * SECONDARY counts (tau-ARGUS's interval around its value, close to Samenloop's "interval at least T wide"), and
 * 1 for counts that are merely unreleased (a reader does not know them; they need no protection of their own).
 * Pools over periods and numerator ≤ denominator relations are not part of these one-dimensional tables; the
 * built-in re-check ({@code samenloop audit}) covers them.
 */
public final class TauArgusExport {
    private TauArgusExport() {
    }

    private record Listed(String status, String value) {
        boolean protect() {
            return "PRIMARY".equals(status) || "SECONDARY".equals(status);
        }
    }

    public static List<Path> write(Path pkg, Path dir) {
        try {
            return export(pkg, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tau-ARGUS export into " + dir, e);
        }
    }

    private static List<Path> export(Path pkg, Path dir) throws IOException {
        int threshold = Profile.cbsMicrodata().threshold();
        Path check = pkg.resolve(OutputCheck.FILE);
        if (Files.isRegularFile(check)) {
            Integer t = Manifest.parse(Files.readString(check, StandardCharsets.UTF_8)).profile().threshold();
            threshold = t == null ? threshold : t;
        }
        int pl = (threshold + 1) / 2;
        Map<String, Map<CountRef, Listed>> cells = new TreeMap<>();
        List<String> lines = Files.readAllLines(pkg.resolve("audit").resolve("cells.csv"), StandardCharsets.UTF_8);
        for (String l : lines.subList(1, lines.size())) {
            List<String> c = PublishedTable.split(l);
            if (c.size() == 9) {
                cells.computeIfAbsent(c.get(0), k -> new HashMap<>()).put(new CountRef(c.get(1), c.get(2), c.get(3)),
                        new Listed(c.get(4), c.get(6)));
            }
        }
        Map<String, List<Relation>> relations = new TreeMap<>();
        lines = Files.readAllLines(pkg.resolve("audit").resolve("relations.csv"), StandardCharsets.UTF_8);
        for (String l : lines.subList(1, lines.size())) {
            List<String> c = PublishedTable.split(l);
            if (c.size() == 4) {
                List<CountRef> parts = new ArrayList<>();
                for (String p : c.get(3).split(";")) {
                    parts.add(ref(p));
                }
                relations.computeIfAbsent(c.get(0), k -> new ArrayList<>())
                        .add(new Relation(Relation.Type.valueOf(c.get(1)), ref(c.get(2)), parts));
            }
        }

        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        StringBuilder arb = new StringBuilder();
        arb.append("// Samenloop package ").append(pkg.getFileName()).append(": tau-ARGUS re-audit of the suppression"
                + " pattern (docs/output-checking.md)\n");
        arb.append("<LOGBOOK> \"samenloop-logbook.txt\"\n");
        for (Map.Entry<String, List<Relation>> e : relations.entrySet()) {
            String table = e.getKey();
            Map<CountRef, Listed> listed = cells.getOrDefault(table, Map.of());
            Map<CountRef, Double> published = new HashMap<>();
            Map<CountRef, double[]> boxes = new HashMap<>();
            listed.forEach((r, c) -> {
                if (!".".equals(c.value())) {
                    double v = Double.parseDouble(c.value());
                    if ("ROUNDED".equals(c.status())) {
                        boxes.put(r, new double[] {v, v}); // tau-ARGUS gets the published (rounded) value
                    } else {
                        published.put(r, v);
                    }
                }
            });
            Map<CountRef, Double> completion = new IndependentAudit(e.getValue(), published, boxes).completion();
            // Geography trees: SUM relations whose total and parts share count name and period.
            Map<String, Map<String, List<String>>> trees = new TreeMap<>();
            for (Relation r : e.getValue()) {
                if (r.type() != Relation.Type.SUM || r.parts().stream().anyMatch(p -> !p.name().equals(r.total().name())
                        || !p.period().equals(r.total().period()))) {
                    continue;
                }
                trees.computeIfAbsent(r.total().name() + "|" + r.total().period(), k -> new LinkedHashMap<>())
                        .put(r.total().geoCode(), r.parts().stream().map(CountRef::geoCode).toList());
            }
            for (Map.Entry<String, Map<String, List<String>>> t : trees.entrySet()) {
                if (!t.getValue().containsKey(GeoLevel.NETHERLANDS)) {
                    continue;
                }
                String[] np = t.getKey().split("\\|", 2);
                String base = safe(table + "__" + np[0] + "__" + np[1]);
                List<String[]> nodes = new ArrayList<>(); // {code, depth}
                walk(GeoLevel.NETHERLANDS, 0, t.getValue(), nodes);
                StringBuilder data = new StringBuilder();
                StringBuilder hrc = new StringBuilder();
                StringBuilder hst = new StringBuilder();
                for (String[] n : nodes) {
                    CountRef r = new CountRef(np[0], n[0], np[1]);
                    Listed c = listed.get(r);
                    boolean shown = c != null && !".".equals(c.value());
                    double value = shown ? Double.parseDouble(c.value()) : completion.getOrDefault(r, 0.0);
                    int level = c != null && c.protect() ? pl : shown ? 0 : 1;
                    data.append(n[0]).append(',').append(number(value)).append(',').append(level).append(',').append(level)
                            .append('\n');
                    int depth = Integer.parseInt(n[1]);
                    if (depth > 0) {
                        hrc.append("@".repeat(depth - 1)).append(n[0]).append('\n');
                    }
                    if (!shown) {
                        hst.append(n[0]).append(",u\n");
                    }
                }
                written.add(write(dir.resolve(base + ".csv"), data));
                written.add(write(dir.resolve(base + ".hrc"), hrc));
                written.add(write(dir.resolve(base + ".hst"), hst));
                written.add(write(dir.resolve(base + ".rda"), new StringBuilder()
                        .append("    <SEPARATOR> \",\"\n")
                        .append("geography\n    <RECODEABLE>\n    <TOTCODE> \"").append(GeoLevel.NETHERLANDS).append("\"\n")
                        .append("    <HIERARCHICAL>\n    <HIERCODELIST> \"").append(base).append(".hrc\"\n")
                        .append("    <HIERLEADSTRING> \"@\"\n")
                        .append("value\n    <NUMERIC>\n    <DECIMALS> 2\n")
                        .append("lower_pl\n    <LOWERPL>\n")
                        .append("upper_pl\n    <UPPERPL>\n")));
                arb.append("<OPENTABLEDATA> \"").append(base).append(".csv\"\n");
                arb.append("<OPENMETADATA> \"").append(base).append(".rda\"\n");
                arb.append("<SPECIFYTABLE> \"geography\"|\"value\"||\n");
                arb.append("<SAFETYRULE> MAN(0)\n");
                arb.append("<READTABLE> 0\n");
                arb.append("<APRIORI> \"").append(base).append(".hst\",1,\",\",0,1\n");
                arb.append("<SUPPRESS> MOD(1)\n");
                arb.append("<WRITETABLE> (1,3,AS+,\"").append(base).append("-tau.csv\")\n");
                arb.append("<CLEAR>\n");
            }
        }
        written.add(write(dir.resolve("samenloop.arb"), arb));
        written.add(write(dir.resolve("README.txt"), "tau-ARGUS batch input written by `samenloop audit "
                + pkg.getFileName() + " --export-tau`; run samenloop.arb from this folder (docs/output-checking.md).\n"
                + "The value of a count the package does not publish is a completion computed from the published\n"
                + "numbers alone (consistent with every relation); it is not the true count and says nothing a reader\n"
                + "of the package cannot derive. The .hst files mark those counts u(nsafe).\n"));
        return written;
    }

    private static void walk(String code, int depth, Map<String, List<String>> tree, List<String[]> out) {
        out.add(new String[] {code, Integer.toString(depth)});
        for (String child : tree.getOrDefault(code, List.of())) {
            if (depth < 8) {
                walk(child, depth + 1, tree, out);
            }
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static Path write(Path f, CharSequence text) throws IOException {
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static CountRef ref(String s) {
        String[] p = s.split("\\|", -1);
        if (p.length != 3) {
            throw new IllegalArgumentException("audit/relations.csv: count reference '" + s + "' is not name|geo|period");
        }
        return new CountRef(p[0], p[1], p[2]);
    }
}
