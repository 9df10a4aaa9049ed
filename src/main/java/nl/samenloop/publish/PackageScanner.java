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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 * in a line or sheet row that names that count's geography code, and either names its period or —
 * in a workbook — sits in a column headed by its period (or under no period header).</li>
 * </ul>
 * The suppressed-value check is tied to the geography and period on purpose: small counts (3, 7) turn
 * up everywhere — status tallies, thresholds — and a check on bare numbers would bury a real leak in
 * noise. Columns of a CSV whose header names an interval bound (lower, upper, bound, interval, width,
 * min, max) are not checked for it: audit intervals are meant to be published and a zero count always
 * equals its own lower bound. Binary files (png) are listed as not scanned. Findings never repeat the
 * number they found, only where it is.
 */
public final class PackageScanner {
    public enum Kind { PERSON_KEY, RECORD_COLUMN, DATE, SUPPRESSED_VALUE }

    /** A suppressed count and its true value, from the secure working copy. */
    public record SuppressedCount(CountRef ref, long value) {
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
    private static final Pattern BOUND_HEADER = Pattern.compile("(?i).*(lower|upper|bound|interval|width|min|max).*");

    private PackageScanner() {
    }

    public static Report scan(Path packageDir, Collection<SuppressedCount> suppressed) throws IOException {
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
                scanWorkbook(f, rel, suppressed, findings);
                scanned.add(rel);
            } else if (TEXT_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
                scanText(f, rel, lower.endsWith(".csv"), suppressed, findings);
                scanned.add(rel);
            } else {
                notScanned.add(rel);
            }
        }
        return new Report(scanned, notScanned, findings);
    }

    private static void scanText(Path f, String rel, boolean csv, Collection<SuppressedCount> suppressed,
                                 List<Finding> out) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        List<Boolean> boundColumn = List.of();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = "line " + (i + 1);
            checkText(line, rel, where, out);
            if (csv && i == 0) {
                boundColumn = boundColumns(line);
                continue;
            }
            if (suppressed.isEmpty()) {
                continue;
            }
            String checked = csv ? withoutColumns(line, boundColumn) : line;
            List<Long> numbers = wholeNumbers(checked);
            for (SuppressedCount s : suppressed) {
                if (mentions(checked, s.ref().geoCode()) && periodMatches(checked, s.ref().period())
                        && numbers.contains(s.value())) {
                    out.add(new Finding(rel, where, Kind.SUPPRESSED_VALUE, "a number equal to suppressed count " + s.ref()));
                }
            }
        }
    }

    private static void scanWorkbook(Path f, String rel, Collection<SuppressedCount> suppressed, List<Finding> out)
            throws IOException {
        try (InputStream in = Files.newInputStream(f); Workbook wb = new XSSFWorkbook(in)) {
            for (Sheet sh : wb) {
                Map<Integer, String> periodOfColumn = new HashMap<>();
                for (Row row : sh) {
                    List<String> texts = new ArrayList<>();
                    Map<Integer, Long> wholeByColumn = new HashMap<>();
                    Map<Integer, String> periodsInRow = new HashMap<>();
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
                        } else if (t == CellType.NUMERIC) {
                            double v = c.getNumericCellValue();
                            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                                long n = (long) v;
                                wholeByColumn.put(c.getColumnIndex(), n);
                                checkDigits(Long.toString(Math.abs(n)), rel, where, out);
                            }
                        }
                    }
                    if (!periodsInRow.isEmpty()) {
                        // A header row: the periods it names head the columns below it.
                        periodOfColumn = periodsInRow;
                        continue;
                    }
                    String rowText = String.join(" ", texts);
                    for (SuppressedCount s : suppressed) {
                        if (!mentions(rowText, s.ref().geoCode())) {
                            continue;
                        }
                        for (Map.Entry<Integer, Long> e : wholeByColumn.entrySet()) {
                            String p = periodOfColumn.get(e.getKey());
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

    private static boolean mentions(String text, String code) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(code) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }

    /** A line that names periods must name this one; a line that names none may hold any period's numbers. */
    private static boolean periodMatches(String text, String period) {
        Matcher m = PERIOD.matcher(text);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (m.group().equals(period)) {
                return true;
            }
        }
        return !any;
    }

    private static List<Boolean> boundColumns(String header) {
        List<Boolean> out = new ArrayList<>();
        for (String h : CsvFields.split(header)) {
            out.add(BOUND_HEADER.matcher(h).matches());
        }
        return out;
    }

    private static String withoutColumns(String line, List<Boolean> drop) {
        if (!drop.contains(Boolean.TRUE)) {
            return line;
        }
        List<String> f = CsvFields.split(line);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.size(); i++) {
            if (i < drop.size() && drop.get(i)) {
                continue;
            }
            sb.append(f.get(i)).append(',');
        }
        return sb.toString();
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
