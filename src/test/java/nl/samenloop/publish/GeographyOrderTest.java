package nl.samenloop.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.GeoLevel;
import org.junit.jupiter.api.Test;

class GeographyOrderTest {
    private static Cell cell(GeoLevel level, String code, String name) {
        return Cell.share("M", level, code, name, "2019JJ00", new Count("N", 1, 1), new Count("D", 2, 2), true);
    }

    @Test
    void netherlandsThenEachRegionWithItsMunicipalitiesThenUnplacedThenOnbekend() {
        // Given in a scrambled order: the layout order must come from levels and the SUM relations.
        List<Cell> cells = List.of(
                cell(GeoLevel.MUNICIPALITY, GeoLevel.UNKNOWN, "x"),
                cell(GeoLevel.MUNICIPALITY, "GM0003", "Ceeveen"),     // region JR02
                cell(GeoLevel.MUNICIPALITY, "GM0009", "Zeedorp"),     // in no region of this table
                cell(GeoLevel.MUNICIPALITY, "GM0001", "Aastad"),      // region JR01
                cell(GeoLevel.REGION, "JR02", "Tweede regio"),
                cell(GeoLevel.MUNICIPALITY, "GM0002", "Beedorp"),     // region JR01
                cell(GeoLevel.REGION, "JR01", "Eerste regio"),
                cell(GeoLevel.COUNTRY, GeoLevel.NETHERLANDS, "Nederland"));
        List<Relation> rel = List.of(
                Relation.sum(new CountRef("N", "JR01", "2019JJ00"),
                        List.of(new CountRef("N", "GM0001", "2019JJ00"), new CountRef("N", "GM0002", "2019JJ00"))),
                Relation.sum(new CountRef("N", "JR02", "2019JJ00"), List.of(new CountRef("N", "GM0003", "2019JJ00"))),
                // A numerator-within-denominator relation says nothing about regions.
                Relation.atMost(new CountRef("D", "GM0009", "2019JJ00"), new CountRef("N", "GM0009", "2019JJ00")));
        CellTable t = new CellTable("t", "I2", "t", cells, rel, null);
        List<String> labels = new ArrayList<>();
        for (GeographyOrder.Geo g : GeographyOrder.of(t, cells)) {
            labels.add(g.label());
        }
        assertEquals(List.of("Nederland", "Tweede regio", "Ceeveen", "Eerste regio", "Aastad", "Beedorp", "Zeedorp", "Onbekend"),
                labels);
    }

    @Test
    void sheetNamesAreSafeShortAndUnique() {
        Set<String> taken = new LinkedHashSet<>(List.of("Toelichting"));
        assertEquals("WITH_OVERIG_ZONDER_VERBLIJF", XlsxWriter.uniqueSheetName("WITH_OVERIG_ZONDER_VERBLIJF", taken));
        assertEquals("a_b", XlsxWriter.uniqueSheetName("a/b", taken));
        assertEquals("A_B (2)", XlsxWriter.uniqueSheetName("A:B", taken));
        assertEquals("toelichting (2)", XlsxWriter.uniqueSheetName("toelichting", taken));
        String longName = "X".repeat(40);
        assertEquals("X".repeat(31), XlsxWriter.uniqueSheetName(longName, taken));
        assertEquals("X".repeat(27) + " (2)", XlsxWriter.uniqueSheetName(longName, taken));
    }
}
