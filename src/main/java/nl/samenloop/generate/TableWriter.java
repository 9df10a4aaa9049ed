package nl.samenloop.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams rows of one table into one file. A row is one String per column; null or "" is an empty value
 * (an empty CSV field, a Parquet null, SPSS system-missing or blanks).
 */
interface TableWriter extends Closeable {
    void write(String[] row) throws IOException;

    long rows();

    static TableWriter open(GeneratorSpec spec, Path file, TableSchema schema) throws IOException {
        return switch (spec.format()) {
            case CSV -> new CsvTableWriter(file, schema, spec.csvSeparator(), spec.csvCharset());
            case PARQUET -> new ParquetTableWriter(file, schema);
            case SAV -> new SavTableWriter(file, schema, spec.toYear());
        };
    }
}
