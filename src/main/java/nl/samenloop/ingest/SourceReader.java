package nl.samenloop.ingest;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.Partition;
import org.apache.spark.api.java.JavaHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.HadoopPartition;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Reads one source file as raw text: every column a string (so validation sees what was delivered), plus
 * {@code _file} (file name) and {@code _row} (1-based data row number, the header not counted); CSV records
 * also {@code _shape} (null, or why the record's field count differs from the header's: {@link CsvRecords}).
 */
final class SourceReader {
    static final String FILE = "_file";
    static final String ROW = "_row";
    static final String SHAPE = "_shape";

    private SourceReader() {
    }

    /** The file's columns (as named in the file) and its rows. */
    record Raw(List<String> columns, Dataset<Row> rows) {
    }

    static Raw read(SparkSession spark, SourceFile f) {
        return switch (f.format()) {
            case CSV -> csv(spark, f);
            case PARQUET -> parquet(spark, f);
            case SAV -> SavReader.read(spark, f);
        };
    }

    /**
     * CSV through Hadoop's line reader: the raw bytes of each line are decoded with the detected charset
     * (Spark's text source only knows UTF-8), each line is numbered from where its split starts counting
     * ({@link LineIndex}: one scan on the driver instead of a Spark job counting every split), and Spark's own
     * CSV parser ({@code from_csv}) splits the fields, so quoting follows the usual rules. Line number = data
     * row number because the header is line 0. Blank lines are not records. A file in which a quoted field
     * holds a line break (found by the same scan) is read record by record in one task instead
     * ({@link CsvRecords}): such a record may cross any split boundary; its row is the line it starts on.
     */
    private static Raw csv(SparkSession spark, SourceFile f) {
        CsvDialect d = CsvDialect.detect(f.path());
        List<String> header = uniqueHeader(f, d.header());
        String charset = d.charset().name();
        char sep = d.separator();
        int width = header.size();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        @SuppressWarnings("unchecked")
        JavaHadoopRDD<LongWritable, Text> text = (JavaHadoopRDD<LongWritable, Text>) jsc.hadoopFile(
                f.path().spark(), TextInputFormat.class, LongWritable.class, Text.class);
        Partition[] splits = text.rdd().partitions();
        long[] starts = new long[splits.length];
        for (int i = 0; i < splits.length; i++) {
            starts[i] = ((FileSplit) ((HadoopPartition) splits[i]).inputSplit().value()).getStart();
        }
        LineIndex.Index index = LineIndex.scan(f.path(), starts, sep);
        String path = f.path().spark();
        JavaRDD<Row> lines;
        if (index.quotedLineBreakLine() >= 0) {
            lines = jsc.binaryFiles(path, 1).values()
                    .flatMap(stream -> CsvRecords.records(stream.open(), Charset.forName(charset), sep, width, path));
        } else {
            HashMap<Long, long[]> firstLines = new HashMap<>(index.firstLines());
            lines = text.mapPartitionsWithInputSplit(
                    (split, it) -> numbered(path, charset, sep, width, firstLines.get(((FileSplit) split).getStart()), it),
                    false);
        }
        StructType lineSchema = new StructType()
                .add("line", DataTypes.StringType, false)
                .add(ROW, DataTypes.LongType, false)
                .add(SHAPE, DataTypes.StringType, true);
        StructType fields = new StructType();
        for (String h : header) {
            fields = fields.add(h, DataTypes.StringType, true);
        }
        // RFC 4180 quoting, as the field count, the record scan and the header split read it: a quote inside a
        // quoted field is doubled (Spark's default escape is a backslash, which would split "a ""b"", c" wrongly).
        Map<String, String> opts = csvOptions(sep);
        List<Column> out = new ArrayList<>();
        for (String h : header) {
            out.add(col("r").getField(h).as(h));
        }
        out.add(lit(f.name()).as(FILE));
        out.add(col(ROW));
        out.add(col(SHAPE));
        Dataset<Row> rows = spark.createDataFrame(lines, lineSchema)
                .select(from_csv(col("line"), lit(fields.toDDL()), opts).as("r"), col(ROW), col(SHAPE))
                .select(out.toArray(Column[]::new));
        return new Raw(header, rows);
    }

    /**
     * The options of Spark's CSV parser for one file: RFC 4180 quoting, as the field count, the record scan and the
     * header split read it (a quote inside a quoted field is doubled; Spark's default escape is a backslash, which
     * would split "a ""b"", c" wrongly). {@link LocalIngest} tokenizes with the same options.
     */
    static Map<String, String> csvOptions(char sep) {
        return Map.of("sep", String.valueOf(sep), "mode", "PERMISSIVE", "escape", "\"");
    }

    /**
     * The non-blank data lines of one split as (text, row number, shape); {@code first} from {@link LineIndex}.
     */
    private static Iterator<Row> numbered(String path, String charset, char sep, int width, long[] first,
            Iterator<Tuple2<LongWritable, Text>> it) {
        Charset cs = Charset.forName(charset);
        return new Iterator<>() {
            private long number = first == null ? -1 : first[1];
            private boolean checked;
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && it.hasNext()) {
                    Tuple2<LongWritable, Text> t = it.next();
                    if (!checked) {
                        if (first == null || t._1().get() != first[0]) {
                            throw new IngestException(path + ": line numbering does not match how the file was split "
                                    + "(at byte offset " + t._1().get() + ")");
                        }
                        checked = true;
                    }
                    long row = number++;
                    String line = new String(t._2().getBytes(), 0, t._2().getLength(), cs);
                    if (row > 0 && !line.isBlank()) {
                        next = RowFactory.create(line, row, CsvRecords.shape(line, sep, width));
                    }
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
        };
    }

    static List<String> uniqueHeader(SourceFile f, List<String> header) {
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (h.isEmpty()) {
                throw new IngestException(f.path() + ": header has an empty column name");
            }
            if (!seen.add(h.toLowerCase(Locale.ROOT))) {
                throw new IngestException(f.path() + ": column " + h + " appears twice in the header");
            }
        }
        return header;
    }

    /**
     * Parquet file or folder. Row numbers come from {@code _metadata.row_index} (position within each Parquet
     * file); a folder's part files are named {@code folder/part}. Typed columns are turned back into the text
     * a delivery would carry: integral doubles without ".0", dates as YYYYMMDD.
     */
    private static Raw parquet(SparkSession spark, SourceFile f) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(f.path().spark());
            df.schema();
        } catch (Exception e) { // SparkException is checked in Java but thrown from Scala code

            throw new IngestException(f.path() + ": unreadable Parquet file (" + e.getClass().getSimpleName() + ")", e);
        }
        List<String> names = new ArrayList<>();
        List<Column> out = new ArrayList<>();
        for (StructField sf : df.schema().fields()) {
            names.add(sf.name());
            out.add(asText(col("`" + sf.name() + "`"), sf.dataType()).as(sf.name()));
        }
        uniqueHeader(f, names);
        Column file = isFolder(f)
                ? concat(lit(f.name() + "/"), col("_metadata.file_name"))
                : lit(f.name());
        out.add(file.as(FILE));
        out.add(col("_metadata.row_index").plus(1).as(ROW));
        return new Raw(names, df.select(out.toArray(Column[]::new)));
    }

    private static boolean isFolder(SourceFile f) {
        try {
            return nl.samenloop.storage.Storage.isFolder(f.path());
        } catch (java.io.IOException e) {
            throw new IngestException(f.path() + ": unreadable Parquet file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    static Column asText(Column c, DataType t) {
        if (t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType)) {
            Column d = c.cast(DataTypes.DoubleType);
            return when(abs(d).lt(1e15).and(d.equalTo(floor(d))), d.cast(DataTypes.LongType).cast(DataTypes.StringType))
                    .otherwise(d.cast(DataTypes.StringType));
        }
        if (t instanceof DecimalType) {
            return c.cast(DataTypes.StringType);
        }
        if (t.equals(DataTypes.DateType) || t.equals(DataTypes.TimestampType)) {
            return date_format(c, "yyyyMMdd");
        }
        return c.cast(DataTypes.StringType);
    }
}
