package nl.samenloop.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.publish.GeographyOrder;
import org.junit.jupiter.api.Test;

/** I6 tables hold only GROUP rows: the publication layout keeps them, in table order, after any hierarchy rows. */
class GroupRowsPublishTest {
    @Test
    void groupRowsAreNotDroppedFromTheLayout() {
        List<Cell> cells = List.of(
                Cell.share("M", GeoLevel.GROUP, "rijnmond", "rijnmond", "2016JJ00-2020JJ00", new Count("N", 1, 1), new Count("D", 2, 2), true),
                Cell.share("M", GeoLevel.COUNTRY, GeoLevel.NETHERLANDS, "Nederland", "2016JJ00-2020JJ00", new Count("N", 3, 3), new Count("D", 9, 9), true),
                Cell.share("M", GeoLevel.GROUP, "haaglanden", "haaglanden", "2016JJ00-2020JJ00", new Count("N", 1, 1), new Count("D", 3, 3), true));
        CellTable t = new CellTable("t", "I6", "t", cells, List.of(), null);
        assertEquals(List.of("Nederland", "rijnmond", "haaglanden"),
                GeographyOrder.of(t, cells).stream().map(GeographyOrder.Geo::label).toList());
    }
}
