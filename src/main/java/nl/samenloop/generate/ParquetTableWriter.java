package nl.samenloop.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;

/**
 * One Parquet file per table through parquet-hadoop's example writer onto a local file. Chosen over Spark
 * because the generator streams rows from worker threads in a fixed order into exactly one file per table:
 * no session, no task-dependent part files, bounded memory (one row group buffered), and byte-identical
 * output for the same seed. NUMBER columns are optional INT32, STRING columns optional UTF-8 binary.
 */
final class ParquetTableWriter implements TableWriter {
    private final TableSchema schema;
    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory groups;
    private final Path file;
    private long rows;

    ParquetTableWriter(Path file, TableSchema schema) throws IOException {
        this.file = file;
        this.schema = schema;
        Types.MessageTypeBuilder mb = Types.buildMessage();
        for (TableSchema.Column c : schema.columns()) {
            if (c.type() == TableSchema.Type.NUMBER) {
                mb.optional(PrimitiveType.PrimitiveTypeName.INT32).named(c.name());
            } else {
                mb.optional(PrimitiveType.PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        MessageType type = mb.named(schema.table());
        Files.deleteIfExists(file);
        Configuration conf = new Configuration(false);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(conf)
                .withType(type)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
        this.groups = new SimpleGroupFactory(type);
    }

    @Override
    public void write(String[] row) throws IOException {
        Group g = groups.newGroup();
        for (int i = 0; i < row.length; i++) {
            String v = row[i];
            if (v == null || v.isEmpty()) {
                continue;
            }
            TableSchema.Column c = schema.columns().get(i);
            if (c.type() == TableSchema.Type.NUMBER) {
                try {
                    g.add(i, Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file.getFileName() + ": column " + c.name()
                            + " is INT32 in the Parquet layout but got a non-number");
                }
            } else {
                g.add(i, v);
            }
        }
        writer.write(g);
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
