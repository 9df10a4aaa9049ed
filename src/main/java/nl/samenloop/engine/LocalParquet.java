package nl.samenloop.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.samenloop.storage.Location;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads the columns of a local Parquet dataset (a folder of part files, as Spark and {@code ParquetRows} write them)
 * row by row without Spark: the local engine's reader of the staged tables. Only flat schemas of INT32 (also DATE,
 * as its epoch day), INT64, BOOLEAN and UTF-8 BINARY columns; only the requested columns are decoded, and strings
 * stored with a dictionary are decoded once per dictionary entry (equal values are then the same String).
 */
public final class LocalParquet {
    private LocalParquet() {
    }

    /** The values of the current row, by position in the requested column list. */
    public static final class Values {
        private final long[] num;
        private final String[] str;
        private final boolean[] missing;

        Values(int n) {
            num = new long[n];
            str = new String[n];
            missing = new boolean[n];
        }

        public boolean isNull(int i) {
            return missing[i];
        }

        public long getLong(int i) {
            return num[i];
        }

        /** An INT32 or DATE value (a date as its epoch day). */
        public int getInt(int i) {
            return (int) num[i];
        }

        public boolean getBoolean(int i) {
            return num[i] != 0;
        }

        public String getString(int i) {
            return str[i];
        }

        void reset() {
            java.util.Arrays.fill(missing, true);
        }
    }

    /** Receives every row; the {@link Values} object is reused between rows. */
    @FunctionalInterface
    public interface Sink {
        void row(Values v);
    }

    /** The part files of a dataset folder, in name order (Spark's metadata and hidden files skipped). */
    public static List<Path> parts(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith("_") && !n.startsWith(".") && n.endsWith(".parquet");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the dataset " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code columns} of every row of every part file of {@code dir}; returns the number of rows. */
    public static long read(Path dir, List<String> columns, Sink sink) {
        long rows = 0;
        for (Path part : parts(dir)) {
            rows += readFile(part, columns, sink);
        }
        return rows;
    }

    private static long readFile(Path file, List<String> columns, Sink sink) {
        Values v = new Values(columns.size());
        Configuration conf = new Configuration(Location.hadoopConf());
        long rows = 0;
        try (ParquetReader<Values> reader = ParquetReader.builder(new Support(columns, v),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(conf).build()) {
            while (reader.read() != null) {
                sink.row(v);
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static final class Support extends ReadSupport<Values> {
        private final List<String> columns;
        private final Values values;

        Support(List<String> columns, Values values) {
            this.columns = columns;
            this.values = values;
        }

        @Override
        public ReadContext init(InitContext context) {
            MessageType file = context.getFileSchema();
            List<Type> fields = new ArrayList<>();
            for (String c : columns) {
                if (!file.containsField(c)) {
                    throw new IllegalStateException("the staged dataset has no column " + c);
                }
                fields.add(file.getType(c));
            }
            return new ReadContext(new MessageType(file.getName(), fields));
        }

        @Override
        public RecordMaterializer<Values> prepareForRead(Configuration conf, Map<String, String> keyValueMetaData,
                                                         MessageType fileSchema, ReadContext readContext) {
            MessageType requested = readContext.getRequestedSchema();
            Converter[] converters = new Converter[requested.getFieldCount()];
            for (int f = 0; f < converters.length; f++) {
                converters[f] = new Column(values, columns.indexOf(requested.getFieldName(f)),
                        requested.getType(f).asPrimitiveType().getPrimitiveTypeName());
            }
            GroupConverter root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return converters[fieldIndex];
                }

                @Override
                public void start() {
                    values.reset();
                }

                @Override
                public void end() {
                }
            };
            return new RecordMaterializer<>() {
                @Override
                public Values getCurrentRecord() {
                    return values;
                }

                @Override
                public GroupConverter getRootConverter() {
                    return root;
                }
            };
        }
    }

    private static final class Column extends PrimitiveConverter {
        private final Values v;
        private final int i;
        private final PrimitiveTypeName type;
        private String[] strings;
        private long[] numbers;

        Column(Values v, int i, PrimitiveTypeName type) {
            this.v = v;
            this.i = i;
            this.type = type;
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary d) {
            int n = d.getMaxId() + 1;
            strings = null;
            numbers = null;
            switch (type) {
                case BINARY -> {
                    strings = new String[n];
                    for (int k = 0; k < n; k++) {
                        strings[k] = d.decodeToBinary(k).toStringUsingUTF8();
                    }
                }
                case INT32 -> {
                    numbers = new long[n];
                    for (int k = 0; k < n; k++) {
                        numbers[k] = d.decodeToInt(k);
                    }
                }
                case INT64 -> {
                    numbers = new long[n];
                    for (int k = 0; k < n; k++) {
                        numbers[k] = d.decodeToLong(k);
                    }
                }
                default -> throw new IllegalStateException("a dictionary for a " + type + " column is not supported");
            }
        }

        @Override
        public void addValueFromDictionary(int id) {
            if (strings != null) {
                v.str[i] = strings[id];
            } else {
                v.num[i] = numbers[id];
            }
            v.missing[i] = false;
        }

        @Override
        public void addBinary(Binary value) {
            v.str[i] = value.toStringUsingUTF8();
            v.missing[i] = false;
        }

        @Override
        public void addBoolean(boolean value) {
            v.num[i] = value ? 1 : 0;
            v.missing[i] = false;
        }

        @Override
        public void addInt(int value) {
            v.num[i] = value;
            v.missing[i] = false;
        }

        @Override
        public void addLong(long value) {
            v.num[i] = value;
            v.missing[i] = false;
        }
    }
}
