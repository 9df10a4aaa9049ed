package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.samenloop.model.Reference;

/** Every generated Parquet table holds the same values as the CSV of the same seed. */
class ParquetOutputTest {
    private static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(InputFile f) {
            super(f);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    @Test
    void generatedParquetEqualsGeneratedCsv(@TempDir Path d) throws Exception {
        Reference ref = Reference.load(Path.of("conf"));
        GeneratorSpec spec = GeneratorSpec.defaults(9, 1_500).withSplit(false, 0).withFaultRate(0.03);
        Generator.generate(spec, d.resolve("csv"), ref);
        GenerationResult pq = Generator.generate(spec.withFormat(OutputFormat.PARQUET), d.resolve("pq"), ref);
        for (String path : pq.rowsPerFile().keySet()) {
            List<String[]> csv = GeneratedData.read(d.resolve("csv").resolve(path.replace(".parquet", ".csv")));
            try (ParquetReader<Group> r = new GroupReader(new LocalInputFile(d.resolve("pq").resolve(path))).build()) {
                for (String[] row : csv) {
                    Group g = r.read();
                    for (int i = 0; i < row.length; i++) {
                        Type t = g.getType().getType(i);
                        if (g.getFieldRepetitionCount(i) == 0) {
                            assertEquals("", row[i], path + " " + t.getName());
                        } else if (t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32) {
                            assertEquals(Integer.parseInt(row[i]), g.getInteger(i, 0), path + " " + t.getName());
                        } else {
                            assertEquals(row[i], g.getString(i, 0), path + " " + t.getName());
                        }
                    }
                }
                assertNull(r.read(), path + " has no extra rows");
            }
        }
    }
}
