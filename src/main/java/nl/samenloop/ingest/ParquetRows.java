package nl.samenloop.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * A Parquet dataset written without Spark, as Spark writes it and reads it back: a folder of {@code part-NNNNN}
 * files, every column optional (nullable), dates as INT32 DATE, strings as UTF-8 BINARY. Rows go round-robin
 * over the part files, so a later Spark stage reads the dataset with that many tasks. Used by {@link LocalIngest}
 * for the staged datasets and the rejects; the folder is a new one in the staging generation being written.
 */
final class ParquetRows implements AutoCloseable {
    /** Column types of the staged datasets and rejects ({@link Staging}). */
    enum Kind { LONG, INT, DATE, BOOLEAN, STRING }

    private final LinkedHashMap<String, Kind> columns;
    private final List<ParquetWriter<Object[]>> parts = new ArrayList<>();
    private long rows;

    /**
     * @param dir   the dataset's folder (created)
     * @param parts number of part files (at least 1; every part file is written, also when it gets no row, so an
     *              empty dataset still has its schema)
     * @param codec Parquet compression codec name as Spark's {@code spark.sql.parquet.compression.codec}
     */
    ParquetRows(Location dir, LinkedHashMap<String, Kind> columns, int parts, String codec) {
        this.columns = new LinkedHashMap<>(columns);
        MessageType schema = schema(columns);
        Configuration conf = new Configuration(Location.hadoopConf());
        try {
            Storage.createFolders(dir);
            for (int i = 0; i < Math.max(1, parts); i++) {
                Location file = dir.resolve(String.format("part-%05d-local.%s.parquet", i, codec.toLowerCase(java.util.Locale.ROOT)));
                this.parts.add(new Builder(HadoopOutputFile.fromPath(file.hadoop(), conf), schema)
                        .withConf(conf)
                        .withCompressionCodec(CompressionCodecName.fromConf(codec))
                        .withWriteMode(ParquetFileWriter.Mode.CREATE)
                        .build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write Parquet", e);
        }
    }

    /** Adds one row: values in column order, null for a null value; a DATE as its epoch day (Integer). */
    void write(Object[] row) {
        try {
            parts.get((int) (rows++ % parts.size())).write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() {
        IOException first = null;
        for (ParquetWriter<Object[]> w : parts) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new UncheckedIOException(first);
        }
    }

    private static MessageType schema(Map<String, Kind> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Map.Entry<String, Kind> c : columns.entrySet()) {
            switch (c.getValue()) {
                case LONG -> b.optional(PrimitiveTypeName.INT64).named(c.getKey());
                case INT -> b.optional(PrimitiveTypeName.INT32).named(c.getKey());
                case DATE -> b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(c.getKey());
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.getKey());
                case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.getKey());
                default -> throw new IllegalStateException(c.getValue().name());
            }
        }
        return b.named("spark_schema");
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final MessageType schema;

        Builder(org.apache.parquet.io.OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowSupport(schema);
        }
    }

    private static final class RowSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private final Kind[] kinds;
        private final String[] names;
        private RecordConsumer out;

        RowSupport(MessageType schema) {
            this.schema = schema;
            this.names = new String[schema.getFieldCount()];
            this.kinds = new Kind[names.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = schema.getFieldName(i);
                var t = schema.getType(i).asPrimitiveType();
                LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
                kinds[i] = switch (t.getPrimitiveTypeName()) {
                    case INT64 -> Kind.LONG;
                    case INT32 -> a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? Kind.DATE : Kind.INT;
                    case BOOLEAN -> Kind.BOOLEAN;
                    default -> Kind.STRING;
                };
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            for (int i = 0; i < names.length; i++) {
                Object v = row[i];
                if (v == null) {
                    continue;
                }
                out.startField(names[i], i);
                switch (kinds[i]) {
                    case LONG -> out.addLong((Long) v);
                    case INT, DATE -> out.addInteger((Integer) v);
                    case BOOLEAN -> out.addBoolean((Boolean) v);
                    default -> out.addBinary(Binary.fromString((String) v));
                }
                out.endField(names[i], i);
            }
            out.endMessage();
        }
    }
}
