package nl.samenloop.publish;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.samenloop.disclosure.ProtectedCell;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.indicators.Cell;

/**
 * {@code tables/<name>.csv}: the tidy, machine-readable table of spec disclosure.md ("Package contents").
 * UTF-8 without byte-order mark, comma separated, one header line, {@code \n} line ends, rows in the
 * order the table gives them. A number that is not shown prints as {@code .}, as CBS does; values carry
 * one decimal with a '.' decimal point so any tool parses them. Rows computed only for the audit
 * ({@code released == false}) are not publication rows and are left out.
 */
public final class TidyCsvWriter {
    public static final List<String> COLUMNS = List.of("indicator", "measure", "geography_level", "geography_code",
            "geography_name", "period", "numerator", "denominator", "value", "status");

    static final String NOT_SHOWN = ".";

    private TidyCsvWriter() {
    }

    public static Path write(Path tablesDir, ProtectedTable table) throws IOException {
        Files.createDirectories(tablesDir);
        Path file = tablesDir.resolve(table.source().name() + ".csv");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS));
            w.write('\n');
            for (ProtectedCell pc : table.rows()) {
                if (!pc.cell().released()) {
                    continue;
                }
                w.write(line(table, PublishedRow.of(table, pc)));
                w.write('\n');
            }
        }
        return file;
    }

    static String line(ProtectedTable table, PublishedRow row) {
        Cell c = row.cell();
        String[] f = {
            table.source().indicator(), c.measure(), c.level().key, c.geoCode(),
            c.geoName() == null ? "" : c.geoName(), c.period(),
            row.numerator() == null ? NOT_SHOWN : Long.toString(row.numerator()),
            row.denominator() == null ? NOT_SHOWN : Long.toString(row.denominator()),
            row.value() == null ? NOT_SHOWN : row.value().toPlainString(),
            row.status().name()
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(f[i]));
        }
        return sb.toString();
    }

    /** RFC 4180 quoting, only where needed (a municipality name may hold a comma or a quote). */
    static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
