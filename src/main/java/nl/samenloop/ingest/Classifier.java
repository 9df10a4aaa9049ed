package nl.samenloop.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Gives every raw record exactly one status (spec data-layout.md "Bad input": nothing silently dropped):
 * ACCEPTED, REJECTED with the first failing reason in {@link Reason} order, or MERGED_REPEAT — a repeat of
 * a year-split spell in an earlier yearly file, superseded by the latest year's record. The result is one
 * row per input record, narrowed to lineage, status and the staged values.
 */
final class Classifier {
    static final String STATUS = "_status";
    static final String REASON = "_reason";
    static final String COLUMN = "_column";
    static final String DETAIL = "_detail";
    static final String LINKABLE = "_linkable";
    static final String LATEST = "_latest_date";
    static final String ACCEPTED = "ACCEPTED";
    static final String REJECTED = "REJECTED";
    static final String MERGED_REPEAT = "MERGED_REPEAT";
    static final String DUPLICATE_COLUMN = "(whole record)";
    private static final String FAILED_CHECK = "_failed_check";
    private static final String RAW_HASH = "_raw_hash";

    private Classifier() {
    }

    /**
     * @param severalFiles whether the table has more than one file: only then can a spell repeat in an earlier
     *                     yearly file (MERGED_REPEAT), so only then is the latest file per spell looked up
     */
    static Dataset<Row> classify(RawTable raw, TableSpec spec, TableRules rules, boolean severalFiles) {
        List<Column> rawText = new ArrayList<>();
        for (String canonical : spec.all().keySet()) {
            rawText.add(col(canonical));
        }
        for (int y : raw.years) {
            rawText.add(col(RawTable.GEM + y));
        }

        // One shuffle serves both windows below: hash-partitioned by the spell key, every spell is in one
        // partition, and so is every group of duplicates (equal raw text gives an equal spell key). The
        // duplicate window is partitioned by the spell key plus the raw text, which that partitioning
        // satisfies, and the spell window by the spell key alone. Without a spell key the shuffle is by a hash
        // of the raw text, which also leads the duplicate window so that sorting mostly compares one long.
        // Only the spell key is derived before the shuffle, the other values after it: the work is spread
        // over two generated-code stages, each small enough for HotSpot to JIT-compile (see
        // TableRules#number), and the shuffle carries raw text plus the key only.
        Dataset<Row> df = raw.rows;
        List<Column> partitionKey;
        if (!rules.spellKey.isEmpty()) {
            List<Column> keep = new ArrayList<>();
            for (String c : df.columns()) {
                keep.add(col(c));
            }
            df = withDerived(df, rules);
            for (String k : rules.spellKey) {
                keep.add(col(k));
            }
            partitionKey = rules.spellKey.stream().map(functionsCol()).toList();
            df = df.select(keep.toArray(Column[]::new)).repartition(partitionKey.toArray(Column[]::new));
            df = withDerived(df, rules); // the rest (recomputed from raw text where the key needed it too)
        } else {
            // No key to derive first: half of the derived values before the shuffle, half after (VSLGWBTAB's
            // ten GEM<year> columns are too much generated code for one stage).
            df = withDerived(df, rules, rules.derived.size() / 2).withColumn(RAW_HASH, xxhash64(rawText.toArray(Column[]::new)));
            partitionKey = List.of(col(RAW_HASH));
            df = withDerived(df.repartition(partitionKey.toArray(Column[]::new)), rules);
        }

        // DUPLICATE: the same raw text in every mapped column within one file; the first row is kept. Rows are
        // unique within a file, so "not the first row of its group" is "a later repeat".
        List<Column> dupKey = new ArrayList<>(partitionKey);
        dupKey.add(col(SourceReader.FILE));
        dupKey.addAll(rawText);
        df = df.withColumn("_first_row", min(col(SourceReader.ROW)).over(Window.partitionBy(dupKey.toArray(Column[]::new))));

        // The checks in fixed order: by reason, then as declared (stable sort). The index of the first failing
        // check is computed once, after the duplicate window (a stage of its own); reason, column and detail
        // only look it up (three chains of the same conditions would evaluate every check up to three times).
        List<TableRules.Check> checks = new ArrayList<>(rules.checks);
        checks.sort(Comparator.comparingInt(c -> c.reason().ordinal()));
        Column first = null;
        for (int i = 0; i < checks.size(); i++) {
            Column f = Expr.is(checks.get(i).fails());
            first = first == null ? when(f, lit(i)) : first.when(f, lit(i));
        }
        df = df.withColumn(FAILED_CHECK, first)
                .withColumn("_is_dup", col(FAILED_CHECK).isNull().and(col(SourceReader.ROW).gt(col("_first_row"))));
        Column dup = col("_is_dup");
        Column reason = when(dup, lit(Reason.DUPLICATE.name()));
        Column column = when(dup, lit(DUPLICATE_COLUMN));
        Column detail = when(dup, concat(lit("same as row "), col("_first_row").cast(DataTypes.StringType)));
        for (int i = 0; i < checks.size(); i++) {
            TableRules.Check c = checks.get(i);
            Column f = col(FAILED_CHECK).equalTo(i);
            reason = reason.when(f, lit(c.reason().name()));
            column = column.when(f, lit(c.column()));
            detail = detail.when(f, c.detail());
        }
        df = df.withColumn(REASON, reason).withColumn(COLUMN, column).withColumn(DETAIL, detail);

        // MERGED_REPEAT (spec "A yearly file holds every spell that ran in that year"): among accepted
        // records with the same spell key, those from an earlier file than the latest one are merged away.
        Column status;
        if (!rules.spellKey.isEmpty() && severalFiles) {
            WindowSpec spell = Window.partitionBy(partitionKey.toArray(Column[]::new));
            Column latestRank = max(when(col(REASON).isNull(), col(RawTable.RANK))).over(spell);
            status = when(col(REASON).isNotNull(), lit(REJECTED))
                    .when(col(RawTable.RANK).lt(latestRank), lit(MERGED_REPEAT))
                    .otherwise(lit(ACCEPTED));
        } else {
            status = when(col(REASON).isNotNull(), lit(REJECTED)).otherwise(lit(ACCEPTED));
        }
        df = df.withColumn(STATUS, status);

        List<Column> out = new ArrayList<>();
        out.add(col(STATUS));
        out.add(col(REASON));
        out.add(col(COLUMN));
        out.add(col(DETAIL));
        out.add(col(SourceReader.FILE));
        out.add(col(SourceReader.ROW));
        out.add((rules.linkable == null ? lit(true) : rules.linkable).as(LINKABLE));
        out.add((rules.latestDate == null ? lit(null).cast(DataTypes.DateType) : rules.latestDate).as(LATEST));
        // Staged values only where accepted: make_date etc. are guarded, but this keeps rejects' garbage out.
        for (Map.Entry<String, Column> s : rules.staged.entrySet()) {
            out.add(when(col(STATUS).equalTo(ACCEPTED), s.getValue()).as(s.getKey()));
        }
        return df.select(out.toArray(Column[]::new));
    }

    /** Adds the derived values not yet present, in their declared order (later ones use earlier ones by name). */
    private static Dataset<Row> withDerived(Dataset<Row> df, TableRules rules) {
        return withDerived(df, rules, rules.derived.size());
    }

    /** As {@link #withDerived(Dataset, TableRules)}, for the first {@code limit} derived values only. */
    private static Dataset<Row> withDerived(Dataset<Row> df, TableRules rules, int limit) {
        java.util.Set<String> present = new java.util.HashSet<>(List.of(df.columns()));
        int i = 0;
        for (Map.Entry<String, Column> d : rules.derived.entrySet()) {
            if (i++ == limit) {
                break;
            }
            if (!present.contains(d.getKey())) {
                df = df.withColumn(d.getKey(), d.getValue());
            }
        }
        return df;
    }

    private static java.util.function.Function<String, Column> functionsCol() {
        return org.apache.spark.sql.functions::col;
    }
}
