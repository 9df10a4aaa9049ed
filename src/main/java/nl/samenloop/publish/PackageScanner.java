package nl.samenloop.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.samenloop.disclosure.ProtectedCell;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.indicators.CountRef;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A last look over a written package for what must never leave the secure environment (spec
 * disclosure.md: no record-level row, no RINPERSOON, no suppressed count, in no file): it reads every
 * text file (csv, md, txt, tsv, json, yaml) line by line and every xlsx cell, and reports
 * <ul>
 * <li>{@link Kind#PERSON_KEY}: a 9-digit number standing alone (the form of RINPERSOON);</li>
 * <li>{@link Kind#RECORD_COLUMN}: the name of a record-level column (RINPERSOON(S), RINOBJECTNUMMER,
 * SOORTOBJECTNUMMER, GBAGEBOORTEJAAR/-MAAND/-DAG);</li>
 * <li>{@link Kind#DATE}: an 8-digit number that is a calendar date YYYYMMDD (the microdata date form);</li>
 * <li>{@link Kind#SUPPRESSED_VALUE}: a whole number equal to a suppressed count the caller supplies,
 * where that count could stand: in a CSV, a row whose geography-code, period and (if present) count
 * columns name it; in a workbook, a row naming its geography code, in a column headed by its period and
 * — with the {@link XlsxWriter} block headers "Teller (X)" / "Noemer (X)" — by its count name; in other
 * text, a line naming its geography code and its period (or no period).</li>
 * </ul>
 * The suppressed-value check is tied to the count's place on purpose: small counts (3, 7) turn up
 * everywhere — status tallies, thresholds, other counts — and a check on bare numbers would bury a real
 * leak in noise. Given the tables ({@link #scan(Path, Collection, List)}), a line of a tidy table is
 * compared with its own numerator and denominator counts only. CSV columns whose header is an interval
 * bound (lower, upper, bound, interval, width, min, max as a word) are not compared: audit intervals are
 * meant to be published and a zero count always equals its own lower bound. Binary files (png) are
 * listed as not scanned. Findings never repeat the number they found, only where it is.
 */
public final class PackageScanner {
    public enum Kind { PERSON_KEY, RECORD_COLUMN, DATE, SUPPRESSED_VALUE }

    /**
     * A suppressed count and its true value, from the secure working copy, with the table it belongs to (null:
     * any). Count names are per table: I3's WITH_JEUGDBESCHERMING and I4's are different numbers, so a count is
     * only looked for where its own table is printed ({@code tables/<table>.*}, rows of a {@code table} column)
     * and in files that do not say which table they show.
     */
    public record SuppressedCount(CountRef ref, long value, String table) {
        public SuppressedCount(CountRef ref, long value) {
            this(ref, value, null);
        }

        boolean of(String fileTable) {
            return table == null || fileTable == null || table.equals(fileTable);
        }
    }

    /** {@code location} is "line 12" or "sheet 'X' cell C7". */
    public record Finding(String file, String location, Kind kind, String detail) {
        @Override
        public String toString() {
            return file + " " + location + ": " + kind + " (" + detail + ")";
        }
    }

    public record Report(List<String> scanned, List<String> notScanned, List<Finding> findings) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    private static final List<String> TEXT_EXTENSIONS = List.of(".csv", ".md", ".txt", ".tsv", ".json", ".yaml", ".yml");
    // A number standing alone: not glued to letters, digits or '_' (so hex checksums and codes like
    // GM0599 or 2019HJ01 are not numbers); a decimal part makes it a different number.
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}_.])(\\d+)((?:[.,]\\d+)?)(?![\\p{L}\\p{N}_])");
    private static final Pattern RECORD_COLUMN = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}])(RINPERSOONS?|RINOBJECTNUMMER|SOORTOBJECTNUMMER|GBAGEBOORTE(?:JAAR|MAAND|DAG))(?![\\p{L}\\p{N}])");
    private static final Pattern PERIOD = Pattern.compile("(?<![\\p{L}\\p{N}])\\d{4}(?:JJ00|HJ0[12]|KW0[1-4])(?:-\\d{4}(?:JJ00|HJ0[12]|KW0[1-4]))?(?![\\p{L}\\p{N}])");
    private static final Pattern CODE_SPLIT = Pattern.compile("[^\\p{L}\\p{N}-]+");
    private static final Pattern BLOCK_HEADER = Pattern.compile("(?:Teller|Noemer) \\((.+)\\)|Waarde.*");
    // Whole words only: "denominator" contains "min" and must still be checked.
    private static final Pattern BOUND_HEADER = Pattern.compile(
            "(?i)(?:.*[_\\s-])?(?:lower|upper|bounds?|interval|width|min|max|minimum|maximum)(?:[_\\s-].*)?");

    private PackageScanner() {
    }

    public static Report scan(Path packageDir, Collection<SuppressedCount> suppressed) throws IOException {
        return scan(packageDir, suppressed, List.of());
    }

    /**
     * As {@link #scan(Path, Collection)}, and with the tables the package was written from: then a line
     * of a tidy table {@code tables/<name>.csv} is checked exactly — its numerator field against its own
     * numerator count, its denominator field against its own denominator count — instead of against
     * every suppressed count of its geography and period (which can match another measure's shown
     * count by chance).
     */
    public static Report scan(Path packageDir, Collection<SuppressedCount> suppressed, List<ProtectedTable> tables)
            throws IOException {
        Suppressed sup = new Suppressed(suppressed, tables);
        List<Path> files;
        try (Stream<Path> s = Files.walk(packageDir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> scanned = new ArrayList<>();
        List<String> notScanned = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Path f : files) {
            String rel = packageDir.relativize(f).toString().replace('\\', '/');
            String lower = rel.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".xlsx")) {
                scanWorkbook(f, rel, sup, findings);
                scanned.add(rel);
            } else if (lower.endsWith(".csv")) {
                scanCsv(f, rel, sup, findings);
                scanned.add(rel);
            } else if (TEXT_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
                scanText(f, rel, sup, findings);
                scanned.add(rel);
            } else {
                notScanned.add(rel);
            }
        }
        return new Report(scanned, notScanned, findings);
    }

    /** The suppressed counts, indexed by geography, and where each released row prints its counts. */
    private static final class Suppressed {
        /** By table (empty for counts of any table) and reference. */
        final Map<String, Long> value = new HashMap<>();
        final Map<String, List<SuppressedCount>> byGeo = new HashMap<>();
        final Map<String, nl.samenloop.indicators.Cell> printedAt = new HashMap<>();

        Suppressed(Collection<SuppressedCount> suppressed, List<ProtectedTable> tables) {
            for (SuppressedCount s : suppressed) {
                value.put(valueKey(s.table(), s.ref()), s.value());
                byGeo.computeIfAbsent(s.ref().geoCode(), k -> new ArrayList<>()).add(s);
            }
            for (ProtectedTable t : tables) {
                for (ProtectedCell pc : t.rows()) {
                    nl.samenloop.indicators.Cell c = pc.cell();
                    printedAt.put(key(t.source().name(), c.measure(), c.geoCode(), c.period()), c);
                }
            }
        }

        static String valueKey(String table, CountRef ref) {
            return (table == null ? "" : table) + "\u0000" + ref;
        }

        /** The suppressed value of a count of this table, or of a count not tied to a table; null when not suppressed. */
        Long value(String table, CountRef ref) {
            Long v = value.get(valueKey(table, ref));
            return v != null ? v : value.get(valueKey(null, ref));
        }

        static String key(String table, String measure, String geo, String period) {
            return table + "\u0000" + measure + "\u0000" + geo + "\u0000" + period;
        }

        /** The suppressed counts of a table (null: any) whose geography code the text names. */
        List<SuppressedCount> named(String text, String table) {
            List<SuppressedCount> out = new ArrayList<>();
            if (byGeo.isEmpty()) {
                return out;
            }
            Set<String> seen = new HashSet<>();
            for (String token : CODE_SPLIT.split(text)) {
                List<SuppressedCount> l = byGeo.get(token);
                if (l != null && seen.add(token)) {
                    for (SuppressedCount s : l) {
                        if (s.of(table)) {
                            out.add(s);
                        }
                    }
                }
            }
            return out;
        }
    }

    private static void scanText(Path f, String rel, Suppressed sup, List<Finding> out) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = "line " + (i + 1);
            checkText(line, rel, where, out);
            List<Long> numbers = null;
            Set<String> periods = null;
            for (SuppressedCount s : sup.named(line, null)) {
                numbers = numbers == null ? wholeNumbers(line) : numbers;
                periods = periods == null ? periods(line) : periods;
                if (periodMatches(periods, s.ref().period()) && numbers.contains(s.value())) {
                    out.add(new Finding(rel, where, Kind.SUPPRESSED_VALUE, "a number equal to suppressed count " + s.ref()));
                }
            }
        }
    }

    /**
     * CSV files are read by column: a header that names the geography code, the period or the count
     * ({@code geography_code}, {@code period}, {@code count}) ties a suppressed count to exactly those
     * fields, and interval-bound columns are not compared (see the class comment).
     */
    private static void scanCsv(Path f, String rel, Suppressed sup, List<Finding> out) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        List<String> header = CsvFields.split(lines.get(0)).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        checkText(lines.get(0), rel, "line 1", out);
        int geoCol = firstOf(header, "geography_code", "geo_code", "geocode");
        int periodCol = header.indexOf("period");
        int countCol = firstOf(header, "count", "count_name");
        int tableCol = header.indexOf("table");
        boolean tidy = header.equals(TidyCsvWriter.COLUMNS);
        String fileTable = tableOf(rel);
        String table = tidy ? fileTable : null;
        List<Integer> numberCols = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c != geoCol && c != periodCol && c != countCol && c != tableCol
                    && !BOUND_HEADER.matcher(header.get(c)).matches()) {
                numberCols.add(c);
            }
        }
        // Lines are checked independently of each other: the file is cut into one run of lines per core (the audit
        // relations of a national package are tens of megabytes), and the findings are joined in line order.
        CsvLayout layout = new CsvLayout(header, geoCol, periodCol, countCol, tableCol, table, fileTable, numberCols);
        int n = lines.size() - 1;
        int runs = n < 20_000 ? 1 : Math.min(n / 10_000, Runtime.getRuntime().availableProcessors());
        List<List<Finding>> found = java.util.stream.IntStream.range(0, runs).parallel().mapToObj(k -> {
            List<Finding> local = new ArrayList<>();
            for (int i = 1 + (int) ((long) n * k / runs); i < 1 + (int) ((long) n * (k + 1) / runs); i++) {
                csvLine(lines.get(i), i, rel, layout, sup, local);
            }
            return local;
        }).toList();
        found.forEach(out::addAll);
    }

    /**
     * What a CSV's header says about its lines: where the geography, period, count and table are, and which
     * columns hold numbers.
     */
    private record CsvLayout(List<String> header, int geoCol, int periodCol, int countCol, int tableCol, String table,
                             String fileTable, List<Integer> numberCols) {
    }

    private static void csvLine(String line, int i, String rel, CsvLayout layout, Suppressed sup, List<Finding> out) {
        List<String> header = layout.header();
        int geoCol = layout.geoCol();
        int periodCol = layout.periodCol();
        int countCol = layout.countCol();
        String table = layout.table();
        String where = "line " + (i + 1);
        checkText(line, rel, where, out);
        List<String> f2 = CsvFields.split(line);
        if (table != null && f2.size() == header.size()) {
            nl.samenloop.indicators.Cell c = sup.printedAt.get(Suppressed.key(table, f2.get(1), f2.get(3), f2.get(5)));
            if (c != null) {
                // Our own tidy table with the row known: each count field against its own count only.
                exact(f2.get(6), table, c.numeratorRef(), sup, rel, where, out);
                exact(f2.get(7), table, c.denominatorRef(), sup, rel, where, out);
                return;
            }
        }
        // Parsed once per line, not once per suppressed count the line names (an audit relation of the
        // Netherlands names every region, and each region has many suppressed counts).
        Set<String> periods = null;
        Map<Integer, List<Long>> numbers = new HashMap<>();
        int tableCol = layout.tableCol();
        String lineTable = tableCol >= 0 && tableCol < f2.size() ? f2.get(tableCol) : layout.fileTable();
        for (SuppressedCount s : sup.named(line, lineTable)) {
            CountRef r = s.ref();
            if (geoCol >= 0 && (geoCol >= f2.size() || !f2.get(geoCol).equals(r.geoCode()))) {
                continue;
            }
            if (periodCol < 0 && periods == null) {
                periods = periods(line);
            }
            if (periodCol >= 0 ? periodCol >= f2.size() || !f2.get(periodCol).equals(r.period())
                    : !periodMatches(periods, r.period())) {
                continue;
            }
            if (countCol >= 0 && (countCol >= f2.size() || !f2.get(countCol).equals(r.name()))) {
                continue;
            }
            for (int c : layout.numberCols()) {
                if (c < f2.size() && numbers.computeIfAbsent(c, k -> wholeNumbers(f2.get(k))).contains(s.value())) {
                    out.add(new Finding(rel, where + " column " + header.get(c), Kind.SUPPRESSED_VALUE,
                            "a number equal to suppressed count " + r));
                }
            }
        }
    }

    private static void exact(String field, String table, CountRef ref, Suppressed sup, String rel, String where,
                              List<Finding> out) {
        Long v = sup.value(table, ref);
        if (v != null && wholeNumbers(field).contains(v)) {
            out.add(new Finding(rel, where, Kind.SUPPRESSED_VALUE, "a number equal to suppressed count " + ref));
        }
    }

    /** {@code tables/<name>.csv} and {@code tables/<name>.xlsx} show table {@code <name>}; other files: null. */
    private static String tableOf(String rel) {
        if (!rel.startsWith("tables/") || rel.indexOf('/', "tables/".length()) >= 0) {
            return null;
        }
        int dot = rel.lastIndexOf('.');
        return dot > "tables/".length() ? rel.substring("tables/".length(), dot) : null;
    }

    private static int firstOf(List<String> header, String... names) {
        for (String n : names) {
            int i = header.indexOf(n);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Workbooks are read by row. A row naming periods is a header: its periods head the columns below.
     * A row above it with block headers "Teller (X)" / "Noemer (X)" / "Waarde" (the layout of
     * {@link XlsxWriter}) says which count each column holds, so a number is compared with the suppressed
     * count of exactly that name, geography and period; the value block holds no counts. Without block
     * headers, any whole number in a row naming the geography, under the period's header (or under none),
     * is compared.
     */
    private static void scanWorkbook(Path f, String rel, Suppressed sup, List<Finding> out) throws IOException {
        String fileTable = tableOf(rel);
        try (InputStream in = Files.newInputStream(f); Workbook wb = new XSSFWorkbook(in)) {
            for (Sheet sh : wb) {
                Map<Integer, String> periodOfColumn = new HashMap<>();
                Map<Integer, String> countOfColumn = new HashMap<>();
                java.util.TreeMap<Integer, String> blocks = new java.util.TreeMap<>();
                for (Row row : sh) {
                    List<String> texts = new ArrayList<>();
                    Map<Integer, Long> wholeByColumn = new HashMap<>();
                    Map<Integer, String> periodsInRow = new HashMap<>();
                    java.util.TreeMap<Integer, String> blocksInRow = new java.util.TreeMap<>();
                    for (Cell c : row) {
                        String where = "sheet '" + sh.getSheetName() + "' cell " + c.getAddress().formatAsString();
                        CellType t = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
                        if (t == CellType.STRING) {
                            String s = c.getStringCellValue();
                            texts.add(s);
                            checkText(s, rel, where, out);
                            if (PERIOD.matcher(s.trim()).matches()) {
                                periodsInRow.put(c.getColumnIndex(), s.trim());
                            }
                            Matcher b = BLOCK_HEADER.matcher(s.trim());
                            if (b.matches()) {
                                blocksInRow.put(c.getColumnIndex(), b.group(1) == null ? "" : b.group(1));
                            }
                        } else if (t == CellType.NUMERIC) {
                            double v = c.getNumericCellValue();
                            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                                long n = (long) v;
                                wholeByColumn.put(c.getColumnIndex(), n);
                                checkDigits(Long.toString(Math.abs(n)), rel, where, out);
                            }
                        }
                    }
                    if (!blocksInRow.isEmpty()) {
                        blocks = blocksInRow;
                        continue;
                    }
                    if (!periodsInRow.isEmpty()) {
                        periodOfColumn = periodsInRow;
                        countOfColumn = new HashMap<>();
                        for (Integer col : periodsInRow.keySet()) {
                            Map.Entry<Integer, String> b = blocks.floorEntry(col);
                            if (b != null) {
                                countOfColumn.put(col, b.getValue());
                            }
                        }
                        blocks = new java.util.TreeMap<>();
                        continue;
                    }
                    String rowText = String.join(" ", texts);
                    for (SuppressedCount s : sup.named(rowText, fileTable)) {
                        for (Map.Entry<Integer, Long> e : wholeByColumn.entrySet()) {
                            String p = periodOfColumn.get(e.getKey());
                            String count = countOfColumn.get(e.getKey());
                            if (count != null && !count.equals(s.ref().name())) {
                                continue; // another count's column, or the value block ("")
                            }
                            if (e.getValue() == s.value() && (p == null || p.equals(s.ref().period()))) {
                                out.add(new Finding(rel, "sheet '" + sh.getSheetName() + "' row " + (row.getRowNum() + 1)
                                        + " column " + (e.getKey() + 1), Kind.SUPPRESSED_VALUE,
                                        "a number equal to suppressed count " + s.ref()));
                            }
                        }
                        // Text cells can hold numbers too (a "19" typed as text).
                        if (wholeNumbers(rowText).contains(s.value())) {
                            out.add(new Finding(rel, "sheet '" + sh.getSheetName() + "' row " + (row.getRowNum() + 1),
                                    Kind.SUPPRESSED_VALUE, "text equal to suppressed count " + s.ref()));
                        }
                    }
                }
            }
        }
    }

    private static void checkText(String text, String rel, String where, List<Finding> out) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            if (m.group(2).isEmpty()) {
                checkDigits(m.group(1), rel, where + " col " + (m.start() + 1), out);
            }
        }
        Matcher c = RECORD_COLUMN.matcher(text);
        while (c.find()) {
            out.add(new Finding(rel, where + " col " + (c.start() + 1), Kind.RECORD_COLUMN,
                    "record-level column name " + c.group(1).toUpperCase(Locale.ROOT)));
        }
    }

    private static void checkDigits(String digits, String rel, String where, List<Finding> out) {
        if (digits.length() == 9) {
            out.add(new Finding(rel, where, Kind.PERSON_KEY, "a 9-digit number standing alone"));
        } else if (digits.length() == 8 && isDate(digits)) {
            out.add(new Finding(rel, where, Kind.DATE, "an 8-digit number that is a date YYYYMMDD"));
        }
    }

    static boolean isDate(String d) {
        int y = Integer.parseInt(d.substring(0, 4));
        if (y < 1900 || y > 2099) {
            return false;
        }
        try {
            LocalDate.of(y, Integer.parseInt(d.substring(4, 6)), Integer.parseInt(d.substring(6, 8)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static List<Long> wholeNumbers(String text) {
        List<Long> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            if (m.group(2).isEmpty() && m.group(1).length() < 19) {
                out.add(Long.parseLong(m.group(1)));
            }
        }
        return out;
    }

    /** The period codes a text names. */
    private static Set<String> periods(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = PERIOD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** A line that names periods must name this one; a line that names none may hold any period's numbers. */
    private static boolean periodMatches(Set<String> periodsNamed, String period) {
        return periodsNamed.isEmpty() || periodsNamed.contains(period);
    }

    /** Minimal RFC 4180 field splitting for one line. */
    static final class CsvFields {
        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            out.add(cur.toString());
            return out;
        }
    }
}
