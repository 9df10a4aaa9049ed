import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs bench/peers.sql (the I2, I3 ×2 and I4 counts as plain DuckDB SQL) on a generated input folder through
 * DuckDB's JDBC driver, prints the time of each step, writes the counts, and compares them one for one with the
 * cell tables Samenloop wrote for the same data (work/cells/&lt;job&gt;/&lt;table&gt;/cells.tsv). Started by bench/peers.sh
 * with the driver on the class path (Java's single-file source launcher; no project classes needed).
 *
 * <pre>java -cp duckdb_jdbc.jar bench/Peers.java DATA CLASS_YEAR FROM TO MUNICIPALITIES OUT.csv [CELLS_DIR]</pre>
 *
 * Prints counts of agreeing and differing numbers and, for differences, the count's name, geography and
 * period with both values: aggregates only, nothing record-level.
 */
public class Peers {
    public static void main(String[] a) throws Exception {
        Path data = Path.of(a[0]);
        String sql = Files.readString(Path.of("bench/peers.sql"), StandardCharsets.UTF_8)
                .replace("${THREADS}", System.getProperty("threads", "2"))
                .replace("${FROM}", a[2]).replace("${TO}", a[3]).replace("${CLASS}", a[1])
                .replace("${MUNICIPALITIES}", a[4])
                .replace("${AGE_REF}", "r.pend")
                .replace("${JH}", table(data, "JGDHULPBUS"))
                .replace("${JB}", table(data, "JGDBESCHERMBUS"))
                .replace("${JR}", table(data, "JGDRECLASSERINGBUS"))
                .replace("${PERSONS}", table(data, "GBAPERSOONTAB"))
                .replace("${ADDRESSES}", table(data, "GBAADRESOBJECTBUS"))
                .replace("${OBJECTS}", table(data, "VSLGWBTAB"));
        Map<String, Long> peer = new TreeMap<>();
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String step = null;
            long stepStart = System.nanoTime();
            StringBuilder stmt = new StringBuilder();
            for (String line : sql.split("\n")) {
                if (line.startsWith("-- step: ")) {
                    if (step != null) {
                        System.out.printf("  duckdb %-12s %6.1f s%n", step, (System.nanoTime() - stepStart) / 1e9);
                    }
                    step = line.substring(9).trim();
                    stepStart = System.nanoTime();
                }
                if (line.startsWith("--")) {
                    continue;
                }
                stmt.append(line).append('\n');
                if (line.trim().endsWith(";")) {
                    execute(st, stmt.toString());
                    stmt.setLength(0);
                }
            }
            try (ResultSet r = st.executeQuery("SELECT tbl, name, geo, period, value FROM result")) {
                while (r.next()) {
                    peer.put(key(r.getString(1), r.getString(2), r.getString(3), r.getString(4)), r.getLong(5));
                }
            }
            System.out.printf("  duckdb %-12s %6.1f s%n", step, (System.nanoTime() - stepStart) / 1e9);
        }
        System.out.printf("duckdb total: %.1f s, %d counts%n", (System.nanoTime() - start) / 1e9, peer.size());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(a[5]), StandardCharsets.UTF_8))) {
            w.println("table,name,geo,period,value");
            peer.forEach((k, v) -> w.println(k.replace('|', ',') + "," + v));
        }
        if (a.length > 6) {
            compare(peer, Path.of(a[6]), a[4]);
        }
    }

    private static void execute(Statement st, String sql) throws SQLException {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\nin:\n" + sql, e);
        }
    }

    /** A read_csv argument: the table's file, or every CSV file of its folder. */
    private static String table(Path data, String name) {
        Path dir = data.resolve(name);
        if (Files.isDirectory(dir)) {
            return "'" + dir + "/*.csv'";
        }
        return "'" + data.resolve(name + ".csv") + "'";
    }

    private static String key(String table, String name, String geo, String period) {
        return table + "|" + name + "|" + geo + "|" + period;
    }

    /**
     * Samenloop's counts of the same tables (numerators and denominators of every cell, distinct persons) for the
     * selected municipalities and the Netherlands per half-year, against the peer's. A count the peer lacks is 0.
     */
    static void compare(Map<String, Long> peer, Path cells, String municipalities) throws IOException {
        TreeSet<String> geos = new TreeSet<>(List.of(municipalities.split(",")));
        geos.add("NL01");
        Map<String, Long> ours = new TreeMap<>();
        for (String table : List.of("care_share", "concurrency-period", "concurrency-overlap", "followup")) {
            List<String> lines = Files.readAllLines(cells.resolve(table).resolve("cells.tsv"), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                String geo = f[2];
                String period = f[4];
                if (!geos.contains(geo) || !period.matches("\\d{4}HJ0[12]")) {
                    continue;
                }
                for (String count : new String[] {f[5], f[6]}) {
                    int b = count.lastIndexOf(':');
                    int s = count.lastIndexOf(':', b - 1);
                    ours.put(key(table, count.substring(0, s), geo, period), Long.parseLong(count.substring(b + 1)));
                }
            }
        }
        int same = 0;
        List<String> diff = new ArrayList<>();
        for (Map.Entry<String, Long> e : ours.entrySet()) {
            long p = peer.getOrDefault(e.getKey(), 0L);
            if (p == e.getValue()) {
                same++;
            } else {
                diff.add(e.getKey() + " samenloop " + e.getValue() + " duckdb " + p);
            }
        }
        for (String k : peer.keySet()) {
            if (!ours.containsKey(k) && peer.get(k) != 0) {
                diff.add(k + " samenloop (absent) duckdb " + peer.get(k));
            }
        }
        System.out.println("counts compared (persons, " + geos.size() + " geographies × half-years, I2 + I3 period + I3 overlap + I4): "
                + ours.size() + "; equal " + same + "; different " + diff.size());
        diff.stream().limit(40).forEach(d -> System.out.println("  DIFF " + d));
        if (!diff.isEmpty()) {
            System.exit(1);
        }
    }
}
