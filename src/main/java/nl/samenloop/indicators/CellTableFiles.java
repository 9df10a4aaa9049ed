package nl.samenloop.indicators;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import nl.samenloop.storage.TsvField;

/**
 * A cell table on disk: the indicators stage's output {@code work:cells/<table>} (plan stage outputs), read
 * back by the disclosure benchmark and by a resumed run. Three tab-separated files in one folder:
 * {@code table.tsv} (name, indicator, title, notes), {@code cells.tsv} and {@code relations.tsv}. Aggregates
 * with their person counts: it belongs in the secure working area, never in a package.
 *
 * <p>Tab-separated, with tabs, newlines and backslashes escaped ({@code \t}, {@code \n}, {@code \\}), so
 * any title or geography name round-trips exactly.
 */
public final class CellTableFiles {
    private static final String CELLS = "measure\tlevel\tgeo\tgeo_name\tperiod\tnumerator\tdenominator\tvalue\textra\treleased\tpreset";
    private static final String RELATIONS = "type\ttotal\tparts";

    private CellTableFiles() {
    }

    public static void write(Path dir, CellTable t) {
        write(Location.local(dir), t);
    }

    /** As {@link #write(Path, CellTable)} into a folder on any file system (a working area on HDFS or S3). */
    public static void write(Location dir, CellTable t) {
        try {
            Storage.createFolders(dir);
            try (BufferedWriter w = writer(dir, "table.tsv")) {
                line(w, "name", t.name());
                line(w, "indicator", t.indicator());
                line(w, "title", t.title());
                for (Map.Entry<String, String> e : t.notes().entrySet()) {
                    line(w, "note", e.getKey(), e.getValue());
                }
                for (Map.Entry<String, String> e : t.concepts().entrySet()) {
                    line(w, "concept", e.getKey(), e.getValue());
                }
                for (Map.Entry<String, List<String>> e : t.geoSets().entrySet()) {
                    line(w, "geo_set", e.getKey(), String.join(" ", e.getValue()));
                }
            }
            try (BufferedWriter w = writer(dir, "cells.tsv")) {
                w.write(CELLS);
                w.newLine();
                for (Cell c : t.cells()) {
                    List<String> extra = c.extra().stream().map(CellTableFiles::count).toList();
                    line(w, c.measure(), c.level().key, c.geoCode(), c.geoName(), c.period(), count(c.numerator()),
                            count(c.denominator()), c.value() == null ? "" : Double.toString(c.value()),
                            String.join(" ", extra), Boolean.toString(c.released()), c.preset() == null ? "" : c.preset());
                }
            }
            try (BufferedWriter w = writer(dir, "members.tsv")) {
                w.write("ref\tcount");
                w.newLine();
                for (Map.Entry<CountRef, Count> e : new java.util.TreeMap<>(t.memberCounts()).entrySet()) {
                    line(w, e.getKey().toString(), count(e.getValue()));
                }
            }
            try (BufferedWriter w = writer(dir, "relations.tsv")) {
                w.write(RELATIONS);
                w.newLine();
                for (Relation r : t.relations()) {
                    line(w, r.type().name(), r.total().toString(),
                            String.join(" ", r.parts().stream().map(CountRef::toString).toList()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cell table " + t.name() + " to " + dir, e);
        }
    }

    /** Locally as before ({@code Files.newBufferedWriter}); elsewhere a UTF-8 writer on the file system's stream. */
    private static BufferedWriter writer(Location dir, String name) throws IOException {
        Location file = dir.resolve(name);
        if (file.isLocal()) {
            return Files.newBufferedWriter(file.local(), StandardCharsets.UTF_8);
        }
        return new BufferedWriter(new java.io.OutputStreamWriter(Storage.create(file),
                StandardCharsets.UTF_8.newEncoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)));
    }

    public static CellTable read(Path dir) {
        return read(Location.local(dir));
    }

    /** As {@link #read(Path)} from a folder on any file system (a working area on HDFS or S3). */
    public static CellTable read(Location dir) {
        try {
            Map<String, String> head = new LinkedHashMap<>();
            Map<String, String> notes = new LinkedHashMap<>();
            Map<String, String> concepts = new LinkedHashMap<>();
            Map<String, List<String>> geoSets = new LinkedHashMap<>();
            for (List<String> f : rows(dir.resolve("table.tsv"), false)) {
                if (f.get(0).equals("note")) {
                    notes.put(f.get(1), f.get(2));
                } else if (f.get(0).equals("concept")) {
                    concepts.put(f.get(1), f.get(2));
                } else if (f.get(0).equals("geo_set")) {
                    geoSets.put(f.get(1), f.get(2).isEmpty() ? List.of() : List.of(f.get(2).split(" ")));
                } else {
                    head.put(f.get(0), f.get(1));
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (List<String> f : rows(dir.resolve("cells.tsv"), true)) {
                List<Count> extra = new ArrayList<>();
                if (!f.get(8).isEmpty()) {
                    for (String x : f.get(8).split(" ")) {
                        extra.add(count(x));
                    }
                }
                cells.add(new Cell(f.get(0), GeoLevel.parse(f.get(1)), f.get(2), f.get(3), f.get(4), count(f.get(5)),
                        count(f.get(6)), f.get(7).isEmpty() ? null : Double.valueOf(f.get(7)), extra,
                        Boolean.parseBoolean(f.get(9)), f.get(10).isEmpty() ? null : f.get(10)));
            }
            List<Relation> relations = new ArrayList<>();
            for (List<String> f : rows(dir.resolve("relations.tsv"), true)) {
                List<CountRef> parts = new ArrayList<>();
                for (String p : f.get(2).split(" ")) {
                    parts.add(ref(p));
                }
                relations.add(new Relation(Relation.Type.valueOf(f.get(0)), ref(f.get(1)), parts));
            }
            Map<CountRef, Count> members = new LinkedHashMap<>();
            if (Storage.exists(dir.resolve("members.tsv"))) {
                for (List<String> f : rows(dir.resolve("members.tsv"), true)) {
                    members.put(ref(f.get(0)), count(f.get(1)));
                }
            }
            return new CellTable(head.get("name"), head.get("indicator"), head.get("title"), cells, relations, notes,
                    concepts, geoSets, members);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cell table " + dir, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cell table " + dir + " is damaged: " + e.getMessage(), e);
        }
    }

    private static String count(Count c) {
        return c.name() + ":" + c.value() + ":" + c.persons();
    }

    private static Count count(String s) {
        int b = s.lastIndexOf(':');
        int a = s.lastIndexOf(':', b - 1);
        return new Count(s.substring(0, a), Long.parseLong(s.substring(a + 1, b)), Long.parseLong(s.substring(b + 1)));
    }

    private static CountRef ref(String s) {
        String[] p = s.split("\\|", -1);
        return new CountRef(p[0], p[1], p[2]);
    }

    private static void line(BufferedWriter w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write('\t');
            }
            w.write(TsvField.escape(fields[i] == null ? "" : fields[i]));
        }
        w.newLine();
    }

    private static List<List<String>> rows(Location file, boolean header) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Storage.open(file), StandardCharsets.UTF_8))) {
            String line;
            boolean first = header;
            while ((line = r.readLine()) != null) {
                if (first) {
                    first = false;
                    continue;
                }
                List<String> f = new ArrayList<>();
                for (String x : line.split("\t", -1)) {
                    f.add(TsvField.unescape(x));
                }
                out.add(f);
            }
        }
        return out;
    }
}
