package nl.samenloop.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** CSV with a header row, '\n' line ends, fields quoted only when they contain the separator or a quote. */
final class CsvTableWriter implements TableWriter {
    private final Writer out;
    private final char sep;
    private final StringBuilder line = new StringBuilder(128);
    private long rows;

    CsvTableWriter(Path file, TableSchema schema, char sep, Charset charset) throws IOException {
        this.sep = sep;
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset), 1 << 16);
        String[] header = new String[schema.size()];
        for (int i = 0; i < header.length; i++) {
            header[i] = schema.columns().get(i).name();
        }
        writeLine(header);
    }

    @Override
    public void write(String[] row) throws IOException {
        writeLine(row);
        rows++;
    }

    private void writeLine(String[] row) throws IOException {
        line.setLength(0);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append(sep);
            }
            String v = row[i];
            if (v == null) {
                continue;
            }
            if (v.indexOf(sep) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                line.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                line.append(v);
            }
        }
        line.append('\n');
        out.append(line);
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
