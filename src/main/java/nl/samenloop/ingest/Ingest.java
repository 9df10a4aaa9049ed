package nl.samenloop.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.engine.Progress;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The ingest stage: read + validate + stage (spec data-layout.md). For each table: find its files, read
 * them as raw text under the canonical column names of {@code conf/columns.yaml}, give every record one
 * status (accepted / rejected with a reason / merged repeat), write the staged dataset of {@link Staging},
 * the rejects, and the data-quality report. Discovery and column checks run for ALL tables before any
 * record is processed, so a missing file or column stops the run at once.
 */
public final class Ingest {
    private Ingest() {
    }

    public static IngestReport run(SparkSession spark, Path inputDir, Path workDir, Path confDir, Progress progress) {
        if (!Files.isDirectory(inputDir)) {
            throw new IngestException(inputDir + ": input folder does not exist");
        }
        ColumnMapping mapping = ColumnMapping.load(confDir);
        Map<String, TableInput> inputs = new LinkedHashMap<>();
        for (TableSpec spec : mapping.tables().values()) {
            TableInput in = InputDiscovery.discover(inputDir, spec);
            inputs.put(spec.table(), in);
            if (in != null) {
                progress.stage("discover", spec.table() + ": " + in.files().size() + " file(s)"
                        + (in.versionChoices().isEmpty() ? "" : "; " + String.join("; ", in.versionChoices())));
            } else {
                progress.stage("discover", spec.table() + ": absent (optional)");
            }
        }
        Map<String, RawTable> raws = new LinkedHashMap<>();
        for (Map.Entry<String, TableInput> e : inputs.entrySet()) {
            if (e.getValue() != null) {
                raws.put(e.getKey(), RawTable.read(spark, e.getValue(), mapping.table(e.getKey())));
            }
        }
        Map<String, TableReport> reports = new LinkedHashMap<>();
        for (TableSpec spec : mapping.tables().values()) {
            TableInput in = inputs.get(spec.table());
            if (in == null) {
                reports.put(spec.table(), TableReport.absent(spec.table(), spec.optional()));
                continue;
            }
            try {
                reports.put(spec.table(), table(spark, spec, in, raws.get(spec.table()), workDir, progress));
            } catch (IngestException e) {
                throw e;
            } catch (Exception e) { // Spark throws its checked SparkException from Scala code
                IngestException cause = IngestException.find(e);
                if (cause != null) {
                    throw new IngestException(cause.getMessage(), e);
                }
                throw new IngestException(inputDir.resolve(spec.table()) + ": failed to read table " + spec.table()
                        + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        IngestReport report = new IngestReport(reports);
        QualityReport.write(report, Staging.quality(workDir));
        progress.stage("ingest", "data-quality report " + Staging.quality(workDir).resolve("report.md")
                + ": reconciliation " + (report.passed() ? "PASS" : "FAIL"));
        return report;
    }

    private static TableReport table(SparkSession spark, TableSpec spec, TableInput in, RawTable raw, Path work,
            Progress progress) {
        TableRules rules = TableRules.of(spec, raw);
        Dataset<Row> classified = Classifier.classify(raw, spec, rules).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column accepted = col(Classifier.STATUS).equalTo(Classifier.ACCEPTED);
            List<Row> counts = classified.groupBy(col(Classifier.STATUS), col(Classifier.REASON))
                    .agg(count(lit(1)).as("n"),
                            sum(when(accepted.and(not(col(Classifier.LINKABLE))), 1).otherwise(0)).as("not_linkable"),
                            max(when(accepted, col(Classifier.LATEST))).as("latest"))
                    .collectAsList();
            long read = 0;
            long acc = 0;
            long merged = 0;
            long notLinkableAccepted = 0;
            LocalDate latest = null;
            Map<Reason, Long> rejected = new EnumMap<>(Reason.class);
            for (Row r : counts) {
                long n = r.getLong(2);
                read += n;
                switch (r.getString(0)) {
                    case Classifier.ACCEPTED -> {
                        acc += n;
                        notLinkableAccepted += r.getLong(3);
                        if (!r.isNullAt(4)) {
                            LocalDate d = r.getAs(4) instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) r.getAs(4);
                            latest = latest == null || d.isAfter(latest) ? d : latest;
                        }
                    }
                    case Classifier.MERGED_REPEAT -> merged += n;
                    default -> rejected.merge(Reason.valueOf(r.getString(1)), n, Long::sum);
                }
            }
            progress.rows("classify", spec.table() + " read", read);

            Path stagedPath = Staging.staged(work, spec.table());
            stagedRows(classified.filter(accepted), spec, raw, rules).write().mode(SaveMode.Overwrite)
                    .parquet(stagedPath.toString());
            Path rejectsPath = Staging.rejects(work, spec.table());
            classified.filter(col(Classifier.STATUS).equalTo(Classifier.REJECTED))
                    .select(col(SourceReader.FILE).as("file"), col(SourceReader.ROW).as("row"),
                            col(Classifier.COLUMN).as("column"), col(Classifier.REASON).as("reason"),
                            col(Classifier.DETAIL).as("detail"))
                    .write().mode(SaveMode.Overwrite).parquet(rejectsPath.toString());
            long stagedRows = spark.read().parquet(stagedPath.toString()).count();
            long rejectRows = spark.read().parquet(rejectsPath.toString()).count();
            long expectedStaged = Staging.OBJECTS.equals(spec.table()) ? acc * raw.years.size() : acc;
            boolean gba = Staging.PERSONS.equals(spec.table()) || Staging.ADDRESSES.equals(spec.table());
            long notLinkable = gba ? rejected.getOrDefault(Reason.NOT_LINKABLE, 0L) : notLinkableAccepted;

            Map<String, String> present = new LinkedHashMap<>();
            Map<String, String> absent = new LinkedHashMap<>();
            for (Map.Entry<String, String> o : spec.optional().entrySet()) {
                (raw.presentOptional.contains(o.getKey()) ? present : absent).put(o.getKey(), o.getValue());
            }
            List<String> files = new ArrayList<>();
            in.files().forEach(f -> files.add(f.name()));
            TableReport t = new TableReport(spec.table(), true, files, in.versionChoices(), raw.notes, present, absent,
                    read, acc, rejected, merged, notLinkable, in.latestYear(), latest, expectedStaged, stagedRows,
                    rejectRows);
            progress.stage("stage", String.format("%s: accepted %,d, rejected %,d, merged repeats %,d → %s",
                    spec.table(), acc, t.rejectedTotal(), merged, t.reconciles() ? "PASS" : "FAIL"));
            return t;
        } finally {
            classified.unpersist();
        }
    }

    /** The staged columns of {@link Staging}, with their contract types; VSLGWBTAB in long form. */
    private static Dataset<Row> stagedRows(Dataset<Row> accepted, TableSpec spec, RawTable raw, TableRules rules) {
        if (Staging.OBJECTS.equals(spec.table())) {
            List<Column> perYear = new ArrayList<>();
            for (int y : raw.years) {
                perYear.add(struct(lit(y).as("year"), col(RawTable.GEM + y).as("gemeente")));
            }
            return accepted.select(col("object"), explode(array(perYear.toArray(Column[]::new))).as("g"))
                    .select(col("object"), col("g.year").cast(DataTypes.IntegerType).as("year"),
                            col("g.gemeente").cast(DataTypes.StringType).as("gemeente"));
        }
        List<Column> out = new ArrayList<>();
        for (String name : rules.staged.keySet()) {
            out.add(col(name).cast(type(name)).as(name));
        }
        return accepted.select(out.toArray(Column[]::new));
    }

    private static org.apache.spark.sql.types.DataType type(String stagedColumn) {
        return switch (stagedColumn) {
            case "person" -> DataTypes.LongType;
            case "linkable" -> DataTypes.BooleanType;
            case "begin", "end", "birth_date" -> DataTypes.DateType;
            case "source_year", "year" -> DataTypes.IntegerType;
            default -> DataTypes.StringType;
        };
    }
}
