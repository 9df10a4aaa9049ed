package nl.samenloop.publish;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import nl.samenloop.disclosure.ProtectedCell;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.disclosure.Status;
import nl.samenloop.indicators.Cell;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * {@code tables/<name>.xlsx}: the Dutch publication layout of spec disclosure.md ("Package contents"):
 * one sheet per measure, rows geography (Netherlands, each region with its municipalities, Onbekend),
 * columns periods, in three blocks — the value, the numerator and the denominator — then the source
 * line; and a "Toelichting" sheet with the status codes, the rules and the notes.
 *
 * <p>Dutch number format. Shown numbers are written as numeric cells, so researchers can compute with
 * them. In OOXML a number format code is stored locale-neutral ('.' = decimal placeholder, ',' =
 * grouping placeholder) and the application substitutes the separators of a locale when it displays
 * the cell. The codes here carry the locale tag {@code [$-413]} (nl-NL): LibreOffice imports the tag as
 * the format's language and then shows Dutch separators ({@code 19,7}, {@code 1.234}) whatever the
 * machine's locale; Excel always uses the separators of the Windows/Office regional settings, so a
 * Dutch installation shows {@code 19,7} and an English one {@code 19.7}. No numeric format can force a
 * comma in an English Excel; writing "19,7" as text would, but would turn every number into a string
 * that cannot be summed or charted, so it is not done. The value stored is the one-decimal value the
 * CSV prints (see {@link PublishedRow}), never more precise. Suppressed cells are the text {@code .},
 * right-aligned like the numbers.
 */
public final class XlsxWriter {
    static final String NOTES_SHEET = "Toelichting";
    static final String VALUE_FORMAT = "[$-413]#,##0.0";
    static final String COUNT_FORMAT = "[$-413]#,##0";
    /** Rows above the data: title, subtitle, blank, block header, period header. */
    static final int FIRST_DATA_ROW = 5;
    static final int FIRST_PERIOD_COLUMN = 2;

    private XlsxWriter() {
    }

    public static Path write(Path tablesDir, ProtectedTable table, PackageInfo info) throws IOException {
        Files.createDirectories(tablesDir);
        Path file = tablesDir.resolve(table.source().name() + ".xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles st = new Styles(wb);
            Map<String, List<PublishedRow>> byMeasure = new LinkedHashMap<>();
            for (ProtectedCell pc : table.rows()) {
                if (pc.cell().released()) {
                    byMeasure.computeIfAbsent(pc.cell().measure(), m -> new ArrayList<>()).add(PublishedRow.of(table, pc));
                }
            }
            Set<String> sheetNames = new LinkedHashSet<>();
            sheetNames.add(NOTES_SHEET);
            for (Map.Entry<String, List<PublishedRow>> e : byMeasure.entrySet()) {
                String sheetName = uniqueSheetName(e.getKey(), sheetNames);
                measureSheet(wb.createSheet(sheetName), st, table, e.getKey(), e.getValue());
            }
            notesSheet(wb.createSheet(NOTES_SHEET), st, table, info);
            // The created stamp comes from the package, not the clock, so rewriting gives the same metadata.
            Date created = Date.from(info.created());
            var props = wb.getProperties().getCoreProperties();
            props.setCreated(Optional.of(created));
            props.setModified(Optional.of(created));
            props.setCreator("Samenloop");
            props.setTitle(table.source().title());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            wb.write(bytes);
            try (OutputStream out = Files.newOutputStream(file)) {
                stampEntries(bytes.toByteArray(), LocalDateTime.ofInstant(info.created(), ZoneOffset.UTC), out);
            }
        }
        return file;
    }

    /**
     * POI stamps every zip entry with the current time, so two writes of the same table would differ in
     * bytes (and checksum). Copy the entries, in their order, with the package's created time instead;
     * the parts themselves are unchanged.
     */
    static void stampEntries(byte[] xlsx, LocalDateTime stamp, OutputStream out) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(stamp);
                zip.putNextEntry(copy);
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
    }

    private static void measureSheet(Sheet sh, Styles st, ProtectedTable table, String measure, List<PublishedRow> rows) {
        List<Cell> cells = new ArrayList<>();
        List<String> periods = new ArrayList<>();
        Map<String, PublishedRow> at = new HashMap<>();
        for (PublishedRow r : rows) {
            cells.add(r.cell());
            if (!periods.contains(r.cell().period())) {
                periods.add(r.cell().period());
            }
            at.put(r.cell().geoCode() + "|" + r.cell().period(), r);
        }
        List<GeographyOrder.Geo> geos = GeographyOrder.of(table.source(), cells);
        Cell first = rows.get(0).cell();
        int n = periods.size();
        String[] blocks = {"Waarde", "Teller (" + first.numerator().name() + ")", "Noemer (" + first.denominator().name() + ")"};

        text(sh.createRow(0), 0, table.source().title(), st.title);
        text(sh.createRow(1), 0, "Maat: " + measure, st.plain);
        Row blockRow = sh.createRow(3);
        Row periodRow = sh.createRow(4);
        text(blockRow, 0, "Regio", st.header);
        text(blockRow, 1, "Code", st.header);
        text(periodRow, 0, "", st.header);
        text(periodRow, 1, "", st.header);
        for (int b = 0; b < blocks.length; b++) {
            int c0 = FIRST_PERIOD_COLUMN + b * n;
            text(blockRow, c0, blocks[b], st.header);
            for (int p = 0; p < n; p++) {
                if (p > 0) {
                    text(blockRow, c0 + p, "", st.header);
                }
                text(periodRow, c0 + p, periods.get(p), st.headerRight);
            }
            if (n > 1) {
                sh.addMergedRegion(new CellRangeAddress(3, 3, c0, c0 + n - 1));
            }
        }

        int r = FIRST_DATA_ROW;
        for (GeographyOrder.Geo g : geos) {
            Row row = sh.createRow(r++);
            text(row, 0, g.label(), g.level() == nl.samenloop.model.GeoLevel.MUNICIPALITY ? st.indented : st.bold);
            text(row, 1, g.code(), st.plain);
            for (int p = 0; p < n; p++) {
                PublishedRow pr = at.get(g.code() + "|" + periods.get(p));
                int c = FIRST_PERIOD_COLUMN + p;
                if (pr == null) {
                    // No row for this geography and period in the table: nothing is known, print the CBS dot.
                    dot(row, c, st);
                    dot(row, c + n, st);
                    dot(row, c + 2 * n, st);
                    continue;
                }
                number(row, c, pr.value() == null ? null : pr.value().doubleValue(), st.value, st);
                number(row, c + n, pr.numerator() == null ? null : pr.numerator().doubleValue(), st.count, st);
                number(row, c + 2 * n, pr.denominator() == null ? null : pr.denominator().doubleValue(), st.count, st);
            }
        }
        r++;
        text(sh.createRow(r++), 0, StatusText.SOURCE_LINE, st.plain);
        text(sh.createRow(r), 0, StatusText.DOT_LEGEND, st.plain);

        // Fixed widths rather than autoSizeColumn: autosizing measures fonts, which differ between machines.
        sh.setColumnWidth(0, 34 * 256);
        sh.setColumnWidth(1, 10 * 256);
        for (int c = FIRST_PERIOD_COLUMN; c < FIRST_PERIOD_COLUMN + 3 * n; c++) {
            sh.setColumnWidth(c, 12 * 256);
        }
        sh.createFreezePane(FIRST_PERIOD_COLUMN, FIRST_DATA_ROW);
    }

    private static void notesSheet(Sheet sh, Styles st, ProtectedTable table, PackageInfo info) {
        int r = 0;
        text(sh.createRow(r++), 0, "Toelichting bij " + table.source().title(), st.title);
        r++;
        r = pair(sh, r, st, "Opdracht", info.job());
        r = pair(sh, r, st, "Gegevens", info.dataVersion());
        r = pair(sh, r, st, "Gemeentelijke indeling", Integer.toString(info.classificationYear()));
        r = pair(sh, r, st, "Datahorizon", info.dataHorizon() == null ? "" : info.dataHorizon().toString());
        r = pair(sh, r, st, "Indicator", table.source().indicator());
        r++;
        text(sh.createRow(r++), 0, "Statuscodes", st.bold);
        text(sh.createRow(r++), 0, "Een getal dat niet getoond mag worden staat als '.' in de tabel; "
                + "de status per cel staat in het csv-bestand met dezelfde naam.", st.plain);
        for (Map.Entry<Status, String> e : StatusText.DUTCH.entrySet()) {
            r = pair(sh, r, st, e.getKey().name(), e.getValue());
        }
        r++;
        text(sh.createRow(r++), 0, "Regels voor geheimhouding", st.bold);
        for (Map.Entry<String, String> e : info.rules().entrySet()) {
            r = pair(sh, r, st, e.getKey(), e.getValue());
        }
        if (!table.source().notes().isEmpty()) {
            r++;
            text(sh.createRow(r++), 0, "Toelichting bij de tabel", st.bold);
            for (Map.Entry<String, String> e : table.source().notes().entrySet()) {
                r = pair(sh, r, st, e.getKey(), e.getValue());
            }
        }
        if (!info.notes().isEmpty()) {
            r++;
            text(sh.createRow(r++), 0, "Opmerkingen", st.bold);
            for (String note : info.notes()) {
                text(sh.createRow(r++), 0, note, st.plain);
            }
        }
        r++;
        text(sh.createRow(r), 0, StatusText.SOURCE_LINE, st.plain);
        sh.setColumnWidth(0, 28 * 256);
        sh.setColumnWidth(1, 100 * 256);
    }

    private static int pair(Sheet sh, int r, Styles st, String key, String value) {
        Row row = sh.createRow(r);
        text(row, 0, key, st.plain);
        text(row, 1, value, st.plain);
        return r + 1;
    }

    private static void number(Row row, int col, Double v, CellStyle style, Styles st) {
        if (v == null) {
            dot(row, col, st);
            return;
        }
        org.apache.poi.ss.usermodel.Cell c = row.createCell(col);
        c.setCellValue(v);
        c.setCellStyle(style);
    }

    private static void dot(Row row, int col, Styles st) {
        text(row, col, TidyCsvWriter.NOT_SHOWN, st.dot);
    }

    private static void text(Row row, int col, String s, CellStyle style) {
        org.apache.poi.ss.usermodel.Cell c = row.createCell(col);
        c.setCellValue(s);
        c.setCellStyle(style);
    }

    /** Excel sheet names: at most 31 characters, none of []:*?/\, unique ignoring case. */
    static String uniqueSheetName(String measure, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(measure, '_');
        String name = base;
        for (int i = 2; containsIgnoreCase(taken, name); i++) {
            String suffix = " (" + i + ")";
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        taken.add(name);
        return name;
    }

    private static boolean containsIgnoreCase(Set<String> names, String name) {
        for (String s : names) {
            if (s.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle plain;
        final CellStyle bold;
        final CellStyle indented;
        final CellStyle header;
        final CellStyle headerRight;
        final CellStyle value;
        final CellStyle count;
        final CellStyle dot;

        Styles(XSSFWorkbook wb) {
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 13);
            Font boldFont = wb.createFont();
            boldFont.setBold(true);
            title = wb.createCellStyle();
            title.setFont(big);
            plain = wb.createCellStyle();
            bold = wb.createCellStyle();
            bold.setFont(boldFont);
            indented = wb.createCellStyle();
            indented.setIndention((short) 1);
            header = wb.createCellStyle();
            header.setFont(boldFont);
            header.setBorderBottom(BorderStyle.THIN);
            headerRight = wb.createCellStyle();
            headerRight.cloneStyleFrom(header);
            headerRight.setAlignment(HorizontalAlignment.RIGHT);
            var fmt = wb.createDataFormat();
            value = wb.createCellStyle();
            value.setDataFormat(fmt.getFormat(VALUE_FORMAT));
            value.setAlignment(HorizontalAlignment.RIGHT);
            count = wb.createCellStyle();
            count.setDataFormat(fmt.getFormat(COUNT_FORMAT));
            count.setAlignment(HorizontalAlignment.RIGHT);
            dot = wb.createCellStyle();
            dot.setAlignment(HorizontalAlignment.RIGHT);
        }
    }
}
