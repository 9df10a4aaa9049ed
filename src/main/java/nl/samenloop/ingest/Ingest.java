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

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.samenloop.engine.Failures;
import nl.samenloop.engine.Engine;
import nl.samenloop.engine.LocalWork;
import nl.samenloop.engine.Progress;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
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
    private static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

    private Ingest() {
    }

    /**
     * Ingests {@code inputDir} into the working area: a new staging generation, switched in only when every
     * table succeeded and reconciles ({@link StagingGeneration}). When ingest fails, the data-quality report
     * says FAILED with the reason, and staging/ keeps the previous successful ingest.
     */
    public static IngestReport run(SparkSession spark, Path inputDir, Path workDir, Path confDir, Progress progress) {
        return run(spark, Location.local(inputDir), Location.local(workDir), confDir, progress);
    }

    /**
     * As {@link #run(SparkSession, Path, Path, Path, Progress)} with input and working area on any file system
     * ({@link Location}: a local folder, hdfs://, s3a://).
     */
    public static IngestReport run(SparkSession spark, Location inputDir, Location workDir, Path confDir, Progress progress) {
        return run(Engine.Lazy.of(spark), inputDir, workDir, confDir, progress);
    }

    /**
     * As above with a session started only when a table needs Spark (not in a local run of CSV input: {@link
     * LocalIngest}).
     */
    public static IngestReport run(Engine.Lazy spark, Location inputDir, Location workDir, Path confDir, Progress progress) {
        Location next = null;
        boolean reported = false;
        try {
            if (!isFolder(inputDir)) {
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
            next = StagingGeneration.begin(workDir);
            // The classified records of a table are cached only to write the few rejects after the staged rows; they
            // are read back once. Compressing the cache (dictionary and run-length statistics per column, built on
            // every row) cost about a sixth of the ingest CPU at national scale, so it is off while ingest runs.
            IngestReport report = tables(spark, inputDir, next, progress, mapping, inputs);
            Location quality = Staging.quality(workDir);
            if (!report.passed()) {
                List<String> failing = report.tables().values().stream().filter(t -> !t.reconciles())
                        .map(TableReport::table).toList();
                String reason = "reconciliation failed for " + String.join(", ", failing) + " (records read do not"
                        + " equal accepted + rejected + merged repeats, or the written datasets differ)";
                QualityReport.writeFailed(quality, reason, report);
                reported = true;
                throw new IngestException(quality.resolve("report.md") + ": " + reason + "; staging/ still holds the"
                        + " previous ingest");
            }
            StagingGeneration.switchTo(next, workDir);
            next = null;
            QualityReport.write(report, quality);
            progress.stage("ingest", "data-quality report " + quality.resolve("report.md") + ": reconciliation PASS");
            return report;
        } catch (RuntimeException e) {
            if (next != null) {
                StagingGeneration.discard(next);
            }
            if (!reported) {
                QualityReport.writeFailed(Staging.quality(workDir), reason(e), null);
            }
            throw e;
        }
    }

    private static boolean isFolder(Location dir) {
        try {
            return Storage.isFolder(dir);
        } catch (java.io.IOException e) {
            throw new IngestException(dir + ": cannot reach the input folder (" + Failures.rootCause(e) + ")");
        }
    }

    /** The reason a failed ingest gives in its report: our own one-line message, or the masked root cause. */
    private static String reason(RuntimeException e) {
        if (e instanceof IngestException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + Failures.rootCause(e);
    }

    private static IngestReport tables(Engine.Lazy lazy, Location inputDir, Location workDir, Progress progress,
                                       ColumnMapping mapping, Map<String, TableInput> inputs) {
        // Every table's files and columns are checked before any record is read (both engines).
        Map<String, RawTable> raws = new LinkedHashMap<>();
        Map<String, LocalIngest.Prepared> local = new LinkedHashMap<>();
        for (Map.Entry<String, TableInput> e : inputs.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (LocalIngest.applies(lazy.master(), e.getValue(), inputDir, workDir)) {
                local.put(e.getKey(), LocalIngest.prepare(e.getValue(), mapping.table(e.getKey())));
            } else {
                raws.put(e.getKey(), RawTable.read(lazy.get(), e.getValue(), mapping.table(e.getKey())));
            }
        }
        int cores = Math.max(1, lazy.parallelism());
        // Held in memory while a table is read (the duplicate check keeps every record's text): a delivery too big for
        // this heap goes to Spark, which spills to disk, the largest tables first.
        for (String table : LocalIngest.tooBigForHeap(local, cores, LocalWork.heapRoom())) {
            LocalIngest.Prepared p = local.remove(table);
            progress.stage("ingest", String.format("%s: checking %,d MB of CSV without Spark needs about %,d MB of heap,"
                    + " more than this run has to spare: Spark ingests it", table, p.bytes() >> 20,
                    LocalIngest.heapEstimate(p) >> 20));
            raws.put(table, RawTable.read(lazy.get(), inputs.get(table), mapping.table(table)));
        }
        int parts = Integer.parseInt(lazy.conf("spark.sql.shuffle.partitions", "8"));
        String codec = lazy.conf("spark.sql.parquet.compression.codec", "snappy");
        // Tables ingested in this JVM run side by side, the largest first, one per core Spark may use (local[N]: N);
        // Spark's tables meanwhile one after the other on this thread (Spark spreads each over the cores itself).
        // The classified records of a Spark table are cached only to write the few rejects after the staged rows;
        // they are read back once. Compressing the cache (dictionary and run-length statistics per column, built on
        // every row) cost about a sixth of the ingest CPU at national scale, so it is off while ingest runs.
        SparkSession spark = raws.isEmpty() ? null : lazy.get();
        String compressed = spark == null ? null : spark.conf().get(CACHE_COMPRESSED, "true");
        if (spark != null) {
            spark.conf().set(CACHE_COMPRESSED, "false");
        }
        ExecutorService pool = local.isEmpty() ? null : LocalWork.pool(Math.min(local.size(), cores), "samenloop-ingest");
        Map<String, Future<Counts>> running = new LinkedHashMap<>();
        Map<String, TableReport> reports = new LinkedHashMap<>();
        try {
            local.values().stream().sorted(Comparator.comparingLong(LocalIngest.Prepared::bytes).reversed())
                    .forEach(p -> running.put(p.spec().table(), pool.submit(() -> {
                        progress.stage("ingest", p.spec().table() + ": reading, checking and staging "
                                + p.input().files().size() + " file(s)");
                        Counts c = LocalIngest.table(p, workDir, parts, codec);
                        progress.rows("classify", p.spec().table() + " read", c.read());
                        return c;
                    })));
            for (TableSpec spec : mapping.tables().values()) {
                TableInput in = inputs.get(spec.table());
                if (in == null || local.containsKey(spec.table())) {
                    continue;
                }
                try {
                    // Announced before the long read, so the heartbeat's "still running" lines name the table.
                    progress.stage("ingest", spec.table() + ": reading, checking and staging " + in.files().size()
                            + " file(s) (Spark)");
                    RawTable raw = raws.get(spec.table());
                    reports.put(spec.table(), report(spec, in, raw.layout, table(spark, spec, in, raw, workDir, progress),
                            progress));
                } catch (IngestException e) {
                    throw e;
                } catch (Exception e) { // Spark throws its checked SparkException from Scala code
                    throw taskFailure(e, inputDir, workDir, spec.table());
                }
            }
            for (TableSpec spec : mapping.tables().values()) {
                Future<Counts> f = running.get(spec.table());
                if (f == null) {
                    continue;
                }
                try {
                    reports.put(spec.table(), report(spec, inputs.get(spec.table()), local.get(spec.table()).layout(),
                            f.get(), progress));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IngestException ie) {
                        throw ie;
                    }
                    throw taskFailure(e.getCause() instanceof Exception x ? x : e, inputDir, workDir, spec.table());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IngestException(inputDir + ": ingest interrupted");
                }
            }
        } finally {
            if (spark != null) {
                spark.conf().set(CACHE_COMPRESSED, compressed);
            }
            if (pool != null) {
                // After a failure the other tables stop at their next check; none writes on after ingest returns.
                pool.shutdownNow();
                try {
                    pool.awaitTermination(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Map<String, TableReport> ordered = new LinkedHashMap<>();
        for (TableSpec spec : mapping.tables().values()) {
            ordered.put(spec.table(), reports.containsKey(spec.table()) ? reports.get(spec.table())
                    : TableReport.absent(spec.table(), spec.optional()));
        }
        reports = ordered;
        return new IngestReport(reports);
    }

    /**
     * What an engine counted for one table, as the records were classified and written.
     *
     * @param notLinkableAccepted accepted records whose key is not linkable (JGD tables)
     * @param latest              latest begin/end date among accepted spells, or null
     */
    record Counts(long read, long accepted, long merged, long notLinkableAccepted, Map<Reason, Long> rejected,
            LocalDate latest, long stagedRows, long rejectRows) {
    }

    /** The data-quality counts of one table (the same for both engines). */
    private static TableReport report(TableSpec spec, TableInput in, RawTable.Layout layout, Counts c, Progress progress) {
        Map<Reason, Long> rejected = new EnumMap<>(Reason.class);
        c.rejected().forEach((r, n) -> {
            if (n > 0) {
                rejected.put(r, n);
            }
        });
        long expectedStaged = Staging.OBJECTS.equals(spec.table()) ? c.accepted() * layout.years().size() : c.accepted();
        boolean gba = Staging.PERSONS.equals(spec.table()) || Staging.ADDRESSES.equals(spec.table());
        long notLinkable = gba ? rejected.getOrDefault(Reason.NOT_LINKABLE, 0L) : c.notLinkableAccepted();
        Map<String, String> present = new LinkedHashMap<>();
        Map<String, String> absent = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : spec.optional().entrySet()) {
            (layout.presentOptional().contains(o.getKey()) ? present : absent).put(o.getKey(), o.getValue());
        }
        List<String> files = new ArrayList<>();
        in.files().forEach(f -> files.add(f.name()));
        TableReport t = new TableReport(spec.table(), true, files, in.versionChoices(), layout.notes(), present, absent,
                c.read(), c.accepted(), rejected, c.merged(), notLinkable, in.latestYear(), c.latest(), expectedStaged,
                c.stagedRows(), c.rejectRows());
        progress.stage("stage", String.format("%s: accepted %,d, rejected %,d, merged repeats %,d → %s",
                spec.table(), c.accepted(), t.rejectedTotal(), c.merged(), t.reconciles() ? "PASS" : "FAIL"));
        return t;
    }

    /**
     * One line for a failure inside Spark tasks: our own message when a reader raised one (a cut-off .sav names
     * its file and case); else the file Spark was reading (a Parquet data page that does not decode is the part
     * file's fault, not the table folder's) and the root cause; a full disk is named as such.
     */
    static IngestException taskFailure(Exception e, Path inputDir, Path workDir, String table) {
        return taskFailure(e, Location.local(inputDir), Location.local(workDir), table);
    }

    static IngestException taskFailure(Exception e, Location inputDir, Location workDir, String table) {
        IngestException cause = IngestException.find(e);
        if (cause != null) {
            return new IngestException(cause.getMessage(), e);
        }
        if (Failures.noSpace(e)) {
            return new IngestException(workDir + ": no space left on device while staging table " + table
                    + "; free space in the working area and run again", e);
        }
        String file = Failures.fileBeingRead(e);
        if (file != null) {
            return new IngestException(file + ": unreadable file of table " + table + " (" + Failures.rootCause(e) + ")", e);
        }
        return new IngestException(inputDir.resolve(table) + ": failed to read table " + table + " ("
                + Failures.rootCause(e) + ")", e);
    }

    /**
     * One table in one pass over its input: the classified records are cached as the staged rows are written
     * (the job that reads and shuffles the input), and the rejects are written from that cache. The counts come
     * from the writes themselves ({@link Observation}s on the written datasets): no job counts records,
     * and nothing is read back. Rejected records are few, so the second write is cheap.
     */
    private static Counts table(SparkSession spark, TableSpec spec, TableInput in, RawTable raw, Location work,
            Progress progress) {
        TableRules rules = TableRules.of(spec, raw);
        Dataset<Row> classified = Classifier.classify(raw, spec, rules, in.files().size() > 1).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column status = col(Classifier.STATUS);
            Column accepted = status.equalTo(Classifier.ACCEPTED);
            List<Column> metrics = new ArrayList<>();
            metrics.add(sum(when(accepted, 1L).otherwise(0L)).as("accepted"));
            metrics.add(sum(when(status.equalTo(Classifier.MERGED_REPEAT), 1L).otherwise(0L)).as("merged"));
            metrics.add(sum(when(accepted.and(not(col(Classifier.LINKABLE))), 1L).otherwise(0L)).as("not_linkable"));
            metrics.add(max(when(accepted, col(Classifier.LATEST))).as("latest"));
            for (Reason r : Reason.values()) {
                metrics.add(sum(when(status.equalTo(Classifier.REJECTED).and(col(Classifier.REASON).equalTo(r.name())), 1L)
                        .otherwise(0L)).as(r.name()));
            }
            Observation classes = new Observation(spec.table() + " classified");
            Observation stagedWritten = new Observation(spec.table() + " staged");
            Observation rejectsWritten = new Observation(spec.table() + " rejects");

            Location stagedPath = Staging.staged(work, spec.table());
            Dataset<Row> all = classified.observe(classes, count(lit(1)).as("read"), metrics.toArray(Column[]::new));
            stagedRows(all.filter(accepted), spec, raw, rules)
                    .observe(stagedWritten, count(lit(1)).as("rows"))
                    .write().mode(SaveMode.Overwrite).parquet(stagedPath.spark());
            Map<String, Object> m = observed(classes);
            long read = (Long) m.get("read");
            progress.rows("classify", spec.table() + " read", read);

            Location rejectsPath = Staging.rejects(work, spec.table());
            classified.filter(status.equalTo(Classifier.REJECTED))
                    .select(col(SourceReader.FILE).as("file"), col(SourceReader.ROW).as("row"),
                            col(Classifier.COLUMN).as("column"), col(Classifier.REASON).as("reason"),
                            col(Classifier.DETAIL).as("detail"))
                    .observe(rejectsWritten, count(lit(1)).as("rows"))
                    .write().mode(SaveMode.Overwrite).parquet(rejectsPath.spark());

            Map<Reason, Long> rejected = new EnumMap<>(Reason.class);
            for (Reason r : Reason.values()) {
                rejected.put(r, asLong(m.get(r.name())));
            }
            Object l = m.get("latest");
            LocalDate latest = l == null ? null : l instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) l;
            return new Counts(read, asLong(m.get("accepted")), asLong(m.get("merged")), asLong(m.get("not_linkable")),
                    rejected, latest, asLong(observed(stagedWritten).get("rows")), asLong(observed(rejectsWritten).get("rows")));
        } finally {
            classified.unpersist();
        }
    }

    private static Map<String, Object> observed(Observation o) {
        try {
            return o.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException(o.name() + ": interrupted while waiting for its counts", e);
        }
    }

    /** A sum over no rows is null: zero records. */
    private static long asLong(Object o) {
        return o == null ? 0L : ((Number) o).longValue();
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
