package nl.samenloop.ingest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The column mapping of {@code conf/columns.yaml}: which source column feeds each canonical column, so a
 * user can rename any column without code changes (spec data-layout.md). The canonical columns and
 * whether each is required are fixed here (the code needs them); the file only renames columns and says
 * whether a whole table must be present. A missing file means the spec's default names.
 */
public final class ColumnMapping {
    public static final String FILE = "columns.yaml";
    public static final List<String> TABLES = List.of(Staging.JEUGDHULP, Staging.BESCHERMING,
            Staging.RECLASSERING, Staging.PERSONS, Staging.ADDRESSES, Staging.OBJECTS);

    private final Map<String, TableSpec> tables;

    private ColumnMapping(Map<String, TableSpec> tables) {
        this.tables = java.util.Collections.unmodifiableMap(tables);
    }

    public TableSpec table(String name) {
        return tables.get(name);
    }

    public Map<String, TableSpec> tables() {
        return tables;
    }

    /** The defaults of spec data-layout.md "Tables". */
    public static ColumnMapping defaults() {
        Map<String, TableSpec> m = new LinkedHashMap<>();
        m.put(Staging.JEUGDHULP, new TableSpec(Staging.JEUGDHULP, true,
                cols(key(), "hulpvorm", "JGDHHULPVORM", "begin", "JGDHGELDIGHEIDBEGINDATUM",
                        "end", "JGDHGELDIGHEIDEINDDATUM"),
                cols(new String[0], "verwijzer", "JGDHVERWIJZER", "perspectief", "JGDHPERSPECTIEF",
                        "reden", "JGDHREDENBEEINDIGING", "aanbieder", "JGDHAANBIEDER", "gemeente", "JGDHGEMEENTE"),
                null));
        m.put(Staging.BESCHERMING, new TableSpec(Staging.BESCHERMING, true,
                cols(key(), "maatregel", "JGDBMAATREGEL", "begin", "JGDBGELDIGHEIDBEGINDATUM",
                        "end", "JGDBGELDIGHEIDEINDDATUM"), Map.of(), null));
        m.put(Staging.RECLASSERING, new TableSpec(Staging.RECLASSERING, true,
                cols(key(), "maatregel", "JGDRMAATREGEL", "begin", "JGDRGELDIGHEIDBEGINDATUM",
                        "end", "JGDRGELDIGHEIDEINDDATUM"), Map.of(), null));
        m.put(Staging.PERSONS, new TableSpec(Staging.PERSONS, true,
                cols(key(), "geslacht", "GBAGESLACHT", "geboortejaar", "GBAGEBOORTEJAAR",
                        "geboortemaand", "GBAGEBOORTEMAAND", "geboortedag", "GBAGEBOORTEDAG"), Map.of(), null));
        m.put(Staging.ADDRESSES, new TableSpec(Staging.ADDRESSES, true,
                cols(key(), "begin", "GBADATUMAANVANGADRESHOUDING", "end", "GBADATUMEINDEADRESHOUDING",
                        "soortobject", "SOORTOBJECTNUMMER", "rinobject", "RINOBJECTNUMMER"), Map.of(), null));
        m.put(Staging.OBJECTS, new TableSpec(Staging.OBJECTS, true,
                cols(new String[0], "soortobject", "SOORTOBJECTNUMMER", "rinobject", "RINOBJECTNUMMER"),
                Map.of(), "GEM"));
        return new ColumnMapping(m);
    }

    /** Loads {@code <confDir>/columns.yaml} over the defaults; unknown tables or columns are errors. */
    public static ColumnMapping load(Path confDir) {
        ColumnMapping d = defaults();
        Path f = confDir == null ? null : confDir.resolve(FILE);
        if (f == null || !Files.exists(f)) {
            return d;
        }
        Object root;
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (IOException | RuntimeException e) {
            throw new IngestException(f + ": cannot read column mapping (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null) {
            return d;
        }
        if (!(root instanceof Map<?, ?> rootMap)) {
            throw new IngestException(f + ": expected a map of tables");
        }
        Object tablesNode = rootMap.containsKey("tables") ? rootMap.get("tables") : rootMap;
        if (!(tablesNode instanceof Map<?, ?> tablesMap)) {
            throw new IngestException(f + ": 'tables' must be a map");
        }
        Map<String, TableSpec> out = new LinkedHashMap<>(d.tables);
        for (Map.Entry<?, ?> e : tablesMap.entrySet()) {
            String name = String.valueOf(e.getKey());
            TableSpec base = d.tables.get(name);
            if (base == null) {
                throw new IngestException(f + ": unknown table " + name + " (known: " + TABLES + ")");
            }
            if (!(e.getValue() instanceof Map<?, ?> t)) {
                throw new IngestException(f + ": table " + name + " must be a map");
            }
            boolean tableRequired = t.get("required") == null ? base.tableRequired()
                    : Boolean.parseBoolean(String.valueOf(t.get("required")));
            Map<String, String> req = override(f, name, "columns", base.required(), t.get("columns"));
            Map<String, String> opt = override(f, name, "optional", base.optional(), t.get("optional"));
            String prefix = base.yearColumnPrefix();
            if (prefix != null && t.get("year_columns") != null) {
                prefix = String.valueOf(t.get("year_columns"));
            }
            out.put(name, new TableSpec(name, tableRequired, req, opt, prefix));
        }
        return new ColumnMapping(out);
    }

    private static Map<String, String> override(Path f, String table, String section, Map<String, String> base,
            Object node) {
        Map<String, String> m = new LinkedHashMap<>(base);
        if (node == null) {
            return m;
        }
        if (!(node instanceof Map<?, ?> given)) {
            throw new IngestException(f + ": " + table + "." + section + " must be a map canonical: SOURCE");
        }
        for (Map.Entry<?, ?> c : given.entrySet()) {
            String canonical = String.valueOf(c.getKey());
            if (!base.containsKey(canonical)) {
                throw new IngestException(f + ": " + table + "." + section + " has unknown column " + canonical
                        + " (known: " + base.keySet() + ")");
            }
            String source = c.getValue() == null ? "" : String.valueOf(c.getValue()).trim();
            if (source.isEmpty()) {
                throw new IngestException(f + ": " + table + "." + section + "." + canonical + " is empty");
            }
            m.put(canonical, source);
        }
        return m;
    }

    private static String[] key() {
        return new String[] {"rinpersoons", "RINPERSOONS", "rinpersoon", "RINPERSOON"};
    }

    private static Map<String, String> cols(String[] first, String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < first.length; i += 2) {
            m.put(first[i], first[i + 1]);
        }
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
