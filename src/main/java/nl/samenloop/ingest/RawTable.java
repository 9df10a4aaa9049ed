package nl.samenloop.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * All files of one table read together under the canonical column names of the mapping (source names
 * matched case-insensitively), still as raw text, with lineage: {@code _file}, {@code _row}, {@code _shape}
 * (CSV: why a record's field count is wrong, else null), {@code _year}
 * (the file's year, null when not yearly) and {@code _rank} (the file's place in reading order: a later rank
 * wins a repeated spell).
 */
final class RawTable {
    static final String YEAR = "_year";
    static final String RANK = "_rank";
    /** VSLGWBTAB: canonical name of the column for classification year y is "gem_y". */
    static final String GEM = "gem_";

    final Dataset<Row> rows;
    final Layout layout;
    /** Optional canonical columns present in at least one file. */
    final List<String> presentOptional;
    /** VSLGWBTAB classification years found (GEM&lt;year&gt; columns). */
    final List<Integer> years;

    private RawTable(Dataset<Row> rows, Layout layout) {
        this.rows = rows;
        this.layout = layout;
        this.presentOptional = layout.presentOptional();
        this.years = layout.years();
    }

    static RawTable read(SparkSession spark, TableInput input, TableSpec spec) {
        List<SourceReader.Raw> raws = new ArrayList<>();
        List<List<String>> columns = new ArrayList<>();
        for (SourceFile f : input.files()) {
            SourceReader.Raw raw = SourceReader.read(spark, f);
            raws.add(raw);
            columns.add(raw.columns());
        }
        Layout layout = Layout.of(input, spec, columns);
        Dataset<Row> all = null;
        for (int i = 0; i < raws.size(); i++) {
            SourceFile f = input.files().get(i);
            List<Column> sel = new ArrayList<>();
            for (String canonical : spec.all().keySet()) {
                String actual = layout.found().get(i).get(canonical);
                sel.add((actual == null ? lit(null).cast(DataTypes.StringType) : col("`" + actual + "`")).as(canonical));
            }
            for (int y : layout.years()) {
                String actual = layout.yearColumns().get(i).get(y);
                sel.add((actual == null ? lit(null).cast(DataTypes.StringType) : col("`" + actual + "`")).as(GEM + y));
            }
            sel.add(col(SourceReader.FILE));
            sel.add(col(SourceReader.ROW));
            sel.add(List.of(raws.get(i).rows().columns()).contains(SourceReader.SHAPE) ? col(SourceReader.SHAPE)
                    : lit(null).cast(DataTypes.StringType).as(SourceReader.SHAPE));
            sel.add(lit(f.year()).cast(DataTypes.IntegerType).as(YEAR));
            sel.add(lit(i).as(RANK));
            Dataset<Row> d = raws.get(i).rows().select(sel.toArray(Column[]::new));
            all = all == null ? d : all.union(d);
        }
        return new RawTable(all, layout);
    }

    /**
     * Where each canonical column of a table is in each of its files, from the files' column names alone (no record
     * read): the column checks, the optional columns present, the classification years and the notes of the
     * data-quality report. Both ingest engines ({@link Ingest} on Spark, {@link LocalIngest}) read files through it.
     *
     * @param found           per file: canonical column → the column's name in that file (absent optional: no entry)
     * @param yearColumns     per file: classification year → the GEM&lt;year&gt; column's name in that file
     * @param presentOptional optional canonical columns present in at least one file, in the mapping's order
     * @param years           classification years found in any file, ascending
     */
    record Layout(List<Map<String, String>> found, List<Map<Integer, String>> yearColumns, List<String> presentOptional,
            List<Integer> years, List<String> notes) {

        /** @param columns per file of {@code input}, its column names as the file has them */
        static Layout of(TableInput input, TableSpec spec, List<List<String>> columns) {
            List<Map<String, String>> resolved = new ArrayList<>();
            TreeSet<String> presentOptional = new TreeSet<>();
            TreeSet<Integer> years = new TreeSet<>();
            List<Map<Integer, String>> yearCols = new ArrayList<>();
            for (int i = 0; i < input.files().size(); i++) {
                SourceFile f = input.files().get(i);
                Map<String, String> byLower = new LinkedHashMap<>();
                for (String c : columns.get(i)) {
                    byLower.put(c.toLowerCase(Locale.ROOT), c);
                }
                Map<String, String> found = new LinkedHashMap<>();
                for (Map.Entry<String, String> e : spec.required().entrySet()) {
                    String actual = byLower.get(e.getValue().toLowerCase(Locale.ROOT));
                    if (actual == null) {
                        throw new IngestException(f.path() + ": missing required column " + e.getValue()
                                + " of table " + spec.table());
                    }
                    found.put(e.getKey(), actual);
                }
                for (Map.Entry<String, String> e : spec.optional().entrySet()) {
                    String actual = byLower.get(e.getValue().toLowerCase(Locale.ROOT));
                    if (actual != null) {
                        found.put(e.getKey(), actual);
                        presentOptional.add(e.getKey());
                    }
                }
                Map<Integer, String> yc = new LinkedHashMap<>();
                if (spec.yearColumnPrefix() != null) {
                    Pattern p = Pattern.compile("(?i)^" + Pattern.quote(spec.yearColumnPrefix()) + "(\\d{4})$");
                    for (String c : columns.get(i)) {
                        Matcher m = p.matcher(c);
                        if (m.matches()) {
                            yc.put(Integer.parseInt(m.group(1)), c);
                        }
                    }
                    if (yc.isEmpty()) {
                        throw new IngestException(f.path() + ": missing required column " + spec.yearColumnPrefix()
                                + "<year> (e.g. " + spec.yearColumnPrefix() + "2022) of table " + spec.table());
                    }
                    years.addAll(yc.keySet());
                }
                resolved.add(found);
                yearCols.add(yc);
            }
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < input.files().size(); i++) {
                for (String canonical : spec.all().keySet()) {
                    if (!resolved.get(i).containsKey(canonical) && presentOptional.contains(canonical)) {
                        notes.add(input.files().get(i).name() + " lacks optional column " + spec.source(canonical)
                                + " (null there)");
                    }
                }
            }
            List<String> opt = spec.optional().keySet().stream().filter(presentOptional::contains).toList();
            return new Layout(resolved, yearCols, opt, List.copyOf(years), notes);
        }
    }
}
