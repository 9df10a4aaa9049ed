package nl.samenloop.check;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * One {@code tables/<name>.xlsx} as the checker reads it, in the layout {@code publish.XlsxWriter} writes: per
 * measure a sheet with "Maat: MEASURE" in row 2, the blocks "Waarde", "Teller (COUNT)", "Noemer (COUNT)" in row 4,
 * the periods in row 5, and from row 6 one row per area (name, code, then the cells). The block headers name the
 * counts behind numerator and denominator, which the tidy CSV does not; the checker uses them to find a row's
 * counts in {@code audit/cells.csv}.
 */
final class Workbook {
    private static final Pattern BLOCK = Pattern.compile("(Teller|Noemer) \\((.*)\\)");
    private static final int HEADER_ROW = 3;
    private static final int PERIOD_ROW = 4;
    private static final int FIRST_DATA_ROW = 5;
    private static final int FIRST_PERIOD_COLUMN = 2;

    /** A printed cell: {@code .} or a number; position for the finding. */
    record Printed(String sheet, String cell, String measure, String geo, String period, String block, String text,
                   Double number) {
    }

    private final String file;
    private final Map<String, String[]> countNames = new LinkedHashMap<>();
    private final List<Printed> cells = new ArrayList<>();

    private Workbook(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    /** Measure → {numerator count name, denominator count name}. */
    Map<String, String[]> countNames() {
        return countNames;
    }

    /** The workbook of table {@code name}, or null with a finding when it is missing or unreadable. */
    static Workbook read(Path pkg, String name, List<String> findings) {
        String file = "tables/" + name + ".xlsx";
        Path f = pkg.resolve(file);
        if (!Files.isRegularFile(f)) {
            findings.add(file + ": missing (every table is published as csv and xlsx)");
            return null;
        }
        Workbook wb = new Workbook(file);
        try (OPCPackage opc = OPCPackage.open(f.toFile(), PackageAccess.READ); XSSFWorkbook x = new XSSFWorkbook(opc)) {
            for (Sheet sh : x) {
                if (sh.getSheetName().equals("Toelichting")) {
                    continue;
                }
                wb.sheet(sh, findings);
            }
        } catch (IOException | RuntimeException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            findings.add(file + ": not a readable workbook (" + e.getClass().getSimpleName() + ")");
            return null;
        }
        return wb;
    }

    private void sheet(Sheet sh, List<String> findings) {
        String where = file + " sheet " + sh.getSheetName();
        String maat = text(sh.getRow(1), 0);
        if (maat == null || !maat.startsWith("Maat: ")) {
            findings.add(where + " cell A2: expected 'Maat: MEASURE'");
            return;
        }
        String measure = maat.substring("Maat: ".length());
        Row header = sh.getRow(HEADER_ROW);
        Row periods = sh.getRow(PERIOD_ROW);
        int tellerAt = -1;
        int noemerAt = -1;
        String[] names = new String[2];
        for (int c = FIRST_PERIOD_COLUMN; header != null && c < header.getLastCellNum(); c++) {
            Matcher m = BLOCK.matcher(String.valueOf(text(header, c)));
            if (m.matches()) {
                if (m.group(1).equals("Teller")) {
                    tellerAt = c;
                    names[0] = m.group(2);
                } else {
                    noemerAt = c;
                    names[1] = m.group(2);
                }
            }
        }
        int n = tellerAt - FIRST_PERIOD_COLUMN;
        if (n <= 0 || noemerAt != tellerAt + n) {
            findings.add(where + " row 4: expected the blocks Waarde, Teller (COUNT), Noemer (COUNT)");
            return;
        }
        countNames.put(measure, names);
        List<String> ps = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            ps.add(text(periods, FIRST_PERIOD_COLUMN + p));
        }
        String[] blocks = {"value", "numerator", "denominator"};
        for (int r = FIRST_DATA_ROW; r <= sh.getLastRowNum(); r++) {
            Row row = sh.getRow(r);
            String geo = text(row, 1);
            if (geo == null || geo.isBlank()) {
                break;
            }
            for (int b = 0; b < 3; b++) {
                for (int p = 0; p < n; p++) {
                    int c = FIRST_PERIOD_COLUMN + b * n + p;
                    Cell cell = row.getCell(c);
                    String ref = new CellReference(r, c).formatAsString();
                    String t = null;
                    Double num = null;
                    if (cell != null && cell.getCellType() == CellType.NUMERIC) {
                        num = cell.getNumericCellValue();
                    } else if (cell != null && cell.getCellType() == CellType.STRING) {
                        t = cell.getStringCellValue();
                    }
                    cells.add(new Printed(sh.getSheetName(), ref, measure, geo, ps.get(p), blocks[b], t, num));
                }
            }
        }
    }

    /**
     * Every cell against the tidy CSV: the same number, or {@code .} where the CSV prints {@code .} or has no row;
     * and every CSV row has its cells here.
     */
    void compare(PublishedTable t, List<String> findings) {
        Map<String, PublishedTable.Row> rows = t.byKey();
        java.util.Set<String> found = new java.util.HashSet<>();
        for (Printed p : cells) {
            String where = file + " sheet " + p.sheet() + " cell " + p.cell() + " (" + p.measure() + ", " + p.geo() + ", "
                    + p.period() + ", " + p.block() + ")";
            PublishedTable.Row r = rows.get(PublishedTable.Row.key(p.measure(), p.geo(), p.period()));
            String csv = r == null ? "." : switch (p.block()) {
                case "value" -> r.value();
                case "numerator" -> r.numerator();
                default -> r.denominator();
            };
            if (r != null) {
                found.add(r.key());
            }
            if (".".equals(csv)) {
                if (p.number() != null) {
                    findings.add(where + ": shows a number where " + t.file()
                            + (r == null ? " has no row" : " line " + r.line() + " prints '.'"));
                } else if (!".".equals(p.text())) {
                    findings.add(where + ": expected '.'");
                }
            } else if (p.number() == null) {
                findings.add(where + ": prints no number where " + t.file() + " line " + r.line() + " shows one");
            } else {
                try {
                    if (new BigDecimal(csv).subtract(BigDecimal.valueOf(p.number())).abs().compareTo(new BigDecimal("1e-9")) > 0) {
                        findings.add(where + ": differs from " + t.file() + " line " + r.line());
                    }
                } catch (NumberFormatException e) {
                    findings.add(t.file() + " line " + r.line() + " column " + p.block() + ": not a number");
                }
            }
        }
        for (PublishedTable.Row r : t.rows()) {
            if (!found.contains(r.key())) {
                findings.add(r.where(t.file()) + ": has no cells in " + file);
            }
        }
    }

    private static String text(Row row, int c) {
        if (row == null || row.getCell(c) == null) {
            return null;
        }
        Cell cell = row.getCell(c);
        return cell.getCellType() == CellType.STRING ? cell.getStringCellValue()
                : cell.getCellType() == CellType.NUMERIC ? String.valueOf(cell.getNumericCellValue()) : null;
    }
}
