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

    private Classifier() {
    }

    static Dataset<Row> classify(RawTable raw, TableSpec spec, TableRules rules) {
        Dataset<Row> df = raw.rows;
        for (Map.Entry<String, Column> d : rules.derived.entrySet()) {
            df = df.withColumn(d.getKey(), d.getValue());
        }
        // Fixed order: by reason, then the order the checks were declared (stable sort).
        List<TableRules.Check> checks = new ArrayList<>(rules.checks);
        checks.sort(Comparator.comparingInt(c -> c.reason().ordinal()));
        // The index of the first failing check, computed once: reason, column and detail then only look it up
        // (three chains of the same conditions would evaluate every check up to three times).
        Column first = null;
        for (int i = 0; i < checks.size(); i++) {
            Column f = Expr.is(checks.get(i).fails());
            first = first == null ? when(f, lit(i)) : first.when(f, lit(i));
        }
        df = df.withColumn(FAILED_CHECK, first);

        // One shuffle serves both windows below: hash-partitioned by the spell key, every spell is in one
        // partition, and so is every group of duplicates (equal raw text gives an equal spell key). The
        // duplicate window is partitioned by the spell key plus the raw columns, which that partitioning
        // satisfies, and the spell window by the spell key alone. Without a spell key the duplicate window
        // shuffles by its own key, led by a hash of it so that sorting mostly compares one long.
        List<Column> spellKey = rules.spellKey.stream().map(functionsCol()).toList();
        if (!spellKey.isEmpty()) {
            df = df.repartition(spellKey.toArray(Column[]::new));
        }

        // Reason, column and detail after the shuffle: the code generated for the stage before it stays small
        // enough to be JIT-compiled (see TableRules#number), and three strings per record are not shuffled.
        Column reason = null;
        Column column = null;
        Column detail = null;
        for (int i = 0; i < checks.size(); i++) {
            TableRules.Check c = checks.get(i);
            Column f = col(FAILED_CHECK).equalTo(i);
            reason = reason == null ? when(f, lit(c.reason().name())) : reason.when(f, lit(c.reason().name()));
            column = column == null ? when(f, lit(c.column())) : column.when(f, lit(c.column()));
            detail = detail == null ? when(f, c.detail()) : detail.when(f, c.detail());
        }
        df = df.withColumn(REASON, reason).withColumn(COLUMN, column).withColumn(DETAIL, detail);

        // DUPLICATE: the same raw text in every mapped column within one file; the first row is kept.
        List<Column> rawText = new ArrayList<>();
        for (String canonical : spec.all().keySet()) {
            rawText.add(col(canonical));
        }
        for (int y : raw.years) {
            rawText.add(col(RawTable.GEM + y));
        }
        List<Column> dupKey = new ArrayList<>(spellKey.isEmpty() ? List.of(xxhash64(rawText.toArray(Column[]::new))) : spellKey);
        dupKey.add(col(SourceReader.FILE));
        dupKey.addAll(rawText);
        // Rows are unique within a file, so "not the first row of its group" is "a later repeat".
        Column firstRow = min(col(SourceReader.ROW)).over(Window.partitionBy(dupKey.toArray(Column[]::new)));
        df = df.withColumn("_first_row", firstRow)
                .withColumn("_is_dup", col(REASON).isNull().and(col(SourceReader.ROW).gt(col("_first_row"))))
                .withColumn(REASON, when(col("_is_dup"), lit(Reason.DUPLICATE.name())).otherwise(col(REASON)))
                .withColumn(COLUMN, when(col("_is_dup"), lit(DUPLICATE_COLUMN)).otherwise(col(COLUMN)))
                .withColumn(DETAIL, when(col("_is_dup"), concat(lit("same as row "), col("_first_row").cast(DataTypes.StringType)))
                        .otherwise(col(DETAIL)));

        // MERGED_REPEAT (spec "A yearly file holds every spell that ran in that year"): among accepted
        // records with the same spell key, those from an earlier file than the latest one are merged away.
        Column status;
        if (!spellKey.isEmpty()) {
            WindowSpec spell = Window.partitionBy(spellKey.toArray(Column[]::new));
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

    private static java.util.function.Function<String, Column> functionsCol() {
        return org.apache.spark.sql.functions::col;
    }
}
