package nl.samenloop.publish;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.samenloop.disclosure.ProtectedCell;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.indicators.Cell;
import nl.samenloop.model.GeoLevel;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * {@code charts/<name>.png} (spec disclosure.md, "Package contents": series per period against the
 * Netherlands). A number that is not shown in the tables is absent from the chart — a gap in a line, a
 * missing bar — never drawn as zero: the dataset holds null for it, which JFreeChart's renderers skip.
 * Charts are drawn headless and at the size of their {@link ChartSpec}.
 */
public final class ChartWriter {
    static {
        // Must be set before the first AWT class loads; a package is written on servers without a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final String GAP_NOTE = "Ontbrekende punten en staven zijn geheim of niet waarneembaar ('.' in de tabel). "
            + StatusText.SOURCE_LINE;

    private ChartWriter() {
    }

    public static Path write(Path chartsDir, ProtectedTable table, ChartSpec spec) throws IOException {
        Files.createDirectories(chartsDir);
        Path file = chartsDir.resolve(spec.name() + ".png");
        JFreeChart chart = chart(table, spec);
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeChartAsPNG(out, chart, spec.width(), spec.height());
        }
        return file;
    }

    /** The chart, for callers that render it elsewhere. */
    public static JFreeChart chart(ProtectedTable table, ChartSpec spec) {
        DefaultCategoryDataset data = dataset(table, spec);
        JFreeChart chart;
        if (spec.kind() == ChartSpec.Kind.LINES_AGAINST_NETHERLANDS) {
            chart = ChartFactory.createLineChart(spec.title(), "Periode", spec.valueAxisLabel(), data,
                    PlotOrientation.VERTICAL, true, false, false);
            LineAndShapeRenderer r = (LineAndShapeRenderer) chart.getCategoryPlot().getRenderer();
            // Shapes on: a point between two suppressed neighbours has no line and must still be seen.
            r.setDefaultShapesVisible(true);
            r.setDefaultStroke(new BasicStroke(2f));
            r.setAutoPopulateSeriesStroke(false);
            // "1e helft 2019" under a narrow category wraps to two lines instead of ending in "..."; past a dozen
            // periods (quarters) the labels are slanted so each stays whole.
            CategoryAxis x = chart.getCategoryPlot().getDomainAxis();
            x.setMaximumCategoryLabelLines(2);
            if (data.getColumnCount() > 12) {
                x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            }
            int nl = data.getRowIndex(netherlandsKey(table, spec));
            if (nl >= 0) {
                r.setSeriesPaint(nl, Color.BLACK);
                r.setSeriesStroke(nl, new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                        new float[] {9f, 6f}, 0f));
            }
        } else {
            chart = ChartFactory.createBarChart(spec.title(), "Gemeente", spec.valueAxisLabel(), data,
                    PlotOrientation.VERTICAL, true, false, false);
            BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
            r.setBarPainter(new StandardBarPainter());
            r.setShadowVisible(false);
            r.setItemMargin(0.05);
            CategoryAxis x = chart.getCategoryPlot().getDomainAxis();
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            x.setMaximumCategoryLabelLines(2);
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xBBBBBB));
        plot.setOutlineVisible(false);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setNumberFormatOverride(new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("nl-NL"))));
        y.setAutoRangeIncludesZero(true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        TextTitle note = new TextTitle(GAP_NOTE, new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        note.setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
        note.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        note.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 12, 2, 12));
        chart.addSubtitle(note);
        return chart;
    }

    /**
     * The numbers drawn, exactly as the tables show them: the one-decimal value of {@link PublishedRow},
     * null (absent) where the tables print a dot or have no row.
     * Lines: rows = series (the Netherlands first, then municipalities), columns = periods.
     * Bars: rows = periods, columns = geographies (the Netherlands, regions, municipalities).
     * The unknown municipality is not drawn: it is not a place a reader can compare.
     */
    public static DefaultCategoryDataset dataset(ProtectedTable table, ChartSpec spec) {
        return dataset(table, spec, MAX_MUNICIPALITY_LINES);
    }

    /**
     * More lines than this and a line chart is a tangle no reader follows: it then draws the jeugdregio's against
     * the Netherlands instead (when the table has regions); the municipalities stay in the tables.
     */
    static final int MAX_MUNICIPALITY_LINES = 8;

    static DefaultCategoryDataset dataset(ProtectedTable table, ChartSpec spec, int maxMunicipalityLines) {
        List<Cell> cells = new ArrayList<>();
        List<String> periods = new ArrayList<>();
        Map<String, PublishedRow> at = new HashMap<>();
        for (ProtectedCell pc : table.rows()) {
            Cell c = pc.cell();
            if (!c.released() || !c.measure().equals(spec.measure())) {
                continue;
            }
            // A line runs through consecutive periods; a pooled span (2016HJ01-2020HJ02) is no point on that axis.
            if (spec.kind() == ChartSpec.Kind.LINES_AGAINST_NETHERLANDS && c.period().contains("-")) {
                continue;
            }
            cells.add(c);
            if (!periods.contains(c.period())) {
                periods.add(c.period());
            }
            at.put(c.geoCode() + "|" + c.period(), PublishedRow.of(table, pc));
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("chart " + spec.name() + ": table " + table.source().name()
                    + " has no released rows for measure " + spec.measure());
        }
        List<GeographyOrder.Geo> shown = new ArrayList<>();
        for (GeographyOrder.Geo g : GeographyOrder.of(table.source(), cells)) {
            // A place with no shown value in any period would only add an empty legend entry.
            boolean anyShown = periods.stream().map(p -> at.get(g.code() + "|" + p)).anyMatch(r -> r != null && r.value() != null);
            if (!g.unknown() && anyShown) {
                shown.add(g);
            }
        }
        List<GeographyOrder.Geo> geos = shown;
        if (spec.kind() == ChartSpec.Kind.LINES_AGAINST_NETHERLANDS) {
            long municipalities = shown.stream().filter(g -> g.level() == GeoLevel.MUNICIPALITY).count();
            boolean regions = shown.stream().anyMatch(g -> g.level() == GeoLevel.REGION);
            GeoLevel drop = municipalities > maxMunicipalityLines && regions ? GeoLevel.MUNICIPALITY : GeoLevel.REGION;
            geos = shown.stream().filter(g -> g.level() != drop).toList();
        }
        // Series and categories are keyed by label; two places with one name (rare, after mergers) get their code.
        Map<String, Integer> labelUse = new HashMap<>();
        geos.forEach(g -> labelUse.merge(g.label(), 1, Integer::sum));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (GeographyOrder.Geo g : geos) {
            String key = labelUse.get(g.label()) > 1 ? g.label() + " (" + g.code() + ")" : g.label();
            for (String p : periods) {
                PublishedRow r = at.get(g.code() + "|" + p);
                Number v = r == null || r.value() == null ? null : r.value().doubleValue();
                // Periods as a reader says them ("1e helft 2019", "2016–2020"), not as CBS codes them.
                String period = PeriodLabels.of(p);
                if (spec.kind() == ChartSpec.Kind.LINES_AGAINST_NETHERLANDS) {
                    data.addValue(v, key, period);
                } else {
                    data.addValue(v, period, key);
                }
            }
        }
        return data;
    }

    private static String netherlandsKey(ProtectedTable table, ChartSpec spec) {
        for (ProtectedCell pc : table.rows()) {
            Cell c = pc.cell();
            if (c.level() == GeoLevel.COUNTRY && c.measure().equals(spec.measure())) {
                return new GeographyOrder.Geo(c.level(), c.geoCode(), c.geoName()).label();
            }
        }
        return "";
    }
}
