package nl.samenloop.ingest;

import static org.apache.spark.sql.functions.lit;

import com.bedatadriven.spss.SpssDataFileReader;
import com.bedatadriven.spss.SpssVariable;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * SPSS system files ({@code .sav}, the native format of the secure environment) through spss-reader's
 * {@link SpssDataFileReader}. There is no Spark source for .sav, so the cases are turned into rows in Java:
 * the dictionary is read on the driver (a corrupt header fails here, naming the file), the cases are
 * streamed inside one Spark task per file, so a yearly file (modest: a few hundred thousand cases) never
 * sits in driver memory and several yearly files are read in parallel. The file must be visible to the
 * executors (true for local mode and shared storage). Numbers become text the way a delivery shows them:
 * 20190215.0 → "20190215", 1.0 → "1"; system-missing → null.
 */
final class SavReader {
    private SavReader() {
    }

    static SourceReader.Raw read(SparkSession spark, SourceFile f) {
        List<String> names = new ArrayList<>();
        try {
            SpssDataFileReader r;
            java.io.InputStream remote = null;
            if (f.path().isLocal()) {
                r = new SpssDataFileReader(f.path().local().toFile());
            } else {
                remote = nl.samenloop.storage.Storage.open(f.path());
                r = new SpssDataFileReader(new java.io.BufferedInputStream(remote));
            }
            try {
                for (SpssVariable v : r.getVariables()) {
                    if (!v.isVeryLongStringSegment()) {
                        names.add(v.getVariableName());
                    }
                }
            } finally {
                if (remote != null) {
                    remote.close();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IngestException(f.path() + ": unreadable SPSS .sav file (" + e.getClass().getSimpleName() + ")");
        }
        if (names.isEmpty()) {
            throw new IngestException(f.path() + ": SPSS .sav file has no variables");
        }
        StructType schema = new StructType();
        for (String n : names) {
            schema = schema.add(n, DataTypes.StringType, true);
        }
        schema = schema.add(SourceReader.ROW, DataTypes.LongType, false);
        String path = f.path().spark();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // A local file is opened by path in the task; one on HDFS or S3 through Spark's own Hadoop reader
        // (binaryFiles: one stream per file, opened on the executor with the cluster's Hadoop configuration).
        JavaRDD<Row> rows = f.path().isLocal()
                ? jsc.parallelize(List.of(path), 1).flatMap(p -> new Cases(p, null))
                : jsc.binaryFiles(path, 1).flatMap(t -> new Cases(path, new java.io.BufferedInputStream(t._2().open())));
        Dataset<Row> df = spark.createDataFrame(rows, schema).withColumn(SourceReader.FILE, lit(f.name()));
        return new SourceReader.Raw(names, df);
    }

    /** Streams the cases of one file as rows of text plus the 1-based case number. */
    private static final class Cases implements Iterator<Row> {
        private final String path;
        private final SpssDataFileReader reader;
        private final List<Integer> columns = new ArrayList<>();
        private final List<Boolean> numeric = new ArrayList<>();
        private long caseNo;
        private Row next;

        /** The stream of a file on HDFS/S3, closed after the last case; null for a local file. */
        private final java.io.InputStream stream;

        Cases(String path, java.io.InputStream stream) {
            this.path = path;
            this.stream = stream;
            try {
                reader = stream == null ? new SpssDataFileReader(path) : new SpssDataFileReader(stream);
            } catch (IOException | RuntimeException e) {
                throw new IngestException(path + ": unreadable SPSS .sav file (" + e.getClass().getSimpleName() + ")");
            }
            for (SpssVariable v : reader.getVariables()) {
                if (!v.isVeryLongStringSegment()) {
                    columns.add(v.getIndex());
                    numeric.add(v.isNumeric());
                }
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = next;
            next = null;
            return r;
        }

        private Row advance() {
            try {
                if (!reader.readNextCase()) {
                    // The header states the number of cases (-1 = unknown): fewer means a cut-off file.
                    if (reader.getNumCases() >= 0 && caseNo != reader.getNumCases()) {
                        throw new IngestException(path + ": SPSS .sav file ends after case " + caseNo + " of "
                                + reader.getNumCases());
                    }
                    if (stream != null) {
                        stream.close();
                    }
                    return null;
                }
                caseNo++;
                Object[] values = new Object[columns.size() + 1];
                for (int i = 0; i < columns.size(); i++) {
                    int c = columns.get(i);
                    values[i] = numeric.get(i) ? number(reader, c) : text(reader, c);
                }
                values[columns.size()] = caseNo;
                return RowFactory.create(values);
            } catch (IOException | RuntimeException e) {
                throw new IngestException(path + ": unreadable SPSS .sav file after case " + caseNo + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }

        private static String number(SpssDataFileReader r, int c) {
            if (r.isSystemMissing(c)) {
                return null;
            }
            double v = r.getDoubleValue(c);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return null;
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }

        private static String text(SpssDataFileReader r, int c) {
            String s = r.isVeryLongString(c) ? r.getVeryLongStringValue(c) : r.getStringValue(c);
            return s == null ? null : s.strip();
        }
    }
}
