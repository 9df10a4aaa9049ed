package nl.samenloop.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.publish.TidyCsvWriter;

/**
 * One {@code tables/<name>.csv} of a package as the checker reads it: its rows by (measure, area, period), each
 * with the line it stands on. The columns are {@link TidyCsvWriter#COLUMNS}.
 */
record PublishedTable(String name, String file, List<Row> rows, List<String> problems) {

    /** One tidy row; numbers are kept as printed ({@code .} when not shown). */
    record Row(int line, String measure, String level, String geo, String period, String numerator,
               String denominator, String value, String status) {
        String key() {
            return key(measure, geo, period);
        }

        static String key(String measure, String geo, String period) {
            return measure + "|" + geo + "|" + period;
        }

        /** How a finding names this row: the line, then measure, area and period (never a value). */
        String where(String file) {
            return file + " line " + line + " (" + measure + ", " + geo + ", " + period + ")";
        }
    }

    static PublishedTable read(Path csv, String file) throws IOException {
        String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (lines.isEmpty() || !split(lines.get(0)).equals(TidyCsvWriter.COLUMNS)) {
            problems.add(file + " line 1: header is not " + String.join(",", TidyCsvWriter.COLUMNS));
            return new PublishedTable(name, file, rows, problems);
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = split(lines.get(i));
            if (f.size() != TidyCsvWriter.COLUMNS.size()) {
                problems.add(file + " line " + (i + 1) + ": expected " + TidyCsvWriter.COLUMNS.size() + " fields, found "
                        + f.size());
                continue;
            }
            rows.add(new Row(i + 1, f.get(1), f.get(2), f.get(3), f.get(5), f.get(6), f.get(7), f.get(8), f.get(9)));
        }
        return new PublishedTable(name, file, rows, problems);
    }

    Map<String, Row> byKey() {
        Map<String, Row> m = new LinkedHashMap<>();
        rows.forEach(r -> m.putIfAbsent(r.key(), r));
        return m;
    }

    /** RFC 4180 fields of one line (the writers quote only names with a comma or a quote). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }
}
